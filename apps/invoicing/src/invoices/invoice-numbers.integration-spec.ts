// Real: PostgreSQL (a throwaway database migrated with this service's migrations), transactions
// on a pool of 20 connections taken at once, the repository's SQL as the service runs it.
// Faked: nothing; no message is involved (creating an invoice over the bus arrives with its
// eligibility checks).
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { connectDatabase, createTestDatabase, type DatabaseHandle, type TestDatabase } from '@arbor/database';
import { testServices } from '@arbor/testing';
import { formatInvoiceNumber } from './invoice-number';
import { InvoicesRepository, type NewInvoiceRow } from './invoices.repository';
import { invoiceNumberCounters, invoices } from './invoices.schema';

const repository = new InvoicesRepository();
const issuedAt = new Date('2026-12-01T12:00:00.000Z');

function newInvoice(practiceId: string, overrides: Partial<NewInvoiceRow> = {}): NewInvoiceRow {
  return {
    id: uuidv7(),
    practiceId,
    clientId: uuidv7(),
    providerId: uuidv7(),
    description: 'Individual session',
    subtotal: 10_000,
    tax: 825,
    total: 10_825,
    currency: 'USD',
    taxRule: { ratePercent: 8.25, pricesIncludeTax: false, clientState: 'TX' },
    status: 'unpaid',
    issuedAt,
    statusChangedAt: issuedAt,
    ...overrides,
  };
}

class Abandoned extends Error {}

describe('invoice numbers in PostgreSQL', () => {
  let database: TestDatabase;
  let wide: DatabaseHandle;

  beforeAll(async () => {
    database = await createTestDatabase(
      testServices().postgresUrl,
      'invoicing_numbers',
      path.join(__dirname, '../../migrations'),
    );
    wide = connectDatabase(database.url, { max: 20 });
  });
  afterAll(async () => {
    await wide?.close();
    await database?.drop();
  });

  const create = (practiceId: string, overrides: Partial<NewInvoiceRow> = {}) =>
    wide.db.transaction((tx) => repository.insertNumbered(tx, newInvoice(practiceId, overrides)));

  async function numbersOf(practiceId: string): Promise<number[]> {
    const rows = await database.db
      .select({ number: invoices.number })
      .from(invoices)
      .where(eq(invoices.practiceId, practiceId));
    return rows.map((row) => row.number).sort((a, b) => a - b);
  }

  const oneTo = (n: number) => Array.from({ length: n }, (_, index) => index + 1);

  it('gives 40 concurrent creations in one practice exactly the numbers 1 to 40', async () => {
    const practiceId = uuidv7();
    const created = await Promise.all(oneTo(40).map(() => create(practiceId)));
    expect(created.map((row) => row.number).sort((a, b) => a - b)).toEqual(oneTo(40));
    expect(await numbersOf(practiceId)).toEqual(oneTo(40));
    expect(created.map((row) => formatInvoiceNumber(row.number))).toContain('INV-000040');
    const [counter] = await database.db
      .select()
      .from(invoiceNumberCounters)
      .where(eq(invoiceNumberCounters.practiceId, practiceId));
    expect(counter?.lastNumber).toBe(40);
  });

  it('gives a rolled-back creation’s number to the next one', async () => {
    const practiceId = uuidv7();
    await create(practiceId);
    let taken: number | undefined;
    await expect(
      wide.db.transaction(async (tx) => {
        taken = (await repository.insertNumbered(tx, newInvoice(practiceId))).number;
        throw new Abandoned('the outbox write failed, say');
      }),
    ).rejects.toBeInstanceOf(Abandoned);
    expect(taken).toBe(2);
    // The database refusing the invoice itself (money that does not add up) gives it back too.
    await expect(create(practiceId, { total: 1 })).rejects.toMatchObject({ cause: { code: '23514' } });
    expect((await create(practiceId)).number).toBe(2);
    expect(await numbersOf(practiceId)).toEqual([1, 2]);
  });

  it('leaves no gap when creations roll back while others wait for their number', async () => {
    const practiceId = uuidv7();
    // Every fourth holds its number a moment (the others queue behind its lock), then rolls back.
    const outcomes = await Promise.allSettled(
      oneTo(20).map((attempt) =>
        wide.db.transaction(async (tx) => {
          const row = await repository.insertNumbered(tx, newInvoice(practiceId));
          if (attempt % 4 === 0) {
            await new Promise((resolve) => setTimeout(resolve, 20));
            throw new Abandoned(`attempt ${attempt} abandoned`);
          }
          return row;
        }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toHaveLength(5);
    expect(await numbersOf(practiceId)).toEqual(oneTo(15));
  });

  it('counts each practice on its own, even when they create at the same time', async () => {
    const [first, second] = [uuidv7(), uuidv7()];
    await Promise.all(oneTo(24).map((index) => create(index % 3 === 0 ? second : first)));
    expect(await numbersOf(first)).toEqual(oneTo(16));
    expect(await numbersOf(second)).toEqual(oneTo(8));
  });
});
