// Real: identity, service-enablement, client-records, payments and invoicing as built apps in their
// own processes, each with its own database; the processor sandbox in its own (answering like
// Stripe); the gateway in this process; RabbitMQ, PostgreSQL, Redis. Faked: nothing.
import { randomUUID } from 'node:crypto';
import { eventually } from '@arbor/testing';
import { connectStripe, enableClientBilling, portalClients } from './billing-helpers';
import { contractChecker } from './contract-check';
import { inviteProvider, signUpAsAdmin } from './identity-helpers';
import { startPlatform, type Platform } from './platform';

const PASSWORD = 'maple-syrup-on-tuesdays';

interface Invoice {
  id: string;
  number: string;
  status: string;
  subtotal: number;
  tax: number;
  total: number;
  amountPaid: number;
  amountRefunded: number;
  issuedAt: string;
  [field: string]: unknown;
}

describe('Invoices through the gateway', () => {
  let platform: Platform;
  const check = contractChecker();
  const maple = { id: '', adminToken: '', providerId: '', providerToken: '', strangerToken: '' };
  const cara = { id: '', token: '' };
  const olive = { id: '', token: '' };
  let first: Invoice;

  /** Calls the API with an optional `Idempotency-Key`, which the shared client does not send. */
  async function call(
    method: string,
    path: string,
    options: { token: string; body?: unknown; key?: string },
  ): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${options.token}`,
      origin: 'https://arbor.test',
    };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.key !== undefined) headers['idempotency-key'] = options.key;
    const response = await fetch(`${platform.api.base}/api/v1${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    check(method, path, {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      text,
      body,
    });
    return { status: response.status, body, headers: response.headers };
  }

  /** The provider invoices a client; retried while invoicing has not yet heard of the client. */
  function invoice(clientId: string, amount: number, description = 'Session, 50 minutes'): Promise<Invoice> {
    return eventually(async () => {
      const created = await call('POST', `/practices/${maple.id}/clients/${clientId}/invoices`, {
        token: maple.providerToken,
        body: { description, amount },
      });
      expect([created.status, created.body]).toEqual([201, expect.anything()]);
      return created.body as Invoice;
    });
  }

  const staffPath = (invoiceId: string, action = '') =>
    `/practices/${maple.id}/invoices/${invoiceId}${action ? `/${action}` : ''}`;

  beforeAll(async () => {
    platform = await startPlatform('invoices', [
      'identity',
      'service-enablement',
      'client-records',
      'payments',
      'invoicing',
    ]);
    const admin = await signUpAsAdmin(platform.api, 'Maple Counselling', 'ada@maple.test', PASSWORD);
    maple.id = admin.practiceId;
    maple.adminToken = admin.adminToken;
    const provider = await inviteProvider(platform.api, admin, {
      name: 'Pat Provider',
      email: 'pat@maple.test',
      password: PASSWORD,
    });
    maple.providerId = provider.userId;
    maple.providerToken = provider.accessToken;
    const stranger = await inviteProvider(platform.api, admin, {
      name: 'Sam Stranger',
      email: 'sam@maple.test',
      password: PASSWORD,
    });
    maple.strangerToken = stranger.accessToken;

    await connectStripe(platform.api, admin);
    const tax = await platform.api.call('PUT', `/practices/${maple.id}/sales-tax`, {
      token: maple.adminToken,
      body: { mode: 'flat', ratePercent: 10, pricesIncludeTax: false },
    });
    expect(tax.status).toBe(200);
    // Both providers may bill; only Pat is Cara's and Olive's provider.
    await enableClientBilling(platform.api, admin, [maple.providerId, stranger.userId]);
    const pat = { practiceId: maple.id, token: maple.providerToken };
    const [caraClient, oliveClient] = await portalClients(platform.api, pat, ['Cara', 'Olive'], PASSWORD);
    Object.assign(cara, caraClient);
    Object.assign(olive, oliveClient);
  });

  afterAll(() => platform?.close());

  it('lets the provider invoice their client, numbered per practice and taxed at the practice’s rate', async () => {
    first = await invoice(cara.id, 12_500);
    expect(first).toMatchObject({
      number: 'INV-000001',
      clientId: cara.id,
      providerId: maple.providerId,
      description: 'Session, 50 minutes',
      subtotal: 12_500,
      tax: 1_250,
      total: 13_750,
      currency: 'USD',
      status: 'unpaid',
      amountPaid: 0,
    });
    const detail = await call('GET', staffPath(first.id), { token: maple.providerToken });
    expect(detail.status).toBe(200);
    expect(detail.body['history']).toEqual([expect.objectContaining({ from: null, status: 'unpaid' })]);
  });

  it('lists the practice’s invoices to the Admin by status, client and issue dates', async () => {
    const list = (query: string) =>
      call('GET', `/practices/${maple.id}/invoices?${query}`, { token: maple.adminToken });
    const numbersOf = (answer: { body: Record<string, unknown> }) =>
      (answer.body['items'] as Invoice[]).map((item) => item.number);
    expect(numbersOf(await list(`status=unpaid&clientId=${cara.id}`))).toEqual(['INV-000001']);
    expect(numbersOf(await list('status=paid'))).toEqual([]);
    expect(numbersOf(await list(`clientId=${olive.id}`))).toEqual([]);
    const issued = new Date(first.issuedAt);
    const justAfter = new Date(issued.getTime() + 1).toISOString();
    expect(numbersOf(await list(`from=${first.issuedAt}&to=${justAfter}`))).toEqual(['INV-000001']);
    expect(numbersOf(await list(`from=${justAfter}`))).toEqual([]);

    const clientList = await call('GET', `/practices/${maple.id}/clients/${cara.id}/invoices`, {
      token: maple.providerToken,
    });
    expect([clientList.status, numbersOf(clientList)]).toEqual([200, ['INV-000001']]);
  });

  it('lets the client pay by card once, however often the same key is sent', async () => {
    const portal = await call('GET', '/portal/invoices', { token: cara.token });
    expect((portal.body['items'] as Invoice[]).map((item) => [item.id, item.status])).toEqual([
      [first.id, 'unpaid'],
    ]);
    const key = randomUUID();
    const pay = () =>
      call('POST', `/portal/invoices/${first.id}/pay`, {
        token: cara.token,
        key,
        body: { paymentToken: 'pm_card_visa' },
      });
    const paid = await pay();
    expect([paid.status, paid.body['status']]).toEqual([200, 'paid']);
    expect(paid.body['receipt']).toMatchObject({ invoiceId: first.id, number: 'INV-000001', amount: 13_750 });
    const again = await pay();
    expect([again.status, again.headers.get('idempotent-replayed'), again.body]).toEqual([
      200,
      'true',
      paid.body,
    ]);

    const detail = await call('GET', `/portal/invoices/${first.id}`, { token: cara.token });
    expect(detail.body).toMatchObject({ status: 'paid', amountPaid: 13_750 });
    // One charge: one card payment, the receipt's attempt.
    expect(detail.body['payments']).toEqual([
      expect.objectContaining({
        method: 'card',
        amount: 13_750,
        reference: (paid.body['receipt'] as { attemptId: string }).attemptId,
      }),
    ]);
    const paidAgain = await call('POST', `/portal/invoices/${first.id}/pay`, {
      token: cara.token,
      key: randomUUID(),
      body: { paymentToken: 'pm_card_visa' },
    });
    expect([paidAgain.status, paidAgain.body['currentStatus']]).toEqual([409, 'paid']);
  });

  it('refunds part of the payment, then the rest', async () => {
    const partial = await call('POST', staffPath(first.id, 'refund'), {
      token: maple.adminToken,
      key: randomUUID(),
      body: { amount: 5_000, reason: 'One session was cut short' },
    });
    expect([partial.status, partial.body['status'], partial.body['amountRefunded']]).toEqual([
      200,
      'partially_refunded',
      5_000,
    ]);
    const rest = await call('POST', staffPath(first.id, 'refund'), {
      token: maple.providerToken,
      key: randomUUID(),
      body: { reason: 'Closing the account' },
    });
    expect([rest.status, rest.body['status'], rest.body['amountRefunded']]).toEqual([
      200,
      'refunded',
      13_750,
    ]);
    const detail = await call('GET', staffPath(first.id), { token: maple.adminToken });
    expect((detail.body['refunds'] as Array<{ amount: number }>).map((refund) => refund.amount)).toEqual([
      5_000, 8_750,
    ]);
  });

  it('forgives one unpaid invoice, voids another, and records an offline payment of a third', async () => {
    const forgiven = await invoice(cara.id, 4_000, 'Intake');
    const voided = await invoice(cara.id, 4_000, 'Sent by mistake');
    const offline = await invoice(cara.id, 4_000, 'Paid at the desk');
    expect([forgiven.number, voided.number, offline.number]).toEqual([
      'INV-000002',
      'INV-000003',
      'INV-000004',
    ]);

    const forgive = await call('POST', staffPath(forgiven.id, 'forgive'), {
      token: maple.providerToken,
      body: { reason: 'Hardship' },
    });
    expect([forgive.status, forgive.body['status']]).toEqual([200, 'forgiven']);
    const voiding = await call('POST', staffPath(voided.id, 'void'), {
      token: maple.adminToken,
      body: { reason: 'Wrong client' },
    });
    expect([voiding.status, voiding.body['status']]).toEqual([200, 'void']);
    const recorded = await call('POST', staffPath(offline.id, 'payments'), {
      token: maple.adminToken,
      key: randomUUID(),
      body: { method: 'check', reference: 'Check 1042' },
    });
    expect([recorded.status, recorded.body['status'], recorded.body['amountPaid']]).toEqual([
      200,
      'paid',
      4_400,
    ]);

    const voidAgain = await call('POST', staffPath(forgiven.id, 'void'), {
      token: maple.adminToken,
      body: { reason: 'Too late' },
    });
    expect([voidAgain.status, voidAgain.body['currentStatus']]).toEqual([409, 'forgiven']);
  });

  it('answers a declined card with 402 in plain words and leaves the invoice unpaid for another card', async () => {
    const unpaid = await invoice(cara.id, 2_000, 'Workbook');
    // No Idempotency-Key: as with Stripe, a new operation (the gateway gives it a key of its own).
    const declined = await call('POST', `/portal/invoices/${unpaid.id}/pay`, {
      token: cara.token,
      body: { paymentToken: 'pm_card_chargeDeclined' },
    });
    expect(declined.status).toBe(402);
    expect(declined.body['detail']).toMatch(/declined/i);
    expect(declined.body['detail']).not.toMatch(/card_declined|generic_decline/);
    const after = await call('GET', `/portal/invoices/${unpaid.id}`, { token: cara.token });
    expect([after.status, after.body['status'], after.body['amountPaid']]).toEqual([200, 'unpaid', 0]);
    const another = await call('POST', `/portal/invoices/${unpaid.id}/pay`, {
      token: cara.token,
      body: { paymentToken: 'pm_card_visa' },
    });
    expect([another.status, another.body['status']]).toEqual([200, 'paid']);
  });

  it('keeps another client’s invoice from the portal, and a client’s invoices from a provider not assigned', async () => {
    const olives = await invoice(olive.id, 3_000, 'Olive’s session');
    const seen = await call('GET', `/portal/invoices/${olives.id}`, { token: cara.token });
    expect(seen.status).toBe(404);
    const paid = await call('POST', `/portal/invoices/${olives.id}/pay`, {
      token: cara.token,
      key: randomUUID(),
      body: { paymentToken: 'pm_card_visa' },
    });
    expect(paid.status).toBe(404);
    const caraList = await call('GET', '/portal/invoices', { token: cara.token });
    expect((caraList.body['items'] as Invoice[]).map((item) => item.id)).not.toContain(olives.id);
    const oliveList = await call('GET', '/portal/invoices', { token: olive.token });
    expect((oliveList.body['items'] as Invoice[]).map((item) => item.id)).toEqual([olives.id]);

    // Sam bills for the practice too, but is not Olive's provider.
    const listed = await call('GET', `/practices/${maple.id}/clients/${olive.id}/invoices`, {
      token: maple.strangerToken,
    });
    expect(listed.status).toBe(403);
    const read = await call('GET', staffPath(olives.id), { token: maple.strangerToken });
    expect(read.status).toBe(403);
    const forgive = await call('POST', staffPath(olives.id, 'forgive'), {
      token: maple.strangerToken,
      body: { reason: 'Not mine to forgive' },
    });
    expect(forgive.status).toBe(403);
    const created = await call('POST', `/practices/${maple.id}/clients/${olive.id}/invoices`, {
      token: maple.strangerToken,
      body: { description: 'Not my client', amount: 1_000 },
    });
    expect([created.status, created.body['reason']]).toEqual([404, 'client_not_assigned']);
  });

  it.each([
    ['a zero amount', { description: 'Session', amount: 0 }, ['amount']],
    ['a negative amount', { description: 'Session', amount: -1_000 }, ['amount']],
    ['a fractional amount of cents', { description: 'Session', amount: 1_000.5 }, ['amount']],
    ['an amount as text', { description: 'Session', amount: '100.00' }, ['amount']],
    ['a huge amount', { description: 'Session', amount: 1e12 }, ['amount']],
    ['an unsafe integer', { description: 'Session', amount: 2 ** 53 }, ['amount']],
    ['a 10 KB description', { description: 'x'.repeat(10_240), amount: 1_000 }, ['description']],
    ['an empty description', { description: '  ', amount: 1_000 }, ['description']],
    ['another currency', { description: 'Session', amount: 1_000, currency: 'EUR' }, ['']],
  ])('refuses an invoice with %s (400 naming the field), and none is issued', async (_name, body, fields) => {
    const before = await call('GET', `/practices/${maple.id}/clients/${cara.id}/invoices`, {
      token: maple.providerToken,
    });
    const response = await call('POST', `/practices/${maple.id}/clients/${cara.id}/invoices`, {
      token: maple.providerToken,
      body,
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    const paths = (response.body['errors'] as Array<{ path: string }>).map((error) => error.path);
    expect([...new Set(paths)].sort()).toEqual(fields);
    const after = await call('GET', `/practices/${maple.id}/clients/${cara.id}/invoices`, {
      token: maple.providerToken,
    });
    expect(after.body['items']).toEqual(before.body['items']);
  });
});
