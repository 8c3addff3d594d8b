import 'reflect-metadata';
import { createMetricsRegistry, startOpsServer } from '@arbor/observability';
import { createGatewayApp } from './gateway.app';
import { loadGatewayConfig } from './gateway.config';

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const registry = createMetricsRegistry('gateway');
  const gateway = await createGatewayApp(config, { registry });
  await gateway.app.listen({ port: config.port, host: config.host });
  const ops = await startOpsServer({
    port: config.opsPort,
    logger: gateway.logger,
    registry,
    checks: gateway.checks,
  });
  gateway.logger.info(
    `Arbor gateway listening on http://localhost:${config.port} (API docs: /api/docs; ` +
      (config.webRoot === undefined ? 'API only, no web app)' : `the web app from ${config.webRoot})`),
  );

  const stop = (signal: NodeJS.Signals) => {
    gateway.logger.info({ signal }, 'gateway stopping');
    Promise.all([gateway.close(), ops.close()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
