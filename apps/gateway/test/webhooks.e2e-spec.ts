// Real: identity, service-enablement, client-records, payments and invoicing as built apps in their
// own processes, each with its own database; the processor sandbox in its own process (answering
// like Stripe and Authorize.net, and signing and delivering their webhooks to the gateway); the
// gateway in this process; RabbitMQ, PostgreSQL, Redis. Faked: nothing. The practice's staff
// "in the processor's dashboard" are this test calling the sandbox's API with the account's keys.
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { eventually } from '@arbor/testing';
import { createClient, portalSignIn } from './clients-helpers';
import { contractChecker } from './contract-check';
import { inviteProvider, signUpAsAdmin } from './identity-helpers';
import { startPlatform, type Platform } from './platform';

const PASSWORD = 'maple-syrup-on-tuesdays';

interface Delivery {
  processor: 'stripe' | 'authorize_net';
  url: string;
  eventId: string;
  eventType: string;
  body: string;
  headers: Record<string, string>;
  status: number | null;
}

interface InvoiceDetail {
  id: string;
  status: string;
  total: number;
  amountPaid: number;
  amountRefunded: number;
  history: Array<{ from: string | null; status: string; actorId: string | null; reason: string | null }>;
  refunds: Array<{ amount: number; reason: string | null; requestedBy: string | null }>;
}

const alphanumeric = (length: number) =>
  Array.from(
    randomBytes(length),
    (byte) => 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'[byte % 56],
  ).join('');

describe('processor webhooks through the gateway', () => {
  let platform: Platform;
  const check = contractChecker();
  const practice = { id: '', adminToken: '', providerId: '', providerToken: '' };

  /** The API with a bearer token and an optional Idempotency-Key, checked against the contracts. */
  async function call(
    method: string,
    path: string,
    options: { token: string; body?: unknown; key?: string },
  ): Promise<{ status: number; body: Record<string, unknown> }> {
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
    return answerOf(method, path, response);
  }

  async function answerOf(method: string, path: string, response: Response) {
    const text = await response.text();
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    check(method, path, {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      text,
      body,
    });
    return { status: response.status, body };
  }

  /** A processor delivering (again) what it delivered: the same bytes, the same headers, to the same URL. */
  async function redeliver(delivery: Pick<Delivery, 'url' | 'body' | 'headers'>) {
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: delivery.headers,
      body: delivery.body,
    });
    return answerOf('POST', new URL(delivery.url).pathname.replace(/^\/api\/v1/, ''), response);
  }

  async function sandbox(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${platform.sandboxUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return JSON.parse((await response.text()).replace(/^\uFEFF/, '')) as unknown;
  }

  /** Every delivery the sandbox made (it waits for its queue to drain first). */
  async function deliveries(): Promise<Delivery[]> {
    return ((await sandbox('GET', '/_sandbox/webhooks/deliveries')) as { deliveries: Delivery[] }).deliveries;
  }

  async function onlyDelivery(eventType: string, about: string): Promise<Delivery> {
    const found = (await deliveries()).filter((d) => d.eventType === eventType && d.body.includes(about));
    expect(found).toHaveLength(1);
    return found[0]!;
  }

  async function processorAccount(body: Record<string, unknown>): Promise<string> {
    const created = await call('POST', `/practices/${practice.id}/payment-processors`, {
      token: practice.adminToken,
      body: { description: 'Cards', ...body },
    });
    expect(created.status).toBe(201);
    return created.body['id'] as string;
  }

  /** Makes this account the practice's active one (new payments go to it). */
  async function activate(accountId: string): Promise<void> {
    const updated = await call('PATCH', `/practices/${practice.id}/payment-processors/${accountId}`, {
      token: practice.adminToken,
      body: { active: true },
    });
    expect(updated.status).toBe(200);
  }

  /** A client of the practice, signed in to the portal, with an unpaid invoice of `amount`. */
  async function clientWithInvoice(
    name: string,
    amount: number,
  ): Promise<{ token: string; invoiceId: string }> {
    const email = `${name.toLowerCase()}-${randomUUID().slice(0, 8)}@client.test`;
    const client = await createClient(platform.api, practice.providerToken, practice.id, {
      firstName: name,
      lastName: 'Client',
      email,
    });
    const token = (await portalSignIn(platform.api, client.portalInviteUrl, email, PASSWORD)).accessToken;
    const invoice = await eventually(async () => {
      const created = await call('POST', `/practices/${practice.id}/clients/${client.id}/invoices`, {
        token: practice.providerToken,
        body: { description: 'Session, 50 minutes', amount },
      });
      expect(created.status).toBe(201);
      return created.body;
    });
    return { token, invoiceId: invoice['id'] as string };
  }

  async function pay(client: { token: string; invoiceId: string }, paymentToken: string): Promise<void> {
    const paid = await call('POST', `/portal/invoices/${client.invoiceId}/pay`, {
      token: client.token,
      key: randomUUID(),
      body: { paymentToken },
    });
    expect([paid.status, paid.body['status']]).toEqual([200, 'paid']);
  }

  async function invoice(invoiceId: string): Promise<InvoiceDetail> {
    const detail = await call('GET', `/practices/${practice.id}/invoices/${invoiceId}`, {
      token: practice.adminToken,
    });
    expect(detail.status).toBe(200);
    return detail.body as unknown as InvoiceDetail;
  }

  /** What the invoice shows once one refund made at the processor has been applied to it. */
  function refundedAtTheProcessor(detail: InvoiceDetail, amount: number) {
    expect(detail).toMatchObject({ status: 'partially_refunded', amountRefunded: amount });
    expect(detail.refunds).toEqual([expect.objectContaining({ amount, requestedBy: null, reason: null })]);
    expect(detail.history.filter((entry) => entry.status === 'partially_refunded')).toEqual([
      {
        from: 'paid',
        status: 'partially_refunded',
        at: expect.any(String),
        actorId: null,
        reason: expect.stringMatching(/at the payment processor/),
      },
    ]);
  }

  beforeAll(async () => {
    platform = await startPlatform('webhooks', [
      'identity',
      'service-enablement',
      'client-records',
      'payments',
      'invoicing',
    ]);
    const admin = await signUpAsAdmin(platform.api, 'Maple Counselling', 'ada@maple.test', PASSWORD);
    practice.id = admin.practiceId;
    practice.adminToken = admin.adminToken;
    const provider = await inviteProvider(platform.api, admin, {
      name: 'Pat Provider',
      email: 'pat@maple.test',
      password: PASSWORD,
    });
    practice.providerId = provider.userId;
    practice.providerToken = provider.accessToken;
    await eventually(async () => {
      const enabled = await call('PATCH', `/practices/${practice.id}/services/client_billing`, {
        token: practice.adminToken,
        body: { enabled: true, providerIds: [practice.providerId] },
      });
      expect(enabled.status).toBe(200);
    });
  });

  afterAll(() => platform?.close());

  describe('Stripe', () => {
    const credentials = {
      secretKey: `sk_test_${alphanumeric(24)}`,
      publishableKey: `pk_test_${alphanumeric(24)}`,
      webhookSecret: `whsec_${alphanumeric(32)}`,
    };
    let accountId = '';
    let client: { token: string; invoiceId: string };
    let paymentIntent = '';

    beforeAll(async () => {
      accountId = await processorAccount({ type: 'stripe', credentials });
      await activate(accountId);
      // What the Admin does in Stripe's dashboard: an endpoint at Arbor, with its signing secret.
      await sandbox('PUT', '/_sandbox/webhooks/stripe', {
        url: `${platform.api.base}/api/v1/webhooks/stripe/${accountId}`,
        secret: credentials.webhookSecret,
      });
      client = await clientWithInvoice('Cara', 10_000);
      await pay(client, 'pm_card_visa');
      const succeeded = (await deliveries()).filter((d) => d.eventType === 'payment_intent.succeeded');
      expect(succeeded).toHaveLength(1);
      paymentIntent = (JSON.parse(succeeded[0]!.body) as { data: { object: { id: string } } }).data.object.id;
      // Arbor heard the charge's own webhook, and knew of the payment already.
      expect(succeeded[0]!.status).toBe(200);
    });

    it('applies a refund made in the Stripe dashboard to the invoice once, however often it is delivered', async () => {
      const { total } = await invoice(client.invoiceId);
      const refunded = await fetch(`${platform.sandboxUrl}/v1/refunds`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${credentials.secretKey}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ payment_intent: paymentIntent, amount: '2500' }).toString(),
      });
      expect(refunded.status).toBe(200);
      const refund = (await refunded.json()) as { id: string };
      const created = await onlyDelivery('refund.created', refund.id);
      expect(created.status).toBe(200);
      await eventually(async () => refundedAtTheProcessor(await invoice(client.invoiceId), 2_500));

      // Stripe retries a delivery it is not sure of: the same event, the same signature.
      await expect(redeliver(created)).resolves.toEqual({ status: 200, body: { outcome: 'duplicate' } });
      // And may send another event about the same refund (a new event id): still one refund.
      const again = (await sandbox('POST', '/_sandbox/webhooks/stripe/trigger', {
        type: 'refund.created',
        id: refund.id,
      })) as Delivery;
      expect(again.eventId).not.toBe(created.eventId);
      expect(again.status).toBe(200);
      const detail = await invoice(client.invoiceId);
      refundedAtTheProcessor(detail, 2_500);
      expect(detail.total).toBe(total);
    });

    it('refuses a forged signature with 401, and nothing changes', async () => {
      const created = (await deliveries()).find((d) => d.eventType === 'refund.created')!;
      const forged = { ...created, body: created.body.replace(/"amount": 2500/, '"amount": 7500') };
      expect(forged.body).not.toBe(created.body);
      const refused = await redeliver(forged);
      expect([refused.status, refused.body['type'], refused.body['reason']]).toEqual([
        401,
        'urn:arbor:problem:unauthenticated',
        'bad_signature',
      ]);
      const unsigned = await redeliver({
        ...created,
        headers: { 'content-type': 'application/json' },
        body: created.body.replace(created.eventId, `evt_${alphanumeric(24)}`),
      });
      expect(unsigned.status).toBe(401);
      refundedAtTheProcessor(await invoice(client.invoiceId), 2_500);
    });

    it('answers 404 for an account Arbor does not have, and 400 for a body that is not a JSON object', async () => {
      const created = (await deliveries()).find((d) => d.eventType === 'refund.created')!;
      const unknown = await redeliver({ ...created, url: created.url.replace(accountId, randomUUID()) });
      expect(unknown.status).toBe(404);
      const malformed = await redeliver({ ...created, body: '[1, 2' });
      expect(malformed.status).toBe(400);
    });
    it('answers 413 to a body larger than any processor sends, well below the API-wide limit', async () => {
      const created = (await deliveries()).find((d) => d.eventType === 'refund.created')!;
      const huge = JSON.stringify({ id: `evt_${alphanumeric(24)}`, padding: 'x'.repeat(300 * 1024) });
      const refused = await redeliver({ ...created, body: huge });
      expect(refused.status).toBe(413);
    });
  });

  describe('Authorize.net', () => {
    const credentials = {
      apiLoginId: `login${alphanumeric(8)}`,
      transactionKey: alphanumeric(16),
      publicClientKey: alphanumeric(40),
      signatureKey: randomBytes(64).toString('hex').toUpperCase(),
    };
    let accountId = '';

    /** What Accept.js does in the browser: the card to Authorize.net, a one-use nonce back. */
    async function nonce(): Promise<string> {
      const answer = (await sandbox('POST', '/xml/v1/request.api', {
        securePaymentContainerRequest: {
          merchantAuthentication: { name: credentials.apiLoginId, clientKey: credentials.publicClientKey },
          data: {
            type: 'TOKEN',
            id: randomUUID(),
            token: { cardNumber: '4111111111111111', expirationDate: '122035' },
          },
        },
      })) as { opaqueData: { dataValue: string } };
      return answer.opaqueData.dataValue;
    }

    beforeAll(async () => {
      accountId = await processorAccount({ type: 'authorize_net', credentials });
      await activate(accountId);
      // What the Admin does in the Merchant Interface: a webhook at Arbor; the Signature Key signs it.
      await sandbox('PUT', '/_sandbox/webhooks/authorize-net', {
        url: `${platform.api.base}/api/v1/webhooks/authorize-net/${accountId}`,
        signatureKey: credentials.signatureKey,
      });
    });

    it('applies a refund made in the Merchant Interface to the invoice once, even when delivered again', async () => {
      const client = await clientWithInvoice('Olive', 8_000);
      await pay(client, await nonce());
      const captured = (await deliveries()).filter(
        (d) => d.eventType === 'net.authorize.payment.authcapture.created' && d.url.includes(accountId),
      );
      expect(captured).toHaveLength(1);
      const transId = (JSON.parse(captured[0]!.body) as { payload: { id: string } }).payload.id;
      // Authorize.net refunds only what has settled (overnight; here, at once).
      await sandbox('POST', '/_sandbox/settle');
      const refunded = (await sandbox('POST', '/xml/v1/request.api', {
        createTransactionRequest: {
          merchantAuthentication: {
            name: credentials.apiLoginId,
            transactionKey: credentials.transactionKey,
          },
          transactionRequest: {
            transactionType: 'refundTransaction',
            amount: '20.00',
            payment: { creditCard: { cardNumber: '1111', expirationDate: 'XXXX' } },
            refTransId: transId,
          },
        },
      })) as { transactionResponse: { responseCode: string; transId: string } };
      expect(refunded.transactionResponse.responseCode).toBe('1');
      const created = await onlyDelivery(
        'net.authorize.payment.refund.created',
        refunded.transactionResponse.transId,
      );
      expect(created.status).toBe(200);
      await eventually(async () => refundedAtTheProcessor(await invoice(client.invoiceId), 2_000));

      await expect(redeliver(created)).resolves.toEqual({ status: 200, body: { outcome: 'duplicate' } });
      refundedAtTheProcessor(await invoice(client.invoiceId), 2_000);
    });

    it('refuses a notification signed with another key with 401', async () => {
      const created = (await deliveries()).find(
        (d) => d.eventType === 'net.authorize.payment.refund.created',
      )!;
      const body = created.body.replace(/"notificationId":"[^"]+"/, `"notificationId":"${randomUUID()}"`);
      const otherKey = randomBytes(64).toString('hex');
      const refused = await redeliver({
        ...created,
        body,
        headers: {
          'content-type': 'application/json',
          'x-anet-signature': `sha512=${createHmac('sha512', otherKey).update(body).digest('hex')}`,
        },
      });
      expect([refused.status, refused.body['reason']]).toEqual([401, 'bad_signature']);
    });
  });

  it('answers 404 at the Elavon address: Converge sends no webhooks', async () => {
    const accountId = await processorAccount({
      type: 'elavon',
      credentials: { merchantId: '1234567', userId: 'apiuser1', pin: alphanumeric(64) },
    });
    const answer = await redeliver({
      url: `${platform.api.base}/api/v1/webhooks/elavon/${accountId}`,
      headers: { 'content-type': 'application/json' },
      body: '{"event":"anything"}',
    });
    expect([answer.status, answer.body['reason']]).toEqual([404, 'not_supported']);
  });
});
