#!/usr/bin/env node
// `npm start`: runs Arbor from the repository against PostgreSQL, RabbitMQ and Redis (by default
// the local ones): checks they answer, builds, applies every service's migrations, starts every
// service and the gateway, and says where the gateway listens. Ctrl-C stops everything.
// Settings come from the environment (see .env.example); nothing is installed by surprise.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
process.chdir(root);

if (!existsSync('node_modules')) {
  console.error('Dependencies are not installed: run `npm ci` first.');
  process.exit(1);
}

const env = { ...process.env };

// Keys a service needs that have no safe default: on a developer machine, made once and kept
// in .arbor/local-secrets.env (git-ignored, owner-only), so data encrypted at rest stays
// readable from one run to the next. Production sets them explicitly (see .env.example).
const LOCAL_SECRETS = {
  ARBOR_IDENTITY_KEY_ENCRYPTION_KEYS: () => `local1:${randomBytes(32).toString('base64')}`,
  ARBOR_PAYMENTS_KEY_ENCRYPTION_KEYS: () => `local1:${randomBytes(32).toString('base64')}`,
  ARBOR_CLIENT_RECORDS_KEY_ENCRYPTION_KEYS: () => `local1:${randomBytes(32).toString('base64')}`,
  ARBOR_CLIENT_RECORDS_SEARCH_KEY: () => randomBytes(32).toString('base64'),
  ARBOR_NOTES_KEY_ENCRYPTION_KEYS: () => `local1:${randomBytes(32).toString('base64')}`,
  // Not a setting of any service: the demo Admin's password, random per machine.
  ARBOR_DEMO_ADMIN_PASSWORD: () => `demo-${randomBytes(12).toString('base64url')}`,
};
const DEMO_ADMIN_EMAIL = 'admin@demo-practice.test';
function loadLocalSecrets() {
  const file = path.join('.arbor', 'local-secrets.env');
  const saved = existsSync(file)
    ? Object.fromEntries(
        readFileSync(file, 'utf8')
          .split('\n')
          .filter((line) => line.includes('='))
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      )
    : {};
  let added = false;
  for (const [name, make] of Object.entries(LOCAL_SECRETS)) {
    if (env[name]) continue;
    if (!saved[name]) {
      saved[name] = make();
      added = true;
    }
    env[name] = saved[name];
  }
  if (added) {
    mkdirSync('.arbor', { recursive: true });
    writeFileSync(
      file,
      Object.entries(saved)
        .map(([name, value]) => `${name}=${value}\n`)
        .join(''),
      { mode: 0o600 },
    );
    chmodSync(file, 0o600);
    say(`created development keys in ${file} (keep it: data encrypted with them needs them)`);
  }
}
const postgresUrl = env.ARBOR_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const rabbitmqUrl = env.ARBOR_RABBITMQ_URL || 'amqp://guest:guest@127.0.0.1:5672';
const redisUrl = env.ARBOR_REDIS_URL || 'redis://127.0.0.1:6379';
const gatewayPort = env.ARBOR_GATEWAY_PORT || '3000';

const redact = (url) => url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
const say = (line) => console.log(`arbor: ${line}`);

// 1. The three services Arbor needs, each named when it does not answer.
async function checkDependencies() {
  const { default: pg } = await import('pg');
  const { default: amqp } = await import('amqplib');
  const { Redis } = await import('ioredis');
  const checks = {
    PostgreSQL: [
      postgresUrl,
      async () => {
        const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
        await client.connect();
        await client.end();
      },
      'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
    ],
    RabbitMQ: [
      rabbitmqUrl,
      async () => {
        const connection = await amqp.connect(rabbitmqUrl, { timeout: 3000 });
        await connection.close();
      },
      'rabbitmq-server -detached',
    ],
    Redis: [
      redisUrl,
      async () => {
        const redis = new Redis(redisUrl, {
          lazyConnect: true,
          maxRetriesPerRequest: 0,
          connectTimeout: 3000,
        });
        let cause;
        redis.on('error', (error) => (cause = error));
        try {
          await redis.connect().catch((error) => {
            throw cause ?? error;
          });
          await redis.ping();
        } finally {
          redis.disconnect();
        }
      },
      'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no',
    ],
  };
  let missing = 0;
  for (const [name, [url, check, hint]] of Object.entries(checks)) {
    try {
      await check();
      say(`${name} answers at ${redact(url)}`);
    } catch (error) {
      missing += 1;
      console.error(`arbor: ${name} does not answer at ${redact(url)}: ${error.message}`);
      console.error(`       start it (e.g. \`${hint}\`, or \`docker compose up -d ${name.toLowerCase()}\`)`);
      console.error(
        `       or point ARBOR_${name === 'PostgreSQL' ? 'POSTGRES' : name.toUpperCase()}_URL at yours.`,
      );
    }
  }
  if (missing > 0) process.exit(1);
}

function run(command, args, label) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...env, NX_DAEMON: 'false' } });
  if (result.status !== 0) {
    console.error(`arbor: ${label} failed`);
    process.exit(result.status ?? 1);
  }
}

// Service apps are the ones with a migrate step; the gateway starts last.
const apps = readdirSync('apps').filter((app) => existsSync(path.join('apps', app, 'project.json')));
const services = apps.filter((app) => existsSync(path.join('apps', app, 'src', 'migrate.ts')));
const entry = (app, name) => path.join('dist', app, 'apps', app, 'src', `${name}.js`);

/** Child output, one line at a time, readable: `[app] level message` for pino's JSON lines. */
function pipeOutput(app, stream, sink) {
  let buffer = '';
  stream.on('data', (chunk) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop();
    for (const line of lines) {
      if (!line.trim()) continue;
      let text = line;
      try {
        const entry = JSON.parse(line);
        const extra = entry.err?.message ? ` (${entry.err.message})` : '';
        text = `${entry.level ?? ''} ${entry.msg ?? line}${extra}`;
      } catch {
        // not JSON: print as it is
      }
      sink.write(`[${app}] ${text}\n`);
    }
  });
}

const children = new Map();
let stopping = false;

function stopAll(code) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  for (const child of children.values()) child.kill('SIGTERM');
  const deadline = setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
  }, 10_000);
  Promise.all(
    [...children.values()].map((child) => new Promise((resolve) => child.once('exit', resolve))),
  ).then(() => {
    clearTimeout(deadline);
    process.exit(code);
  });
}

function startApp(app) {
  const child = spawn(process.execPath, ['--enable-source-maps', entry(app, 'main')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  pipeOutput(app, child.stdout, process.stdout);
  pipeOutput(app, child.stderr, process.stderr);
  child.once('exit', (code, signal) => {
    children.delete(app);
    if (!stopping) {
      console.error(`arbor: ${app} exited (${code ?? signal}); stopping the rest`);
      stopAll(1);
    }
  });
  children.set(app, child);
}

async function waitForGateway() {
  const url = `http://127.0.0.1:${gatewayPort}/api/v1/health`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !stopping) {
    try {
      const response = await fetch(url);
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

/**
 * The processor sandbox answers like Stripe, Authorize.net and Converge, so a practice set up
 * here can take test payments at once. Set ARBOR_PAYMENTS_PROCESSOR_SANDBOX_URL yourself to use
 * another one, or to an empty value to reach the real processors.
 */
async function startSandbox() {
  if (env.ARBOR_PAYMENTS_PROCESSOR_SANDBOX_URL !== undefined || !services.includes('payments')) return;
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'tools/processor-sandbox/src/main.ts'], {
    env: { ...env, SWC_NODE_PROJECT: 'tools/processor-sandbox/tsconfig.json' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.set('processor-sandbox', child);
  child.once('exit', (code, signal) => {
    children.delete('processor-sandbox');
    if (!stopping) {
      console.error(`arbor: processor-sandbox exited (${code ?? signal}); stopping the rest`);
      stopAll(1);
    }
  });
  pipeOutput('processor-sandbox', child.stderr, process.stderr);
  env.ARBOR_PAYMENTS_PROCESSOR_SANDBOX_URL = await new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.once('exit', () => reject(new Error(`processor sandbox did not start: ${output}`)));
  });
  say(
    `processor sandbox (Stripe, Authorize.net, Converge look-alike) at ${env.ARBOR_PAYMENTS_PROCESSOR_SANDBOX_URL}`,
  );
}

process.once('SIGINT', () => stopAll(0));
process.once('SIGTERM', () => stopAll(0));

await checkDependencies();
loadLocalSecrets();
say('building…');
run('npx', ['nx', 'run-many', '-t', 'build', '--output-style=static'], 'build');
for (const service of services) run(process.execPath, [entry(service, 'migrate')], `${service} migration`);
await startSandbox();
for (const service of services) startApp(service);
if (apps.includes('gateway')) startApp('gateway');
/**
 * A demo practice, so there is something to sign in to: its Admin (also a Provider), Client
 * Billing enabled for them, and a Stripe test account on the sandbox. Made once; later runs find
 * it and leave it as it is.
 */
async function seedDemoPractice() {
  const api = async (method, path, { body, token } = {}) => {
    const response = await fetch(`http://127.0.0.1:${gatewayPort}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: response.status === 204 ? {} : await response.json() };
  };
  const password = env.ARBOR_DEMO_ADMIN_PASSWORD;
  const signUp = await api('POST', '/practices', {
    body: { practiceName: 'Demo Practice', admin: { name: 'Dana Demo', email: DEMO_ADMIN_EMAIL, password } },
  });
  if (signUp.status === 409) return say(`demo practice: sign in as ${DEMO_ADMIN_EMAIL} / ${password}`);
  if (signUp.status !== 201)
    throw new Error(`sign-up answered ${signUp.status}: ${JSON.stringify(signUp.body)}`);
  const practiceId = signUp.body.practice.id;
  const session = await api('POST', '/auth/login', { body: { email: DEMO_ADMIN_EMAIL, password } });
  const admin = await api('POST', '/auth/switch-role', {
    token: session.body.accessToken,
    body: { practiceId, role: 'admin' },
  });
  const token = admin.body.accessToken;
  // Identity announces the new provider by event; service-enablement may need a moment to hear it.
  for (let attempt = 0; attempt < 40; attempt += 1) {
    const enabled = await api('PATCH', `/practices/${practiceId}/services/client_billing`, {
      token,
      body: { enabled: true, providerIds: [signUp.body.user.id] },
    });
    if (enabled.status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (env.ARBOR_PAYMENTS_PROCESSOR_SANDBOX_URL) {
    await api('POST', `/practices/${practiceId}/payment-processors`, {
      token,
      body: {
        description: 'Stripe (sandbox)',
        type: 'stripe',
        credentials: {
          secretKey: `sk_test_${randomBytes(12).toString('hex')}`,
          publishableKey: `pk_test_${randomBytes(12).toString('hex')}`,
        },
      },
    });
  }
  say(`demo practice created: sign in as ${DEMO_ADMIN_EMAIL} / ${password}`);
}

if (await waitForGateway()) {
  await seedDemoPractice().catch((error) =>
    console.error(`arbor: could not seed the demo practice: ${error.message}`),
  );
  say(
    `running: gateway on http://localhost:${gatewayPort}  (API docs: http://localhost:${gatewayPort}/api/docs)`,
  );
  say(`services: ${services.join(', ')}. Ctrl-C stops everything.`);
} else if (!stopping) {
  console.error(
    `arbor: the gateway did not report healthy within 60 s; see the logs above (GET /api/v1/health)`,
  );
}
