// Real: the payments service (in this process) on RabbitMQ and PostgreSQL, envelope encryption
// with real keys, pg_dump of its database. Not exercised here: talking to processors (the
// adapters' own tests, and the gateway's end-to-end test, cover "test connection").
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { v7 as uuidv7 } from 'uuid';
import {
  CreateProcessorAccount,
  DeleteProcessorAccount,
  GetSalesTax,
  ListProcessorAccounts,
  QuoteTax,
  UpdateProcessorAccount,
  UpdateSalesTax,
  type Actor,
} from '@arbor/contracts';
import { keyRing, openText, sealedKeyId } from '@arbor/crypto';
import { createTestDatabase, type TestDatabase } from '@arbor/database';
import { BusClient, deleteBusNamespace, startService, type RunningService } from '@arbor/messaging';
import { testServices, uniqueBusNamespace } from '@arbor/testing';
import { PaymentsModule } from '../payments.module';
import { ProcessorAccountsRepository } from './processor-accounts.repository';
import { rotateProcessorCredentials } from './credentials-rotation';

const run = promisify(execFile);
const SERVICE = 'payments';
const practiceId = uuidv7();
const admin: Actor = { userId: uuidv7(), practiceId, role: 'admin' };
const otherAdmin: Actor = { userId: uuidv7(), practiceId: uuidv7(), role: 'admin' };

const SECRETS = {
  stripe: {
    secretKey: 'sk_test_51HsupersecretStripeKey0001',
    publishableKey: 'pk_test_51HpublishableKey00000001',
  },
  authorize_net: {
    apiLoginId: '5KP3u95bQpv',
    transactionKey: '346HZ32z3fP4hTG2',
    publicClientKey: '7pVZn5M2ha5jEhhsb6Cn8Lq92T5vQF',
  },
  elavon: { merchantId: '0017340', userId: 'webpage', pin: 'PINsecret0000000000000000000001' },
} as const;

describe('billing setup over the bus', () => {
  const services = testServices();
  const namespace = uniqueBusNamespace('payments');
  const k1 = randomBytes(32);
  let database: TestDatabase;
  let service: RunningService;
  let bus: BusClient;

  beforeAll(async () => {
    database = await createTestDatabase(
      services.postgresUrl,
      'payments',
      path.join(__dirname, '../../migrations'),
    );
    service = await startService({
      service: SERVICE,
      module: PaymentsModule.register({
        keys: keyRing(new Map([['k1', k1]])),
        processorSandboxUrl: undefined,
      }),
      config: {
        databaseUrl: database.url,
        rabbitmqUrl: services.rabbitmqUrl,
        busNamespace: namespace,
        opsPort: 0,
        logLevel: 'silent',
        rpcTimeoutMs: 3000,
      },
    });
    bus = new BusClient({ url: services.rabbitmqUrl, namespace });
  });

  afterAll(async () => {
    await bus.close();
    await service.stop();
    await deleteBusNamespace(services.rabbitmqUrl, namespace, [SERVICE]);
    await database.drop();
  });

  describe('sales tax', () => {
    it('starts with no tax, offers the statewide table, and quotes 0', async () => {
      const { settings, statewideBaseRates } = await bus.send(GetSalesTax, { actor: admin });
      expect(settings).toEqual({ mode: 'none', pricesIncludeTax: false });
      expect(statewideBaseRates['NY']).toBe(4);
      await expect(
        bus.send(QuoteTax, { practiceId, amount: 12500, currency: 'USD', clientState: 'NY' }),
      ).resolves.toMatchObject({
        subtotal: 12500,
        tax: 0,
        total: 12500,
      });
    });

    it('quotes by the state of the client’s address once the Admin sets rates, inclusive prices split exactly', async () => {
      await bus.send(UpdateSalesTax, {
        actor: admin,
        settings: { mode: 'by_state', stateRates: { NY: 8.875, CA: 7.25 }, pricesIncludeTax: false },
      });
      await expect(
        bus.send(QuoteTax, { practiceId, amount: 12500, currency: 'USD', clientState: 'NY' }),
      ).resolves.toEqual({
        subtotal: 12500,
        tax: 1109,
        total: 13609,
        currency: 'USD',
        ratePercent: 8.875,
        pricesIncludeTax: false,
      });
      await expect(
        bus.send(QuoteTax, { practiceId, amount: 12500, currency: 'USD', clientState: 'TX' }),
      ).resolves.toMatchObject({ tax: 0 });
      await bus.send(UpdateSalesTax, {
        actor: admin,
        settings: { mode: 'flat', ratePercent: 6.25, pricesIncludeTax: true },
      });
      await expect(bus.send(QuoteTax, { practiceId, amount: 10625, currency: 'USD' })).resolves.toMatchObject(
        {
          subtotal: 10000,
          tax: 625,
          total: 10625,
        },
      );
    });

    it('lets only an Admin read or change it', async () => {
      const provider = { ...admin, role: 'provider' as const };
      await expect(bus.send(GetSalesTax, { actor: provider })).rejects.toMatchObject({ code: 'forbidden' });
      await expect(
        bus.send(UpdateSalesTax, { actor: provider, settings: { mode: 'none', pricesIncludeTax: false } }),
      ).rejects.toMatchObject({ code: 'forbidden' });
    });
  });

  describe('processor accounts', () => {
    const ids: Record<string, string> = {};

    it('stores an account for each processor and shows its credentials masked, the first one active', async () => {
      for (const type of ['stripe', 'authorize_net', 'elavon'] as const) {
        const created = await bus.send(CreateProcessorAccount, {
          actor: admin,
          account: { description: `${type} account`, type, credentials: SECRETS[type] } as never,
        });
        ids[type] = created.id;
        for (const [field, value] of Object.entries(SECRETS[type])) {
          expect(created.credentials[field]).toBe(`••••${value.slice(-4)}`);
        }
        expect(created.active).toBe(type === 'stripe');
      }
      const { items } = await bus.send(ListProcessorAccounts, { actor: admin });
      expect(items.map((item) => [item.type, item.active])).toEqual([
        ['stripe', true],
        ['authorize_net', false],
        ['elavon', false],
      ]);
      expect(JSON.stringify(items)).not.toContain('supersecret');
    });

    it('keeps no secret in plaintext anywhere in the database', async () => {
      const { stdout } = await run('pg_dump', ['--data-only', database.url], { maxBuffer: 64 * 1024 * 1024 });
      expect(stdout).toContain(ids['stripe']); // the dump is really of this database
      for (const secret of Object.values(SECRETS).flatMap((credentials) => Object.values(credentials))) {
        expect([secret, stdout.includes(secret)]).toEqual([secret, false]);
      }
    });

    it('has one active account per practice: activating another deactivates the previous one', async () => {
      const activated = await bus.send(UpdateProcessorAccount, {
        actor: admin,
        id: ids['elavon']!,
        changes: { active: true },
      });
      expect(activated.active).toBe(true);
      const { items } = await bus.send(ListProcessorAccounts, { actor: admin });
      expect(items.filter((item) => item.active).map((item) => item.type)).toEqual(['elavon']);
    });

    it('checks changed credentials against the account’s processor, naming the field', async () => {
      const error = await bus
        .send(UpdateProcessorAccount, {
          actor: admin,
          id: ids['stripe']!,
          changes: {
            credentials: { secretKey: 'sk_test_51Hrotatedkey0000000001', publishableKey: 'not-a-key' },
          },
        })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'validation_failed',
        details: { errors: [{ path: 'credentials.publishableKey' }] },
      });
      const updated = await bus.send(UpdateProcessorAccount, {
        actor: admin,
        id: ids['stripe']!,
        changes: {
          description: 'Stripe (rotated key)',
          credentials: {
            secretKey: 'sk_test_51Hrotatedkey0000000001',
            publishableKey: SECRETS.stripe.publishableKey,
          },
        },
      });
      expect(updated).toMatchObject({
        description: 'Stripe (rotated key)',
        credentials: { secretKey: '••••0001' },
      });
    });

    it('hides other practices’ accounts (not found) and refuses non-Admins', async () => {
      await expect(
        bus.send(UpdateProcessorAccount, {
          actor: otherAdmin,
          id: ids['stripe']!,
          changes: { active: true },
        }),
      ).rejects.toMatchObject({
        code: 'not_found',
      });
      await expect(
        bus.send(DeleteProcessorAccount, { actor: otherAdmin, id: ids['stripe']! }),
      ).rejects.toMatchObject({ code: 'not_found' });
      await expect(
        bus.send(ListProcessorAccounts, { actor: { ...admin, role: 'provider' } }),
      ).rejects.toMatchObject({ code: 'forbidden' });
      expect((await bus.send(ListProcessorAccounts, { actor: otherAdmin })).items).toEqual([]);
    });

    it('keeps every account usable after the key-encryption key is rotated and the old key retired', async () => {
      const k2 = randomBytes(32);
      const rotatingKeys = keyRing(
        new Map([
          ['k2', k2],
          ['k1', k1],
        ]),
      );
      expect(await rotateProcessorCredentials(database.db, rotatingKeys)).toEqual({ rewrapped: 3, total: 3 });
      expect(await rotateProcessorCredentials(database.db, rotatingKeys)).toEqual({ rewrapped: 0, total: 3 });

      const onlyK2 = keyRing(new Map([['k2', k2]]));
      for (const { id, sealedCredentials } of await new ProcessorAccountsRepository().allSealed(
        database.db,
      )) {
        expect(sealedKeyId(sealedCredentials)).toBe('k2');
        expect(() => JSON.parse(openText(onlyK2, sealedCredentials, id)) as unknown).not.toThrow();
      }
    });

    it('deletes an account', async () => {
      await bus.send(DeleteProcessorAccount, { actor: admin, id: ids['authorize_net']! });
      const { items } = await bus.send(ListProcessorAccounts, { actor: admin });
      expect(items.map((item) => item.type)).toEqual(['stripe', 'elavon']);
    });
  });
});
