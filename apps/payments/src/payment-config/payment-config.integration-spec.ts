// Real: the payments service started as main.ts starts it (the shared service world: its own
// throwaway PostgreSQL database, RabbitMQ), processor credentials sealed and opened with a real
// key ring, and the processor sandbox over HTTP, which issues Converge's session tokens and says
// what it issued each for. Faked: the processors themselves (the sandbox answers in their place)
// and the caller (invoicing), whose actors are made up here.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import {
  CreateProcessorAccount,
  DeleteProcessorAccount,
  GetPaymentConfig,
  type Actor,
  type ProcessorCredentials,
} from '@arbor/contracts';
import { keyRing } from '@arbor/crypto';
import { createServiceWorld, type ServiceWorld } from '@arbor/service-testing';
import { SERVICE_NAME } from '../payments.config';
import { PaymentsModule } from '../payments.module';
import {
  startProcessorSandbox,
  testCredentials,
  type ProcessorSandbox,
} from '../processors/test/processor-sandbox';

const paymentsWorld = (processorSandboxUrl: string) =>
  createServiceWorld({
    service: SERVICE_NAME,
    migrations: path.join(__dirname, '../../migrations'),
    module: ({ clock }) =>
      PaymentsModule.register({
        keys: keyRing(new Map([['k1', randomBytes(32)]])),
        processorSandboxUrl,
        clock,
      }),
  });

/** A practice of its own with this account as its active processor; answers the practice and the account. */
async function practiceWith(world: ServiceWorld, account: ProcessorCredentials) {
  const practiceId = uuidv7();
  const admin: Actor = { userId: uuidv7(), practiceId, role: 'admin' };
  const created = await world.bus.send(CreateProcessorAccount, {
    actor: admin,
    account: { description: 'Cards', ...account },
  });
  return { practiceId, admin, accountId: created.id };
}

describe('the payment page configuration over the bus', () => {
  let sandbox: ProcessorSandbox;
  let world: ServiceWorld;

  beforeAll(async () => {
    sandbox = await startProcessorSandbox({ port: 0 });
    world = await paymentsWorld(sandbox.url);
  });
  afterAll(async () => {
    await world?.close();
    await sandbox?.close();
  });

  const configOf = (practiceId: string) => world.bus.send(GetPaymentConfig, { practiceId });

  it('answers a Stripe practice its publishable key and the sandbox’s Stripe.js, nothing secret', async () => {
    const credentials = testCredentials.stripe();
    const { practiceId } = await practiceWith(world, { type: 'stripe', credentials });
    const config = await configOf(practiceId);
    expect(config).toEqual({
      processor: 'stripe',
      scriptUrl: `${sandbox.url}/js/stripe/v3/`,
      publishableKey: credentials.publishableKey,
    });
    expect(JSON.stringify(config)).not.toContain(credentials.secretKey);
    expect(JSON.stringify(config)).not.toContain(credentials.webhookSecret);
  });

  it('answers an Authorize.net practice its API Login ID and Public Client Key, never the Transaction Key', async () => {
    const credentials = testCredentials.authorizeNet();
    const { practiceId } = await practiceWith(world, { type: 'authorize_net', credentials });
    const config = await configOf(practiceId);
    expect(config).toEqual({
      processor: 'authorize_net',
      scriptUrl: `${sandbox.url}/js/authorize-net/v1/Accept.js`,
      apiLoginId: credentials.apiLoginId,
      publicClientKey: credentials.publicClientKey,
    });
    expect(JSON.stringify(config)).not.toContain(credentials.transactionKey);
    expect(JSON.stringify(config)).not.toContain(credentials.signatureKey);
  });

  it('answers an Elavon practice a fresh Converge session token for ccgettoken each time, never the PIN', async () => {
    const credentials = testCredentials.converge();
    const { practiceId } = await practiceWith(world, { type: 'elavon', credentials });
    const first = await configOf(practiceId);
    const second = await configOf(practiceId);
    if (first.processor !== 'elavon' || second.processor !== 'elavon') throw new Error('not Elavon');
    expect(first.scriptUrl).toBe(`${sandbox.url}/hosted-payments/Checkout.js`);
    expect(second.transactionToken).not.toBe(first.transactionToken);
    // Converge made it for this merchant's user, for the tokenization Checkout.js will run.
    expect(sandbox.convergeSession(first.transactionToken)).toMatchObject({
      merchantId: credentials.merchantId,
      userId: credentials.userId,
      transactionType: 'ccgettoken',
    });
    expect(JSON.stringify([first, second])).not.toContain(credentials.pin);
  });

  it('answers the practice’s active account, not another it keeps', async () => {
    const first = testCredentials.stripe();
    const { practiceId, admin } = await practiceWith(world, { type: 'stripe', credentials: first });
    // A second account stays inactive until an Admin switches to it.
    await world.bus.send(CreateProcessorAccount, {
      actor: admin,
      account: { description: 'Spare', type: 'stripe', credentials: testCredentials.stripe() },
    });
    expect(await configOf(practiceId)).toMatchObject({ publishableKey: first.publishableKey });
  });

  it('refuses with conflict a practice with no active processor: none set up, or its account deleted', async () => {
    await expect(configOf(uuidv7())).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/no active payment processor/),
    });
    const { practiceId, admin, accountId } = await practiceWith(world, {
      type: 'stripe',
      credentials: testCredentials.stripe(),
    });
    await world.bus.send(DeleteProcessorAccount, { actor: admin, id: accountId });
    await expect(configOf(practiceId)).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('the payment page configuration when Converge does not answer', () => {
  let world: ServiceWorld;
  // Port 1 is privileged and unused: every connection to it is refused at once.
  const nowhere = 'http://127.0.0.1:1';

  beforeAll(async () => {
    world = await paymentsWorld(nowhere);
  });
  afterAll(() => world?.close());

  it('answers service_unavailable naming the processor, while Stripe needs no call and still answers', async () => {
    const { practiceId } = await practiceWith(world, {
      type: 'elavon',
      credentials: testCredentials.converge(),
    });
    await expect(world.bus.send(GetPaymentConfig, { practiceId })).rejects.toMatchObject({
      code: 'service_unavailable',
      details: { service: 'elavon' },
    });
    const stripe = await practiceWith(world, { type: 'stripe', credentials: testCredentials.stripe() });
    expect(await world.bus.send(GetPaymentConfig, { practiceId: stripe.practiceId })).toMatchObject({
      processor: 'stripe',
      scriptUrl: `${nowhere}/js/stripe/v3/`,
    });
  });
});
