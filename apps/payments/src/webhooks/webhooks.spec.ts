import { reconciliationOf, refundableAmount } from './webhooks';

const body = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');

function stripe(type: string, object: Record<string, unknown>) {
  return reconciliationOf('stripe', { id: 'evt_1', type }, body({ id: 'evt_1', type, data: { object } }));
}

function anet(eventType: string, payload: Record<string, unknown>) {
  return reconciliationOf(
    'authorize_net',
    { id: 'n-1', type: eventType },
    body({ notificationId: 'n-1', eventType, payload: { entityName: 'transaction', ...payload } }),
  );
}

const refund = (fields: Record<string, unknown> = {}) => ({
  object: 'refund',
  id: 're_1',
  amount: 2500,
  status: 'succeeded',
  payment_intent: 'pi_1',
  ...fields,
});

describe('what a Stripe event asks of Arbor', () => {
  it('records a succeeded refund from refund.created and refund.updated, on its PaymentIntent', () => {
    for (const type of ['refund.created', 'refund.updated']) {
      expect(stripe(type, refund())).toEqual({
        kind: 'refunds',
        transactionId: 'pi_1',
        refunds: [{ processorRefundId: 're_1', amount: 2500 }],
      });
    }
    // An expanded PaymentIntent names it as well as its id does.
    expect(stripe('refund.created', refund({ payment_intent: { id: 'pi_2' } }))).toMatchObject({
      transactionId: 'pi_2',
    });
  });

  it('waits for a pending refund to succeed, and never records a failed one', () => {
    for (const status of ['pending', 'requires_action', 'failed', 'canceled', null]) {
      expect(stripe('refund.created', refund({ status }))).toMatchObject({ kind: 'ignore' });
    }
  });

  it('records the succeeded refunds a charge.refunded lists, and nothing when it lists none', () => {
    const listed = {
      object: 'charge',
      payment_intent: 'pi_1',
      refunds: { data: [refund(), refund({ id: 're_2', amount: 100, status: 'pending' })] },
    };
    expect(stripe('charge.refunded', listed)).toEqual({
      kind: 'refunds',
      transactionId: 'pi_1',
      refunds: [{ processorRefundId: 're_1', amount: 2500 }],
    });
    expect(stripe('charge.refunded', { object: 'charge', payment_intent: 'pi_1' })).toMatchObject({
      kind: 'ignore',
    });
  });

  it('ignores a refund that belongs to no PaymentIntent (a charge Arbor did not make)', () => {
    expect(stripe('refund.created', refund({ payment_intent: null }))).toMatchObject({ kind: 'ignore' });
  });

  it('settles from payment_intent.succeeded, with the attempt reference from its metadata', () => {
    const intent = { object: 'payment_intent', id: 'pi_9', status: 'succeeded' };
    expect(stripe('payment_intent.succeeded', { ...intent, metadata: { arbor_attempt: 'abc' } })).toEqual({
      kind: 'payment',
      transactionId: 'pi_9',
      reference: 'abc',
    });
    expect(stripe('payment_intent.succeeded', { ...intent, metadata: {} })).toEqual({
      kind: 'payment',
      transactionId: 'pi_9',
    });
  });

  it('ignores every other event, and one of a type it acts on that it cannot read', () => {
    expect(stripe('charge.succeeded', { object: 'charge' })).toMatchObject({ kind: 'ignore' });
    expect(stripe('customer.created', { object: 'customer' })).toMatchObject({ kind: 'ignore' });
    expect(stripe('refund.created', { object: 'refund', id: 're_1' })).toMatchObject({ kind: 'ignore' });
    expect(
      reconciliationOf('stripe', { id: 'e', type: 'refund.created' }, Buffer.from('nope')),
    ).toMatchObject({
      kind: 'ignore',
    });
  });
});

describe('what an Authorize.net notification asks of Arbor', () => {
  it('settles from an approved authcapture, and ignores a declined one', () => {
    expect(anet('net.authorize.payment.authcapture.created', { id: '601', responseCode: 1 })).toEqual({
      kind: 'payment',
      transactionId: '601',
    });
    expect(anet('net.authorize.payment.authcapture.created', { id: '602', responseCode: 2 })).toMatchObject({
      kind: 'ignore',
    });
  });

  it('looks up the charge an approved refund gave back (the notification names only the refund)', () => {
    expect(
      anet('net.authorize.payment.refund.created', { id: '701', responseCode: 1, authAmount: 30 }),
    ).toEqual({ kind: 'refund_to_look_up', refundTransactionId: '701' });
    expect(anet('net.authorize.payment.refund.created', { id: '702', responseCode: 3 })).toMatchObject({
      kind: 'ignore',
    });
  });

  it('records a void of the transaction it names', () => {
    expect(anet('net.authorize.payment.void.created', { id: '801', responseCode: 1 })).toEqual({
      kind: 'void',
      transactionId: '801',
    });
  });

  it('ignores other events and payloads that are not about a transaction', () => {
    expect(anet('net.authorize.customer.created', { id: '1' })).toMatchObject({ kind: 'ignore' });
    expect(
      reconciliationOf(
        'authorize_net',
        { id: 'n', type: 'net.authorize.payment.void.created' },
        body({
          eventType: 'net.authorize.payment.void.created',
          payload: { entityName: 'customerProfile', id: '1' },
        }),
      ),
    ).toMatchObject({ kind: 'ignore' });
  });
});

describe('how much of a reported refund is recorded', () => {
  it('all of it while the payment has that much left, never more than is left', () => {
    expect(refundableAmount(2500, 10_000, 0)).toBe(2500);
    expect(refundableAmount(2500, 10_000, 7500)).toBe(2500);
    expect(refundableAmount(2500, 10_000, 9000)).toBe(1000);
    expect(refundableAmount(2500, 10_000, 10_000)).toBe(0);
  });
});
