// Real: the payments service started in this process as main.ts starts it (the shared service
// world: startService, its own throwaway PostgreSQL database migrated with payments' migrations,
// RabbitMQ), envelope encryption with real keys, pg_dump of its database. Faked: the clock (a
// test clock is the service's Clock) and identity (actors are made up here, as the gateway would
// pass them on). Not exercised here: talking to processors (the adapters' own tests, and the
// gateway's end-to-end test, cover "test connection").
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import {
  GetActiveProcessor,
  ArborError,
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
import type { BusClient } from '@arbor/messaging';
import { createServiceWorld, type ServiceWorld } from '@arbor/service-testing';
import { SERVICE_NAME } from '../payments.config';
import { PaymentsModule } from '../payments.module';
import { salesTaxSettings } from '../sales-tax/sales-tax.schema';
import { MAX_PROCESSOR_ACCOUNTS_PER_PRACTICE } from './processor-account';
import { ProcessorAccountsRepository } from './processor-accounts.repository';
import { processorAccounts } from './processor-accounts.schema';
import { rotateProcessorCredentials } from './credentials-rotation';

const run = promisify(execFile);
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
  const k1 = randomBytes(32);
  let world: ServiceWorld;
  let bus: BusClient;

  beforeAll(async () => {
    world = await createServiceWorld({
      service: SERVICE_NAME,
      migrations: path.join(__dirname, '../../migrations'),
      module: ({ clock }) =>
        PaymentsModule.register({
          keys: keyRing(new Map([['k1', k1]])),
          processorSandboxUrl: undefined,
          clock,
        }),
    });
    bus = world.bus;
  });

  afterAll(() => world.close());

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
    it('stamps each change with the service’s clock', async () => {
      world.clock.set(new Date('2031-02-03T04:05:06Z'));
      await bus.send(UpdateSalesTax, { actor: admin, settings: { mode: 'none', pricesIncludeTax: false } });
      const [row] = await world.database.db
        .select()
        .from(salesTaxSettings)
        .where(eq(salesTaxSettings.practiceId, practiceId));
      expect(row?.updatedAt).toEqual(new Date('2031-02-03T04:05:06Z'));
    });
  });

  describe('processor accounts', () => {
    const ids: Record<string, string> = {};

    it('stores an account for each processor and shows its credentials masked, the first one active', async () => {
      await expect(bus.send(GetActiveProcessor, { practiceId })).resolves.toEqual({ processor: null });
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
      const { stdout } = await run('pg_dump', ['--data-only', world.database.url], {
        maxBuffer: 64 * 1024 * 1024,
      });
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
      // What invoicing asks before it issues an invoice; another practice has none.
      await expect(bus.send(GetActiveProcessor, { practiceId })).resolves.toEqual({ processor: 'elavon' });
      await expect(bus.send(GetActiveProcessor, { practiceId: otherAdmin.practiceId })).resolves.toEqual({
        processor: null,
      });
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
      expect(await rotateProcessorCredentials(world.database.db, rotatingKeys)).toEqual({
        rewrapped: 3,
        total: 3,
      });
      expect(await rotateProcessorCredentials(world.database.db, rotatingKeys)).toEqual({
        rewrapped: 0,
        total: 3,
      });

      const onlyK2 = keyRing(new Map([['k2', k2]]));
      for (const { id, sealedCredentials } of await new ProcessorAccountsRepository().allSealed(
        world.database.db,
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

  describe('how many processor accounts a practice may have', () => {
    const limit = MAX_PROCESSOR_ACCOUNTS_PER_PRACTICE;
    const crowded: Actor = { userId: uuidv7(), practiceId: uuidv7(), role: 'admin' };
    const create = (n: number) =>
      bus
        .send(CreateProcessorAccount, {
          actor: crowded,
          account: { description: `stripe ${n}`, type: 'stripe', credentials: SECRETS.stripe },
        })
        .then(
          () => 'created' as const,
          (error: unknown) => error,
        );
    const stored = () =>
      world.database.db
        .select({ id: processorAccounts.id })
        .from(processorAccounts)
        .where(eq(processorAccounts.practiceId, crowded.practiceId));

    it('refuses accounts past the limit in plain words, even when they are all asked for at once', async () => {
      const outcomes = await Promise.all(Array.from({ length: limit + 5 }, (_, n) => create(n)));
      expect(outcomes.filter((outcome) => outcome === 'created')).toHaveLength(limit);
      const refusals = outcomes.filter((outcome) => outcome !== 'created');
      expect(refusals).toHaveLength(5);
      for (const refusal of refusals) {
        expect(refusal).toBeInstanceOf(ArborError);
        expect(refusal).toMatchObject({
          code: 'conflict',
          message: `a practice can have at most ${limit} processor accounts: delete one it no longer uses first`,
          details: { limit },
        });
      }
      expect(await stored()).toHaveLength(limit);
    });

    it('counts only the accounts that still exist, and no other practice’s', async () => {
      const [first] = await stored();
      await bus.send(DeleteProcessorAccount, { actor: crowded, id: first!.id });
      expect(await create(100)).toBe('created');
      expect(await create(101)).toMatchObject({ code: 'conflict', details: { limit } });
      expect(await stored()).toHaveLength(limit);
    });
  });
});
