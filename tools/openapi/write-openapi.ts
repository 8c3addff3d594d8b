// Writes the gateway's OpenAPI document to the file named on the command line, built from the
// gateway module's route metadata exactly as the running gateway builds it — without starting it
// (no broker, no database): the controllers' decorators are all it reads.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GatewayModule } from '../../apps/gateway/src/gateway.module';
import type { GatewayConfig } from '../../apps/gateway/src/gateway.config';
import { API_VERSION } from '../../apps/gateway/src/openapi/openapi.controller';
import { buildOpenApiDocument } from '../../apps/gateway/src/openapi/openapi.document';
import { routeTable } from '../../apps/gateway/src/openapi/route-table';

const out = process.argv[2];
if (!out) {
  console.error('usage: write-openapi.ts <output.json>');
  process.exit(2);
}
// register() only lists providers and controllers; nothing here is constructed or connected.
const { controllers = [] } = GatewayModule.register({
  config: {} as GatewayConfig,
  logger: {} as never,
  bus: {} as never,
});
const contracts = routeTable(controllers).flatMap((entry) => (entry.contract ? [entry.contract] : []));
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(buildOpenApiDocument(contracts, API_VERSION), null, 2)}\n`);
console.log(`openapi: ${contracts.length} operations → ${out}`);
