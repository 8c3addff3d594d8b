// Real: the invoicing service started in this process as main.ts starts it (the shared service
// world: startService, its own throwaway PostgreSQL database, RabbitMQ, its outbox relay, events
// consumer and inbox). Faked: payments — a stand-in answers the tax quote, the charge and the
// refund on payments' RPC queue (test/invoicing-world.ts), and the test publishes its
// refund.succeeded events, twice where a redelivery matters; the other services' events; the
// gateway (made-up actors).
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import {
  CreateInvoice,
  GetInvoice,
  InvoiceRefunded,
  PayInvoice,
  RecordInvoicePayment,
  RefundInvoice,
  RefundSucceeded,
  type Actor,
  type EventEnvelope,
  type PayloadOf,
} from '@arbor/contracts';
import { createInvoicingWorld, fakePayments, type InvoicingWorld } from '../../test/invoicing-world';
import { invoiceRefunds } from './invoices.schema';

const practiceId = uuidv7();
const admin: Actor = { userId: uuidv7(), practiceId, role: 'admin' };
const biller: Actor = { userId: uuidv7(), practiceId, role: 'provider' };
const otherProvider: Actor = { userId: uuidv7(), practiceId, role: 'provider' };

describe('refunding a card payment over the bus', () => {
  let w: InvoicingWorld;
  let clientId: string;
  let payer: Actor;

  beforeAll(async () => {
    w = await createInvoicingWorld();
    await w.enableBilling(practiceId, [biller.userId, otherProvider.userId]);
    clientId = await w.newClient(practiceId, [biller.userId, otherProvider.userId]);
    payer = { userId: await w.portalAccount(practiceId, clientId), practiceId, role: 'client' };
  });
  afterAll(() => w.close());
  beforeEach(() => {
    fakePayments.reset();
    let refundedTotal = 0;
    fakePayments.refundOutcome = (payload) => {
      const amount = payload.refund.amount ?? 10_825 - refundedTotal;
      refundedTotal += amount;
      return {
        refundId: uuidv7(),
        attemptId: payload.refund.attemptId,
        invoiceId: fakePayments.charges[0]!.payment.invoiceId,
        amount,
        currency: 'USD',
        refundedTotal,
        method: 'refund',
      };
    };
  });

  /** A $108.25 invoice paid by card; answers it and the attempt that paid it. */
  async function paidInvoice() {
    const invoice = await w.world.bus.send(CreateInvoice, {
      actor: biller,
      clientId,
      body: { description: 'Session', amount: 10_000 },
    });
    const paid = await w.world.bus.send(PayInvoice, {
      actor: payer,
      invoiceId: invoice.id,
      body: { paymentToken: 'pm_card_visa' },
      idempotencyKey: `pay-${uuidv7()}`,
    });
    if (paid.status !== 'paid') throw new Error('the stand-in payments should have taken it');
    return { invoice, attemptId: paid.receipt.attemptId };
  }
  const refund = (invoiceId: string, body: PayloadOf<typeof RefundInvoice>['body'], who = admin) =>
    w.world.bus.send(RefundInvoice, { actor: who, invoiceId, body, idempotencyKey: `refund-${uuidv7()}` });
  const refundsOf = (invoiceId: string) =>
    w.world.database.db.select().from(invoiceRefunds).where(eq(invoiceRefunds.invoiceId, invoiceId));
  const refundedEvents = (invoiceId: string) =>
    w.world.events.events.filter(
      (event) => event.type === InvoiceRefunded.pattern && event.data['invoiceId'] === invoiceId,
    );
  const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

  function refundSucceeded(
    invoiceId: string,
    attemptId: string,
    refundId: string,
    amount: number,
  ): EventEnvelope<unknown> {
    return {
      id: uuidv7(),
      type: RefundSucceeded.pattern,
      occurredAt: w.world.clock.now().toISOString(),
      practiceId,
      actor: { system: 'stripe-webhook' },
      data: {
        practiceId,
        invoiceId,
        attemptId,
        amount,
        currency: 'USD',
        processor: 'stripe',
        refundId,
        refundedTotal: amount,
        method: 'refund',
      },
    };
  }

  it('asks payments to refund part of it, then the rest: partially refunded, refunded, each once in its history', async () => {
    const { invoice, attemptId } = await paidInvoice();
    const partial = await refund(invoice.id, { amount: 2_825, reason: 'Session cut short' }, biller);
    expect(fakePayments.refunds).toEqual([
      {
        actor: biller,
        refund: {
          practiceId,
          attemptId,
          amount: 2_825,
          idempotencyKey: expect.stringMatching(/^refund-/) as unknown,
        },
      },
    ]);
    expect(partial).toMatchObject({
      status: 'partially_refunded',
      amountPaid: 10_825,
      amountRefunded: 2_825,
    });

    // payments' event of that refund, delivered twice, finds it done.
    const [first] = await refundsOf(invoice.id);
    const envelope = refundSucceeded(invoice.id, attemptId, first!.id, 2_825);
    await w.world.events.publish(envelope);
    await w.world.events.publish(envelope);
    await w.world.handled(envelope.id);

    await expect(refund(invoice.id, { reason: 'Closing the account' })).resolves.toMatchObject({
      status: 'refunded',
      amountRefunded: 10_825,
    });
    await settle();
    const detail = await w.world.bus.send(GetInvoice, { actor: admin, invoiceId: invoice.id });
    expect(detail.refunds).toMatchObject([
      { amount: 2_825, reason: 'Session cut short', requestedBy: biller.userId, method: 'refund' },
      { amount: 8_000, reason: 'Closing the account', requestedBy: admin.userId },
    ]);
    expect(detail.history.map((entry) => entry.status)).toEqual([
      'unpaid',
      'paid',
      'partially_refunded',
      'refunded',
    ]);
    expect(refundedEvents(invoice.id).map((event) => event.data['amount'])).toEqual([2_825, 8_000]);
  });

  it('applies a refund made outside Arbor from refund.succeeded, once, with no reason', async () => {
    const { invoice, attemptId } = await paidInvoice();
    const envelope = refundSucceeded(invoice.id, attemptId, uuidv7(), 10_825);
    await w.world.events.publish(envelope);
    await w.world.events.publish(envelope);
    await w.world.handled(envelope.id);
    await settle();
    const detail = await w.world.bus.send(GetInvoice, { actor: admin, invoiceId: invoice.id });
    expect(detail).toMatchObject({ status: 'refunded', amountRefunded: 10_825 });
    expect(detail.refunds).toMatchObject([{ amount: 10_825, reason: null, requestedBy: null }]);
    expect(refundedEvents(invoice.id)).toHaveLength(1);
  });

  it("fills in who asked and why when payments' event of the refund arrived before its answer", async () => {
    const { invoice, attemptId } = await paidInvoice();
    fakePayments.refundOutcome = async (payload) => {
      const refundId = uuidv7();
      const envelope = refundSucceeded(invoice.id, attemptId, refundId, 10_825);
      await w.world.events.publish(envelope);
      await w.world.handled(envelope.id);
      return {
        refundId,
        attemptId: payload.refund.attemptId,
        invoiceId: invoice.id,
        amount: 10_825,
        currency: 'USD',
        refundedTotal: 10_825,
        method: 'refund',
      };
    };
    await expect(refund(invoice.id, { reason: 'Duplicate booking' })).resolves.toMatchObject({
      status: 'refunded',
    });
    const detail = await w.world.bus.send(GetInvoice, { actor: admin, invoiceId: invoice.id });
    expect(detail.refunds).toMatchObject([{ reason: 'Duplicate booking', requestedBy: admin.userId }]);
    expect(detail.history.at(-1)).toMatchObject({
      status: 'refunded',
      reason: 'Duplicate booking',
      actorId: admin.userId,
    });
  });

  it('refuses what the status machine, the issuer rule or the payment method do not allow, asking payments nothing', async () => {
    const { invoice } = await paidInvoice();
    await expect(refund(invoice.id, { reason: 'Not mine' }, otherProvider)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(refund(invoice.id, { amount: 10_826, reason: 'Too much' })).rejects.toMatchObject({
      code: 'validation_failed',
      details: { errors: [{ path: 'amount' }] },
    });

    const unpaid = await w.world.bus.send(CreateInvoice, {
      actor: biller,
      clientId,
      body: { description: 'Session', amount: 5_000 },
    });
    await expect(refund(unpaid.id, { reason: 'Nothing paid' })).rejects.toMatchObject({
      code: 'conflict',
      details: { currentStatus: 'unpaid' },
    });
    await w.world.bus.send(RecordInvoicePayment, {
      actor: biller,
      invoiceId: unpaid.id,
      body: { method: 'cash' },
    });
    await expect(refund(unpaid.id, { reason: 'Paid in cash' })).rejects.toMatchObject({
      code: 'conflict',
      details: { field: 'method' },
    });
    expect(fakePayments.refunds).toEqual([]);
    expect(await refundsOf(invoice.id)).toEqual([]);
  });
});
