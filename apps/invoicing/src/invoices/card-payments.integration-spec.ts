// Real: the invoicing service started in this process as main.ts starts it (the shared service
// world: startService, its own throwaway PostgreSQL database, RabbitMQ, its outbox relay, events
// consumer and inbox). Faked: payments — a stand-in answers the tax quote, the charge and the
// payment page configuration on payments' RPC queue as a test sets it (test/invoicing-world.ts),
// and the test publishes payments' events as its relay would, twice where a redelivery matters;
// service-enablement, client-records and identity (their events); the gateway (made-up actors).
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import {
  ArborError,
  CreateInvoice,
  GetInvoicePaymentConfig,
  InvoicePaid,
  PayInvoice,
  PaymentFailed,
  PaymentSucceeded,
  RecordInvoicePayment,
  VoidInvoice,
  type Actor,
  type EventEnvelope,
} from '@arbor/contracts';
import { createInvoicingWorld, fakePayments, type InvoicingWorld } from '../../test/invoicing-world';
import { InvoicesRepository } from './invoices.repository';
import { invoicePayments } from './invoices.schema';

const practiceId = uuidv7();
const biller: Actor = { userId: uuidv7(), practiceId, role: 'provider' };
const repository = new InvoicesRepository();
const token = 'pm_card_visa';

describe('paying an invoice by card over the bus', () => {
  let w: InvoicingWorld;
  let clientId: string;
  let payer: Actor;
  let stranger: Actor;

  beforeAll(async () => {
    w = await createInvoicingWorld();
    await w.enableBilling(practiceId, [biller.userId]);
    clientId = await w.newClient(practiceId, [biller.userId]);
    payer = { userId: await w.portalAccount(practiceId, clientId), practiceId, role: 'client' };
    const otherClient = await w.newClient(practiceId, [biller.userId]);
    stranger = { userId: await w.portalAccount(practiceId, otherClient), practiceId, role: 'client' };
  });
  afterAll(() => w.close());
  beforeEach(() => fakePayments.reset());

  const newInvoice = () =>
    w.world.bus.send(CreateInvoice, {
      actor: biller,
      clientId,
      body: { description: 'Session', amount: 10_000 },
    });
  const pay = (invoiceId: string, idempotencyKey = `key-${uuidv7()}`, who = payer) =>
    w.world.bus.send(PayInvoice, { actor: who, invoiceId, body: { paymentToken: token }, idempotencyKey });
  const paymentsOf = (invoiceId: string) =>
    w.world.database.db.select().from(invoicePayments).where(eq(invoicePayments.invoiceId, invoiceId));
  const statusOf = async (invoiceId: string) =>
    (await repository.invoice(w.world.database.db, invoiceId))?.status;
  const paidEvents = (invoiceId: string) =>
    w.world.events.events.filter(
      (event) => event.type === InvoicePaid.pattern && event.data['invoiceId'] === invoiceId,
    );
  /** The relay has had time to publish whatever a handled event wrote to the outbox. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

  function succeeded(invoiceId: string, attemptId: string, amount = 10_825): EventEnvelope<unknown> {
    return {
      id: uuidv7(),
      type: PaymentSucceeded.pattern,
      occurredAt: w.world.clock.now().toISOString(),
      practiceId,
      actor: payer,
      data: {
        practiceId,
        invoiceId,
        attemptId,
        amount,
        currency: 'USD',
        processor: 'stripe',
        processorReference: 'ch_1',
      },
    };
  }
  /** Delivers one event as RabbitMQ would redeliver it: the same envelope, twice. */
  async function deliverTwice(envelope: EventEnvelope<unknown>) {
    await w.world.events.publish(envelope);
    await w.world.events.publish(envelope);
    await w.world.handled(envelope.id);
  }

  it('asks payments to charge the total once with the caller’s key, and answers paid with a receipt', async () => {
    const invoice = await newInvoice();
    const reply = await pay(invoice.id, 'portal-key-0001');
    expect(fakePayments.charges).toEqual([
      {
        actor: payer,
        payment: {
          practiceId,
          invoiceId: invoice.id,
          amount: 10_825,
          currency: 'USD',
          paymentToken: token,
          idempotencyKey: 'portal-key-0001',
        },
      },
    ]);
    expect(reply).toMatchObject({
      status: 'paid',
      invoice: { id: invoice.id, status: 'paid', amountPaid: 10_825 },
      receipt: { invoiceId: invoice.id, number: invoice.number, amount: 10_825, currency: 'USD' },
    });
    const attemptId = reply.status === 'paid' ? reply.receipt.attemptId : '';
    expect(await repository.history(w.world.database.db, invoice.id)).toMatchObject([
      { toStatus: 'unpaid' },
      { fromStatus: 'unpaid', toStatus: 'paid', actorId: payer.userId },
    ]);

    // payments' event of the same attempt, delivered twice, finds it done.
    await deliverTwice(succeeded(invoice.id, attemptId));
    await settle();
    expect(await paymentsOf(invoice.id)).toMatchObject([
      { method: 'card', amount: 10_825, reference: attemptId },
    ]);
    expect(paidEvents(invoice.id)).toHaveLength(1);
    expect(paidEvents(invoice.id)[0]!.data).toMatchObject({ status: 'paid', method: 'card', amount: 10_825 });
  });

  it('marks the invoice paid from payment.succeeded exactly once, even delivered twice, when the charge answered pending', async () => {
    const invoice = await newInvoice();
    const attemptId = uuidv7();
    fakePayments.chargeOutcome = () => ({ status: 'pending', attemptId });
    await expect(pay(invoice.id)).resolves.toMatchObject({
      status: 'pending',
      invoice: { status: 'unpaid' },
    });
    expect(await statusOf(invoice.id)).toBe('unpaid');

    await deliverTwice(succeeded(invoice.id, attemptId));
    await deliverTwice(succeeded(invoice.id, attemptId)); // a second envelope of the same attempt
    await settle();
    expect(await statusOf(invoice.id)).toBe('paid');
    expect(await paymentsOf(invoice.id)).toHaveLength(1);
    expect(paidEvents(invoice.id)).toHaveLength(1);
  });

  it('answers payment_declined with the processor’s reason, and the invoice stays unpaid and payable', async () => {
    const invoice = await newInvoice();
    fakePayments.chargeOutcome = () => ({
      status: 'declined',
      attemptId: uuidv7(),
      reason: 'Your card has insufficient funds.',
    });
    await expect(pay(invoice.id)).rejects.toMatchObject({
      code: 'payment_declined',
      message: 'Your card has insufficient funds.',
    });
    expect(await statusOf(invoice.id)).toBe('unpaid');
    expect(await paymentsOf(invoice.id)).toEqual([]);

    fakePayments.reset();
    await expect(pay(invoice.id)).resolves.toMatchObject({ status: 'paid' });
  });

  it('refuses another key while a payment is under way, lets the same key ask again, and frees the invoice when it fails', async () => {
    const invoice = await newInvoice();
    const attemptId = uuidv7();
    fakePayments.chargeOutcome = () => ({ status: 'pending', attemptId });
    await pay(invoice.id, 'first-key-0001');
    await expect(pay(invoice.id, 'other-key-0002')).rejects.toMatchObject({
      code: 'conflict',
      details: { field: 'idempotencyKey' },
    });
    await expect(pay(invoice.id, 'first-key-0001')).resolves.toMatchObject({ status: 'pending' });
    expect(fakePayments.charges.map((charge) => charge.payment.idempotencyKey)).toEqual([
      'first-key-0001',
      'first-key-0001',
    ]);

    await w.publish(PaymentFailed.pattern, practiceId, {
      practiceId,
      invoiceId: invoice.id,
      attemptId,
      amount: 10_825,
      currency: 'USD',
      processor: 'stripe',
      reason: 'The card was declined.',
    });
    fakePayments.reset();
    await expect(pay(invoice.id, 'other-key-0002')).resolves.toMatchObject({ status: 'paid' });
  });

  it('refuses another client’s invoice (not_found) and one not unpaid (conflict), asking payments nothing', async () => {
    const invoice = await newInvoice();
    await expect(pay(invoice.id, undefined, stranger)).rejects.toMatchObject({ code: 'not_found' });
    await expect(pay(invoice.id, undefined, biller)).rejects.toMatchObject({ code: 'forbidden' });
    await w.world.bus.send(RecordInvoicePayment, {
      actor: biller,
      invoiceId: invoice.id,
      body: { method: 'cash' },
    });
    await expect(pay(invoice.id)).rejects.toMatchObject({
      code: 'conflict',
      details: { currentStatus: 'paid' },
    });
    expect(fakePayments.charges).toEqual([]);
  });

  it('keeps a payment that cannot apply (the invoice was paid meanwhile) out of the invoice, once', async () => {
    const invoice = await newInvoice();
    await w.world.bus.send(RecordInvoicePayment, {
      actor: biller,
      invoiceId: invoice.id,
      body: { method: 'check' },
    });
    await deliverTwice(succeeded(invoice.id, uuidv7()));
    expect(await paymentsOf(invoice.id)).toMatchObject([{ method: 'check' }]);
  });

  describe('the payment page configuration (before paying)', () => {
    const configOf = (invoiceId: string, actor = payer) =>
      w.world.bus.send(GetInvoicePaymentConfig, { actor, invoiceId });

    it('answers the client’s unpaid invoice with what payments says of the practice’s processor', async () => {
      const invoice = await newInvoice();
      fakePayments.paymentConfig = () => ({
        processor: 'authorize_net',
        scriptUrl: 'https://jstest.authorize.net/v1/Accept.js',
        apiLoginId: 'login42',
        publicClientKey: 'PublicClientKey42',
      });
      expect(await configOf(invoice.id)).toEqual({
        processor: 'authorize_net',
        scriptUrl: 'https://jstest.authorize.net/v1/Accept.js',
        apiLoginId: 'login42',
        publicClientKey: 'PublicClientKey42',
      });
      expect(fakePayments.paymentConfigAsks).toEqual([{ practiceId }]);
    });

    it('answers another client’s invoice, or none, as not found, without asking payments', async () => {
      const invoice = await newInvoice();
      await expect(configOf(invoice.id, stranger)).rejects.toMatchObject({ code: 'not_found' });
      await expect(configOf(uuidv7())).rejects.toMatchObject({ code: 'not_found' });
      const elsewhere: Actor = { ...payer, practiceId: uuidv7() };
      await expect(configOf(invoice.id, elsewhere)).rejects.toMatchObject({ code: 'not_found' });
      expect(fakePayments.paymentConfigAsks).toEqual([]);
    });

    it('refuses an invoice that is not unpaid, naming its status: paid, or void', async () => {
      const paid = await newInvoice();
      await w.world.bus.send(PayInvoice, {
        actor: payer,
        invoiceId: paid.id,
        body: { paymentToken: 'pm_card_visa' },
        idempotencyKey: `key-${uuidv7()}`,
      });
      await expect(configOf(paid.id)).rejects.toMatchObject({
        code: 'conflict',
        details: { currentStatus: 'paid' },
      });
      const voided = await newInvoice();
      await w.world.bus.send(VoidInvoice, {
        actor: biller,
        invoiceId: voided.id,
        body: { reason: 'Mistake' },
      });
      await expect(configOf(voided.id)).rejects.toMatchObject({
        code: 'conflict',
        details: { currentStatus: 'void' },
      });
      expect(fakePayments.paymentConfigAsks).toEqual([]);
    });

    it('is for the client: staff are refused', async () => {
      const invoice = await newInvoice();
      await expect(configOf(invoice.id, biller)).rejects.toMatchObject({ code: 'forbidden' });
    });

    it('passes on payments’ refusals: no active processor (conflict), the processor away (service_unavailable)', async () => {
      const invoice = await newInvoice();
      fakePayments.paymentConfig = () => {
        throw new ArborError(
          'conflict',
          'the practice has no active payment processor, so it cannot take card payments',
        );
      };
      await expect(configOf(invoice.id)).rejects.toMatchObject({
        code: 'conflict',
        message: expect.stringMatching(/no active payment processor/),
      });
      fakePayments.paymentConfig = () => {
        throw new ArborError('service_unavailable', 'the card processor did not answer', {
          service: 'elavon',
        });
      };
      await expect(configOf(invoice.id)).rejects.toMatchObject({
        code: 'service_unavailable',
        details: { service: 'elavon' },
      });
    });
  });
});
