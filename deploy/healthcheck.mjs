#!/usr/bin/env node
// Container health probe used by the image's HEALTHCHECK and by docker-compose healthchecks:
//   node /app/healthcheck.mjs [/health/live | /health/ready]
// GETs the path on the app's ops port and exits 0 on a 2xx answer, 1 otherwise. The slim Node
// image has no curl or wget, and Node's own fetch needs no extra package.
// The port follows the same precedence as the app (docs/runtime-names.md): the service-specific
// ARBOR_<APP>_OPS_PORT if set at run time, else the APP_OPS_PORT baked into the image at build time.
const path = process.argv[2] ?? '/health/live';
const app = (process.env.APP_NAME ?? '').toUpperCase().replace(/-/g, '_');
const port = process.env[`ARBOR_${app}_OPS_PORT`] || process.env.APP_OPS_PORT;

if (!port) {
  console.error('healthcheck: no ops port (set APP_OPS_PORT or ARBOR_<APP>_OPS_PORT)');
  process.exit(1);
}

try {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(4000) });
  if (!response.ok) console.error(`healthcheck: ${path} answered HTTP ${response.status}`);
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  console.error(`healthcheck: ${path} failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
