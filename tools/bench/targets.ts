// What the benchmark drives that lives outside the published libraries: the real gateway
// application, identity's password-hashing parameters and the messaging library's fixture service. The benchmark is a tool, never
// shipped, so it reaches into those projects directly (and only here).
import path from 'node:path';

// eslint-disable-next-line @nx/enforce-module-boundaries -- the benchmark measures the real gateway app
export { createGatewayApp, type GatewayApp } from '../../apps/gateway/src/gateway.app';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the benchmark measures the real gateway app
export type { GatewayConfig } from '../../apps/gateway/src/gateway.config';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the benchmark measures the real gateway app
export { GATEWAY_BUS } from '../../apps/gateway/src/gateway.tokens';
// eslint-disable-next-line @nx/enforce-module-boundaries -- argon2id alone, with exactly identity's parameters
export { ARGON2_OPTIONS } from '../../apps/identity/src/passwords/passwords.service';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the messaging library's own fixture service
export { FixtureModule } from '../../libs/messaging/test/fixtures/fixture.module';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the messaging library's own fixture service
export {
  EchoItem,
  FIXTURE_SERVICE,
  ItemRecorded,
} from '../../libs/messaging/test/fixtures/fixture.contracts';

/** The fixture service's migrations: outbox, inbox and the `fixture_effects` table. */
export const FIXTURE_MIGRATIONS = path.join(__dirname, '..', '..', 'libs', 'messaging', 'test', 'migrations');
