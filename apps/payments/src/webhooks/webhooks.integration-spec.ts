// Real: the payments service started as main.ts starts it (the shared service world: its own
// throwaway PostgreSQL database, RabbitMQ, its job worker on Redis), the Stripe SDK and the
// Authorize.net client inside the adapters, and the processor sandbox over HTTP, which signs and
// delivers the webhooks (to a local receiver; each delivery is then handed to payments over the
// bus as the gateway hands it, bytes and signature headers untouched). Faked: the processors (the
// sandbox answers in their place), the clock (a test clock), the gateway (the hand-over above),
// and the caller of charges and refunds (invoicing), whose actor is made up here.
import { createHmac, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import {
  AT_THE_PROCESSOR,
  ChargePayment,
  CreateProcessorAccount,
  ReceiveProcessorWebhook,
  RefundPayment,
  type Actor,
  type AnyActor,
  type ProcessorType,
  type WebhookReceipt,
} from '@arbor/contracts';
import type { ServiceWorld } from '@arbor/service-testing';
import { paymentAttempts, paymentRefunds } from '../payments/payments.schema';
import { attemptReference } from '../processors/payment-processor';
import { createProcessor, sandboxEndpoints } from '../processors/processor-factory';
import {
  acceptNonce,
  startWebhookReceiver,
  testCredentials,
  type ProcessorSandbox,
} from '../processors/test/processor-sandbox';
import { startPaymentsWorld, type PaymentsWorld } from '../payments/test/payments-world';

const invoicing: AnyActor = { system: 'invoicing' };

type Delivery = ReturnType<ProcessorSandbox['deliveries']>[number];

describe('processor webhooks over the bus', () => {
  let sandbox: ProcessorSandbox;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let world: ServiceWorld;
  let payments: PaymentsWorld | undefined;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    ({ world, sandbox } = payments = await startPaymentsWorld());
  });

  afterAll(async () => {
    await payments?.close();
    await receiver?.close();
  });

  /** A practice whose active account is this one; answers both ids. */
  async function practiceWith(
    account:
      | { type: 'stripe'; credentials: { secretKey: string; publishableKey: string; webhookSecret?: string } }
      | { type: 'authorize_net'; credentials: ReturnType<typeof testCredentials.authorizeNet> }
      | { type: 'elavon'; credentials: ReturnType<typeof testCredentials.converge> },
  ): Promise<{ practiceId: string; accountId: string }> {
    const practiceId = uuidv7();
    const admin: Actor = { userId: uuidv7(), practiceId, role: 'admin' };
    await world.bus.send(CreateProcessorAccount, {
      actor: admin,
      account: { description: 'Cards', ...account },
    });
    const [row] = (
      await world.database.db.execute<{ id: string }>(
        `SELECT id FROM processor_accounts WHERE practice_id = '${practiceId}'`,
      )
    ).rows;
    return { practiceId, accountId: row!.id };
  }

  /** A Stripe practice whose webhook endpoint (signed with its secret) is the local receiver. */
  async function stripePractice() {
    const credentials = testCredentials.stripe();
    sandbox.setStripeWebhook({ url: receiver.url, secret: credentials.webhookSecret });
    return { ...(await practiceWith({ type: 'stripe', credentials })), credentials };
  }

  async function anetPractice() {
    const credentials = testCredentials.authorizeNet();
    sandbox.setAuthorizeNetWebhook({ url: receiver.url, signatureKey: credentials.signatureKey });
    return { ...(await practiceWith({ type: 'authorize_net', credentials })), credentials };
  }

  async function pay(practiceId: string, paymentToken: string, amount = 10_000) {
    const outcome = await world.bus.send(ChargePayment, {
      actor: invoicing,
      payment: {
        practiceId,
        invoiceId: uuidv7(),
        amount,
        currency: 'USD',
        paymentToken,
        idempotencyKey: randomUUID(),
      },
    });
    if (outcome.status !== 'succeeded') throw new Error(`not paid: ${outcome.status}`);
    return outcome;
  }

  /** The sandbox's delivery of this event about this object (by a distinctive string in its body). */
  async function delivery(eventType: string, about: string): Promise<Delivery> {
    await sandbox.webhooksIdle();
    const found = sandbox.deliveries().filter((d) => d.eventType === eventType && d.body.includes(about));
    expect(found).toHaveLength(1);
    return found[0]!;
  }

  /** What the gateway sends payments for a delivery: the exact bytes, the signature headers only. */
  function receive(
    processor: ProcessorType,
    accountId: string,
    hook: Pick<Delivery, 'body' | 'headers'>,
  ): Promise<WebhookReceipt> {
    const header = (name: string) =>
      Object.entries(hook.headers).find(([key]) => key.toLowerCase() === name)?.[1];
    const headers = Object.fromEntries(
      ['content-type', 'stripe-signature', 'x-anet-signature'].flatMap((name) => {
        const value = header(name);
        return value === undefined ? [] : [[name, value]];
      }),
    );
    return world.bus.send(ReceiveProcessorWebhook, {
      webhook: {
        processor,
        processorAccountId: accountId,
        headers,
        rawBody: Buffer.from(hook.body, 'utf8').toString('base64'),
      },
    });
  }

  /** A refund made in Stripe's dashboard: straight at Stripe with the account's secret key. */
  async function stripeDashboardRefund(secretKey: string, paymentIntent: string, amount: number) {
    const response = await fetch(`${sandbox.url}/v1/refunds`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${secretKey}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ payment_intent: paymentIntent, amount: String(amount) }).toString(),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { id: string; amount: number };
  }

  /** A refund or void made in Authorize.net's Merchant Interface: straight at its API. */
  async function anetDashboard(
    credentials: ReturnType<typeof testCredentials.authorizeNet>,
    transactionRequest: Record<string, unknown>,
  ): Promise<string> {
    const response = await fetch(sandboxEndpoints(sandbox.url).authorizeNet, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        createTransactionRequest: {
          merchantAuthentication: {
            name: credentials.apiLoginId,
            transactionKey: credentials.transactionKey,
          },
          transactionRequest,
        },
      }),
    });
    const answer = JSON.parse((await response.text()).replace(/^\uFEFF/, '')) as {
      transactionResponse?: { responseCode?: string; transId?: string };
    };
    expect(answer.transactionResponse?.responseCode).toBe('1');
    return answer.transactionResponse!.transId!;
  }

  /**
   * What a crash after the processor's approval leaves: the charge made with the attempt's id as
   * its key (and its reference), the attempt committed STARTED with no transaction id.
   */
  async function chargedThenCrashed(
    account:
      | { type: 'stripe'; credentials: ReturnType<typeof testCredentials.stripe> }
      | { type: 'authorize_net'; credentials: ReturnType<typeof testCredentials.authorizeNet> },
    owner: { practiceId: string; accountId: string },
    token: string,
  ) {
    const attemptId = uuidv7();
    const processor =
      account.type === 'stripe'
        ? createProcessor('stripe', account.credentials, sandboxEndpoints(sandbox.url))
        : createProcessor('authorize_net', account.credentials, sandboxEndpoints(sandbox.url));
    const approved = await processor.charge({
      token,
      amount: 4_200,
      currency: 'USD',
      idempotencyKey: attemptId,
    });
    if (approved.outcome !== 'approved') throw new Error(`not approved: ${approved.outcome}`);
    await world.database.db.insert(paymentAttempts).values({
      id: attemptId,
      practiceId: owner.practiceId,
      invoiceId: uuidv7(),
      idempotencyKey: randomUUID(),
      requestFingerprint: 'before-the-crash',
      amount: 4_200,
      currency: 'USD',
      processorAccountId: owner.accountId,
      processor: account.type,
      processorAttemptReference: attemptReference(attemptId),
      replayToken: account.type === 'stripe' ? token : null,
      status: 'STARTED',
      startedAt: world.clock.now(),
    });
    return { attemptId, approved };
  }

  const eventsFor = (type: string, attemptId: string) =>
    world.events.events.filter((e) => e.type === type && e.data['attemptId'] === attemptId);

  const refundsOf = (attemptId: string) =>
    world.database.db.select().from(paymentRefunds).where(eq(paymentRefunds.attemptId, attemptId));

  it('records a refund made in the Stripe dashboard once, however often its webhook arrives', async () => {
    const { accountId, credentials, practiceId } = await stripePractice();
    const paid = await pay(practiceId, 'pm_card_visa');
    const refund = await stripeDashboardRefund(credentials.secretKey, paid.processorReference, 2_500);
    const created = await delivery('refund.created', refund.id);

    // Delivered twice at once (a retry racing the first try): one applies it, the other waits
    // for it and finds it done.
    const both = await Promise.all([
      receive('stripe', accountId, created),
      receive('stripe', accountId, created),
    ]);
    expect(both.map((receipt) => receipt.outcome).sort()).toEqual(['applied', 'duplicate']);
    const event = await world.events.next(
      'payments.refund.succeeded.v1',
      (d) => d['attemptId'] === paid.attemptId,
    );
    expect(event.actor).toEqual(AT_THE_PROCESSOR);
    expect(event.data).toMatchObject({
      amount: 2_500,
      refundedTotal: 2_500,
      method: 'refund',
      processor: 'stripe',
    });

    // The same event again later (a processor retries until it hears 200).
    await expect(receive('stripe', accountId, created)).resolves.toEqual({ outcome: 'duplicate' });
    // charge.refunded tells of the same refund without naming it (the API no longer lists a
    // charge's refunds): accepted, and not counted again.
    const charge = await delivery('charge.refunded', paid.processorReference);
    await expect(receive('stripe', accountId, charge)).resolves.toEqual({ outcome: 'ignored' });

    expect(await refundsOf(paid.attemptId)).toEqual([
      expect.objectContaining({ amount: 2_500, method: 'refund', processorRefundId: refund.id }),
    ]);
    expect(eventsFor('payments.refund.succeeded.v1', paid.attemptId)).toHaveLength(1);

    // What is left can still be refunded in Arbor; the dashboard's refund counts against it.
    await expect(
      world.bus.send(RefundPayment, {
        actor: invoicing,
        refund: { practiceId, attemptId: paid.attemptId, idempotencyKey: randomUUID() },
      }),
    ).resolves.toMatchObject({ amount: 7_500, refundedTotal: 10_000 });
  });

  it('does not count a refund made in Arbor a second time when its webhook comes back', async () => {
    const { accountId, practiceId } = await stripePractice();
    const paid = await pay(practiceId, 'pm_card_visa');
    const outcome = await world.bus.send(RefundPayment, {
      actor: invoicing,
      refund: { practiceId, attemptId: paid.attemptId, amount: 4_000, idempotencyKey: randomUUID() },
    });
    const [ours] = await refundsOf(paid.attemptId);
    const created = await delivery('refund.created', ours!.processorRefundId);

    await expect(receive('stripe', accountId, created)).resolves.toEqual({ outcome: 'ignored' });
    expect(await refundsOf(paid.attemptId)).toEqual([
      expect.objectContaining({ id: outcome.refundId, amount: 4_000 }),
    ]);
    await world.events.next('payments.refund.succeeded.v1', (d) => d['attemptId'] === paid.attemptId);
    expect(eventsFor('payments.refund.succeeded.v1', paid.attemptId)).toHaveLength(1);
  });

  it('refuses a forged or unsigned webhook, and one for an account without a secret, and changes nothing', async () => {
    const { accountId, credentials, practiceId } = await stripePractice();
    const paid = await pay(practiceId, 'pm_card_visa');
    const refund = await stripeDashboardRefund(credentials.secretKey, paid.processorReference, 1_000);
    const created = await delivery('refund.created', refund.id);

    const forged = { ...created, body: created.body.replace('"amount": 1000', '"amount": 9000') };
    expect(forged.body).not.toBe(created.body);
    await expect(receive('stripe', accountId, forged)).rejects.toMatchObject({
      code: 'unauthenticated',
      details: { reason: 'bad_signature' },
    });
    await expect(receive('stripe', accountId, { body: created.body, headers: {} })).rejects.toMatchObject({
      code: 'unauthenticated',
      details: { reason: 'missing_signature' },
    });
    // Signed with another endpoint's secret: the same as forged.
    const other = await practiceWith({ type: 'stripe', credentials: testCredentials.stripe() });
    await expect(receive('stripe', other.accountId, created)).rejects.toMatchObject({
      code: 'unauthenticated',
      details: { reason: 'bad_signature' },
    });
    const { webhookSecret: _none, ...withoutSecret } = testCredentials.stripe();
    const unconfigured = await practiceWith({ type: 'stripe', credentials: withoutSecret });
    await expect(receive('stripe', unconfigured.accountId, created)).rejects.toMatchObject({
      code: 'unauthenticated',
      details: { reason: 'not_configured' },
    });
    expect(await refundsOf(paid.attemptId)).toEqual([]);
    // Refused events are not remembered: the genuine one still applies.
    await expect(receive('stripe', accountId, created)).resolves.toEqual({ outcome: 'applied' });
  });

  it('answers not_found for an unknown account, one of another processor, and Converge (no webhooks)', async () => {
    const { accountId } = await stripePractice();
    const hook = { body: '{}', headers: { 'content-type': 'application/json' } };
    await expect(receive('stripe', uuidv7(), hook)).rejects.toMatchObject({ code: 'not_found' });
    await expect(receive('authorize_net', accountId, hook)).rejects.toMatchObject({ code: 'not_found' });
    const converge = await practiceWith({ type: 'elavon', credentials: testCredentials.converge() });
    await expect(receive('elavon', converge.accountId, hook)).rejects.toMatchObject({
      code: 'not_found',
      details: { reason: 'not_supported' },
    });
  });

  it('settles an attempt left STARTED from payment_intent.succeeded: one succeeded attempt, one event', async () => {
    const { accountId, credentials, practiceId } = await stripePractice();
    // What a crash leaves: the processor approved, the attempt is still STARTED here.
    const { attemptId, approved } = await chargedThenCrashed(
      { type: 'stripe', credentials },
      { practiceId, accountId },
      'pm_card_visa',
    );
    const succeeded = await delivery('payment_intent.succeeded', approved.transactionId);

    await expect(receive('stripe', accountId, succeeded)).resolves.toEqual({ outcome: 'applied' });
    const [row] = await world.database.db
      .select()
      .from(paymentAttempts)
      .where(eq(paymentAttempts.id, attemptId));
    expect(row).toMatchObject({
      status: 'SUCCEEDED',
      transactionId: approved.transactionId,
      replayToken: null,
    });
    await expect(receive('stripe', accountId, succeeded)).resolves.toEqual({ outcome: 'duplicate' });
    await world.events.next('payments.payment.succeeded.v1', (d) => d['attemptId'] === attemptId);
    expect(eventsFor('payments.payment.succeeded.v1', attemptId)).toHaveLength(1);
  });

  it('ignores payment_intent.succeeded for a payment Arbor already recorded', async () => {
    const { accountId, practiceId } = await stripePractice();
    const paid = await pay(practiceId, 'pm_card_visa');
    const succeeded = await delivery('payment_intent.succeeded', paid.processorReference);
    await expect(receive('stripe', accountId, succeeded)).resolves.toEqual({ outcome: 'ignored' });
    await world.events.next('payments.payment.succeeded.v1', (d) => d['attemptId'] === paid.attemptId);
    expect(eventsFor('payments.payment.succeeded.v1', paid.attemptId)).toHaveLength(1);
  });

  describe('Authorize.net', () => {
    const nonce = (credentials: ReturnType<typeof testCredentials.authorizeNet>) =>
      acceptNonce(
        sandboxEndpoints(sandbox.url).authorizeNet,
        credentials.apiLoginId,
        credentials.publicClientKey,
        {
          cardNumber: '4111111111111111',
        },
      );

    it('records a refund made in the Merchant Interface once, and not one made in Arbor', async () => {
      const { accountId, credentials, practiceId } = await anetPractice();
      const paid = await pay(practiceId, await nonce(credentials));
      sandbox.settle();
      const refundId = await anetDashboard(credentials, {
        transactionType: 'refundTransaction',
        amount: '30.00',
        payment: { creditCard: { cardNumber: '1111', expirationDate: 'XXXX' } },
        refTransId: paid.processorReference,
      });
      const created = await delivery('net.authorize.payment.refund.created', refundId);

      await expect(receive('authorize_net', accountId, created)).resolves.toEqual({ outcome: 'applied' });
      await expect(receive('authorize_net', accountId, created)).resolves.toEqual({ outcome: 'duplicate' });
      const event = await world.events.next(
        'payments.refund.succeeded.v1',
        (d) => d['attemptId'] === paid.attemptId,
      );
      expect(event.actor).toEqual(AT_THE_PROCESSOR);
      expect(event.data).toMatchObject({ amount: 3_000, refundedTotal: 3_000, processor: 'authorize_net' });

      // Arbor's own refund of the rest: its notification changes nothing more.
      await world.bus.send(RefundPayment, {
        actor: invoicing,
        refund: { practiceId, attemptId: paid.attemptId, idempotencyKey: randomUUID() },
      });
      const ours = (await refundsOf(paid.attemptId)).find((refund) => refund.processorRefundId !== refundId);
      const echoed = await delivery('net.authorize.payment.refund.created', ours!.processorRefundId);
      await expect(receive('authorize_net', accountId, echoed)).resolves.toEqual({ outcome: 'ignored' });
      expect((await refundsOf(paid.attemptId)).map((refund) => refund.amount).sort()).toEqual([3_000, 7_000]);
    });

    it('records a void made in the Merchant Interface as giving back the whole payment', async () => {
      const { accountId, credentials, practiceId } = await anetPractice();
      const paid = await pay(practiceId, await nonce(credentials), 6_500);
      await anetDashboard(credentials, {
        transactionType: 'voidTransaction',
        refTransId: paid.processorReference,
      });
      const voided = await delivery('net.authorize.payment.void.created', paid.processorReference);

      await expect(receive('authorize_net', accountId, voided)).resolves.toEqual({ outcome: 'applied' });
      expect(await refundsOf(paid.attemptId)).toEqual([
        expect.objectContaining({ amount: 6_500, method: 'void' }),
      ]);
      const event = await world.events.next(
        'payments.refund.succeeded.v1',
        (d) => d['attemptId'] === paid.attemptId,
      );
      expect(event.data).toMatchObject({ amount: 6_500, refundedTotal: 6_500, method: 'void' });
    });

    it('settles an attempt left STARTED, found by its reference, from authcapture.created', async () => {
      const { accountId, credentials, practiceId } = await anetPractice();
      // The crash came before the transaction id was learnt: only the reference ties them.
      const { attemptId, approved } = await chargedThenCrashed(
        { type: 'authorize_net', credentials },
        { practiceId, accountId },
        await nonce(credentials),
      );
      const captured = await delivery('net.authorize.payment.authcapture.created', approved.transactionId);

      await expect(receive('authorize_net', accountId, captured)).resolves.toEqual({ outcome: 'applied' });
      const [row] = await world.database.db
        .select()
        .from(paymentAttempts)
        .where(eq(paymentAttempts.id, attemptId));
      expect(row).toMatchObject({ status: 'SUCCEEDED', transactionId: approved.transactionId });
      await world.events.next('payments.payment.succeeded.v1', (d) => d['attemptId'] === attemptId);
      expect(eventsFor('payments.payment.succeeded.v1', attemptId)).toHaveLength(1);
    });

    it('refuses a notification whose signature does not match its body, and a signed one that is malformed', async () => {
      const { accountId, credentials, practiceId } = await anetPractice();
      const paid = await pay(practiceId, await nonce(credentials));
      const captured = await delivery('net.authorize.payment.authcapture.created', paid.processorReference);
      const forged = { ...captured, body: captured.body.replace('"authAmount":100', '"authAmount":1') };
      expect(forged.body).not.toBe(captured.body);
      await expect(receive('authorize_net', accountId, forged)).rejects.toMatchObject({
        code: 'unauthenticated',
        details: { reason: 'bad_signature' },
      });
      const notJson = 'not json';
      const signature = createHmac('sha512', credentials.signatureKey).update(notJson).digest('hex');
      await expect(
        receive('authorize_net', accountId, {
          body: notJson,
          headers: { 'X-ANET-Signature': `sha512=${signature}` },
        }),
      ).rejects.toMatchObject({ code: 'validation_failed' });
    });
  });
});
