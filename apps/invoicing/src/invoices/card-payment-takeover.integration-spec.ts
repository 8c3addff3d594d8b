// Real: the invoicing service started in this process as main.ts starts it (the shared service
// world: startService, its own throwaway PostgreSQL database, RabbitMQ, its outbox relay, events
// consumer and inbox), with the default stale-claim threshold and a test clock moved past it.
// Faked: payments — a stand-in answers the charge and the close of an old key on payments' RPC
// queue as a test sets it (test/invoicing-world.ts); service-enablement, client-records and
// identity (their events); the gateway (made-up actors).
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import {
  ArborError,
  CreateInvoice,
  InvoicePaid,
  PayInvoice,
  PaymentSucceeded,
  type Actor,
} from '@arbor/contracts';
import { eventually } from '@arbor/testing';
import {
  createInvoicingWorld,
  FakePayments,
  fakePayments,
  type InvoicingWorld,
} from '../../test/invoicing-world';
import { DEFAULT_CHARGE_CLAIM_STALE_MS } from '../invoicing.config';
import { InvoicesRepository } from './invoices.repository';
import { invoicePayments } from './invoices.schema';

const practiceId = uuidv7();
const biller: Actor = { userId: uuidv7(), practiceId, role: 'provider' };
const repository = new InvoicesRepository();
const away = () => new ArborError('service_unavailable', 'payments did not answer', { service: 'payments' });

describe('a claim whose payment never came back stops blocking the invoice', () => {
  let w: InvoicingWorld;
  let payer: Actor;
  let clientId: string;

  beforeAll(async () => {
    w = await createInvoicingWorld();
    await w.enableBilling(practiceId, [biller.userId]);
    clientId = await w.newClient(practiceId, [biller.userId]);
    payer = { userId: await w.portalAccount(practiceId, clientId), practiceId, role: 'client' };
  });
  afterAll(() => w.close());
  beforeEach(() => fakePayments.reset());

  const newInvoice = async () =>
    (
      await w.world.bus.send(CreateInvoice, {
        actor: biller,
        clientId,
        body: { description: 'Session', amount: 10_000 },
      })
    ).id;
  const pay = (invoiceId: string, idempotencyKey: string) =>
    w.world.bus.send(PayInvoice, {
      actor: payer,
      invoiceId,
      body: { paymentToken: 'pm_card_visa' },
      idempotencyKey,
    });
  const paymentsOf = (invoiceId: string) =>
    w.world.database.db.select().from(invoicePayments).where(eq(invoicePayments.invoiceId, invoiceId));
  const chargedKeys = () => fakePayments.charges.map((charge) => charge.payment.idempotencyKey);
  const paidEvents = (invoiceId: string) =>
    w.world.events.events.filter(
      (event) => event.type === InvoicePaid.pattern && event.data['invoiceId'] === invoiceId,
    );
  const pastThreshold = () => w.world.clock.advance(DEFAULT_CHARGE_CLAIM_STALE_MS);

  /** A pay with `key` whose charge request expired unanswered (payments down longer than the RPC timeout). */
  async function unansweredPay(invoiceId: string, key: string): Promise<void> {
    fakePayments.chargeOutcome = () => {
      throw away();
    };
    await expect(pay(invoiceId, key)).rejects.toMatchObject({ code: 'service_unavailable' });
    fakePayments.chargeOutcome = new FakePayments().chargeOutcome;
  }

  it('lets a new key take over once the threshold has passed and payments says the old key did nothing: paid once', async () => {
    const invoiceId = await newInvoice();
    await unansweredPay(invoiceId, 'old-key-00000001');

    // Too soon: the old request might still be waiting in RabbitMQ. payments is not asked.
    await expect(pay(invoiceId, 'new-key-00000001')).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/wait a minute/),
    });
    expect(fakePayments.closedKeys).toEqual([]);

    pastThreshold();
    await expect(pay(invoiceId, 'new-key-00000001')).resolves.toMatchObject({
      status: 'paid',
      invoice: { status: 'paid', amountPaid: 10_825 },
    });
    expect(fakePayments.closedKeys).toEqual([{ practiceId, invoiceId, idempotencyKey: 'old-key-00000001' }]);
    expect(chargedKeys()).toEqual(['old-key-00000001', 'new-key-00000001']);
    expect(await paymentsOf(invoiceId)).toHaveLength(1);
    await eventually(() => expect(paidEvents(invoiceId)).toHaveLength(1));

    // The old key, retried, finds the invoice paid and charges nothing.
    await expect(pay(invoiceId, 'old-key-00000001')).rejects.toMatchObject({
      code: 'conflict',
      details: { currentStatus: 'paid' },
    });
    expect(chargedKeys()).toHaveLength(2);
  });

  it('lets a new key take over from an old key whose attempt recovery settled as failed', async () => {
    const invoiceId = await newInvoice();
    // The answer was lost, so the claim never learnt its attempt: payment.failed cannot lift it.
    await unansweredPay(invoiceId, 'old-key-00000002');
    pastThreshold();
    fakePayments.keyStatus = () => ({ status: 'failed', attemptId: uuidv7() });
    await expect(pay(invoiceId, 'new-key-00000002')).resolves.toMatchObject({ status: 'paid' });
    expect(chargedKeys()).toEqual(['old-key-00000002', 'new-key-00000002']);
    expect(await paymentsOf(invoiceId)).toHaveLength(1);
  });

  it('keeps refusing a new key while the old key’s attempt is still in flight, charging nothing', async () => {
    const invoiceId = await newInvoice();
    await unansweredPay(invoiceId, 'old-key-00000003');
    pastThreshold();
    const attemptId = uuidv7();
    fakePayments.keyStatus = () => ({ status: 'in_flight', attemptId });
    await expect(pay(invoiceId, 'new-key-00000003')).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/still being settled/),
    });
    expect(chargedKeys()).toEqual(['old-key-00000003']);
    expect((await repository.chargeClaim(w.world.database.db, invoiceId))?.idempotencyKey).toBe(
      'old-key-00000003',
    );

    // Recovery settles it as succeeded: its event pays the invoice.
    await w.publish(PaymentSucceeded.pattern, practiceId, {
      practiceId,
      invoiceId,
      attemptId,
      amount: 10_825,
      currency: 'USD',
      processor: 'stripe',
      processorReference: 'ch_1',
    });
    expect((await repository.invoice(w.world.database.db, invoiceId))?.status).toBe('paid');
  });

  it('applies the old key’s payment when payments says it succeeded: the invoice is paid, the new key told so, nothing charged again', async () => {
    const invoiceId = await newInvoice();
    await unansweredPay(invoiceId, 'old-key-00000004');
    pastThreshold();
    const attemptId = uuidv7();
    fakePayments.keyStatus = () => ({ status: 'succeeded', attemptId, amount: 10_825, currency: 'USD' });
    await expect(pay(invoiceId, 'new-key-00000004')).rejects.toMatchObject({
      code: 'conflict',
      details: { currentStatus: 'paid' },
    });
    expect(chargedKeys()).toEqual(['old-key-00000004']);
    expect(await paymentsOf(invoiceId)).toMatchObject([
      { method: 'card', amount: 10_825, reference: attemptId },
    ]);
    expect((await repository.invoice(w.world.database.db, invoiceId))?.status).toBe('paid');
  });

  it('answers service_unavailable and keeps the claim when payments does not answer about the old key', async () => {
    const invoiceId = await newInvoice();
    await unansweredPay(invoiceId, 'old-key-00000005');
    pastThreshold();
    fakePayments.keyStatus = () => {
      throw away();
    };
    await expect(pay(invoiceId, 'new-key-00000005')).rejects.toMatchObject({ code: 'service_unavailable' });
    expect((await repository.chargeClaim(w.world.database.db, invoiceId))?.idempotencyKey).toBe(
      'old-key-00000005',
    );
    fakePayments.keyStatus = () => ({ status: 'none' });
    await expect(pay(invoiceId, 'new-key-00000005')).resolves.toMatchObject({ status: 'paid' });
  });
});
