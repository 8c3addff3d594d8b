import { loadSandboxConfig } from './processor-sandbox.config';
import { startProcessorSandbox } from './sandbox';

/**
 * `node tools/processor-sandbox/src/main.ts` (through @swc-node/register): starts the sandbox on
 * ARBOR_SANDBOX_PORT (default 12111), prints where each processor API answers, and stops on
 * SIGINT/SIGTERM.
 */
async function main(): Promise<void> {
  const config = loadSandboxConfig();
  const sandbox = await startProcessorSandbox({ port: config.port, host: config.host });
  const lines = [
    `processor sandbox listening on ${sandbox.url}`,
    `  Stripe:        new Stripe('sk_test_…', { host: '127.0.0.1', port: ${sandbox.port}, protocol: 'http' })`,
    `  Authorize.net: ${sandbox.url}/xml/v1/request.api`,
    `  Converge:      ${sandbox.url}/VirtualMerchantDemo/processxml.do`,
    `  browser:       ${sandbox.url}/js/stripe/v3/ · ${sandbox.url}/js/authorize-net/v1/Accept.js · ${sandbox.url}/hosted-payments/Checkout.js`,
    `  control:       ${sandbox.url}/_sandbox/ (settle, webhooks, reset)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `processor sandbox failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
