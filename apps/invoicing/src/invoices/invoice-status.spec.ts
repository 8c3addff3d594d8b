import fc from 'fast-check';
import { ArborError, InvoiceStatus } from '@arbor/contracts';
import { applyInvoiceAction, isTerminal, type InvoiceAction, type InvoiceBalance } from './invoice-status';

const TOTAL = 10_000;

/** One invoice in each status, with money that status can have. */
const IN_STATUS: Record<InvoiceStatus, InvoiceBalance> = {
  unpaid: { status: 'unpaid', total: TOTAL, amountPaid: 0, amountRefunded: 0 },
  paid: { status: 'paid', total: TOTAL, amountPaid: TOTAL, amountRefunded: 0 },
  partially_refunded: {
    status: 'partially_refunded',
    total: TOTAL,
    amountPaid: TOTAL,
    amountRefunded: 2_500,
  },
  refunded: { status: 'refunded', total: TOTAL, amountPaid: TOTAL, amountRefunded: TOTAL },
  forgiven: { status: 'forgiven', total: TOTAL, amountPaid: 0, amountRefunded: 0 },
  void: { status: 'void', total: TOTAL, amountPaid: 0, amountRefunded: 0 },
};

/** Every action, with amounts that would be right if the action were allowed at all. */
const ACTIONS = {
  pay: () => ({ kind: 'pay', amount: TOTAL }),
  record_payment: () => ({ kind: 'record_payment', amount: TOTAL, method: 'check' }),
  refund_part: () => ({ kind: 'refund', amount: 1_000 }),
  refund_rest: (invoice) => ({ kind: 'refund', amount: invoice.amountPaid - invoice.amountRefunded }),
  forgive: () => ({ kind: 'forgive' }),
  void: () => ({ kind: 'void' }),
} satisfies Record<string, (invoice: InvoiceBalance) => InvoiceAction>;
type ActionName = keyof typeof ACTIONS;

const C = 'conflict' as const;
/** API.md's machine, written out by hand: the status each action leads to, or a conflict. */
const EXPECTED: Record<InvoiceStatus, Record<ActionName, InvoiceStatus | typeof C>> = {
  // prettier-ignore
  unpaid:             { pay: 'paid', record_payment: 'paid', refund_part: C, refund_rest: C, forgive: 'forgiven', void: 'void' },
  // prettier-ignore
  paid:               { pay: C, record_payment: C, refund_part: 'partially_refunded', refund_rest: 'refunded', forgive: C, void: C },
  // prettier-ignore
  partially_refunded: { pay: C, record_payment: C, refund_part: 'partially_refunded', refund_rest: 'refunded', forgive: C, void: C },
  // prettier-ignore
  refunded:           { pay: C, record_payment: C, refund_part: C, refund_rest: C, forgive: C, void: C },
  // prettier-ignore
  forgiven:           { pay: C, record_payment: C, refund_part: C, refund_rest: C, forgive: C, void: C },
  // prettier-ignore
  void:               { pay: C, record_payment: C, refund_part: C, refund_rest: C, forgive: C, void: C },
};

function errorOf(run: () => unknown): ArborError {
  try {
    run();
  } catch (error) {
    if (error instanceof ArborError) return error;
    throw error;
  }
  throw new Error('expected an ArborError, but the action was applied');
}

describe('the invoice status machine', () => {
  it('has an expectation for every status and every action', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...InvoiceStatus.options].sort());
    for (const row of Object.values(EXPECTED))
      expect(Object.keys(row).sort()).toEqual(Object.keys(ACTIONS).sort());
  });

  const cases = InvoiceStatus.options.flatMap((status) =>
    (Object.keys(ACTIONS) as ActionName[]).map((name) => [status, name, EXPECTED[status][name]] as const),
  );

  it.each(cases)('%s + %s → %s', (status, name, expected) => {
    const invoice = IN_STATUS[status];
    const action = ACTIONS[name](invoice);
    if (expected === C) {
      const error = errorOf(() => applyInvoiceAction(invoice, action));
      expect(error).toMatchObject({ code: 'conflict', details: { currentStatus: status } });
      expect(error.message).toContain(status.replaceAll('_', ' '));
    } else {
      expect(applyInvoiceAction(invoice, action).status).toBe(expected);
    }
  });

  it('records what was paid and what was refunded', () => {
    const paid = applyInvoiceAction(IN_STATUS.unpaid, {
      kind: 'record_payment',
      amount: TOTAL,
      method: 'cash',
    });
    expect(paid).toEqual({ status: 'paid', total: TOTAL, amountPaid: TOTAL, amountRefunded: 0 });
    const part = applyInvoiceAction(paid, { kind: 'refund', amount: 3_000 });
    expect(part).toEqual({
      status: 'partially_refunded',
      total: TOTAL,
      amountPaid: TOTAL,
      amountRefunded: 3_000,
    });
    expect(applyInvoiceAction(part, { kind: 'refund', amount: 7_000 })).toEqual({
      status: 'refunded',
      total: TOTAL,
      amountPaid: TOTAL,
      amountRefunded: TOTAL,
    });
  });

  it.each([
    ['less than the total', TOTAL - 1],
    ['more than the total', TOTAL + 1],
  ])('refuses a payment of %s, naming amount', (_, amount) => {
    for (const action of [
      { kind: 'pay', amount },
      { kind: 'record_payment', amount, method: 'other' },
    ] as const) {
      expect(errorOf(() => applyInvoiceAction(IN_STATUS.unpaid, action))).toMatchObject({
        code: 'validation_failed',
        details: { errors: [{ path: 'amount' }] },
      });
    }
  });

  it.each([
    ['more than is left to refund', 7_501],
    ['nothing', 0],
    ['a negative amount', -1],
    ['a fraction of a cent', 0.5],
  ])('refuses a refund of %s, naming amount', (_, amount) => {
    expect(
      errorOf(() => applyInvoiceAction(IN_STATUS.partially_refunded, { kind: 'refund', amount })),
    ).toMatchObject({ code: 'validation_failed', details: { errors: [{ path: 'amount' }] } });
  });

  it('refunds exactly what is left, to the cent', () => {
    expect(applyInvoiceAction(IN_STATUS.partially_refunded, { kind: 'refund', amount: 7_500 }).status).toBe(
      'refunded',
    );
  });

  describe('under any sequence of actions', () => {
    // Amounts are often exactly right or a cent off (the total, what is left to refund) so that sequences get
    // deep into the machine, and otherwise anything at all.
    const amountFor = fc.oneof(
      fc.constant((invoice: InvoiceBalance) => invoice.total),
      fc.constant((invoice: InvoiceBalance) => invoice.amountPaid - invoice.amountRefunded),
      // Off by a cent either way, where the boundaries are.
      fc
        .integer({ min: -2, max: 2 })
        .map((delta) => (invoice: InvoiceBalance) => invoice.amountPaid - invoice.amountRefunded + delta),
      fc.integer({ min: -2, max: 2 }).map((delta) => (invoice: InvoiceBalance) => invoice.total + delta),
      fc
        .integer({ min: 1, max: 1_000_000 })
        .map((n) => (invoice: InvoiceBalance) => Math.min(n, invoice.total)),
      fc.integer({ min: -1_000, max: 2_000_000 }).map((n) => () => n),
    );
    const action = fc.oneof(
      amountFor.map((amount) => (invoice: InvoiceBalance): InvoiceAction => ({
        kind: 'pay',
        amount: amount(invoice),
      })),
      amountFor.map((amount) => (invoice: InvoiceBalance): InvoiceAction => ({
        kind: 'record_payment',
        amount: amount(invoice),
        method: 'cash',
      })),
      amountFor.map((amount) => (invoice: InvoiceBalance): InvoiceAction => ({
        kind: 'refund',
        amount: amount(invoice),
      })),
      fc.constant((): InvoiceAction => ({ kind: 'forgive' })),
      fc.constant((): InvoiceAction => ({ kind: 'void' })),
    );

    it('never leaves a final status, never refunds more than was paid, keeps money and status agreeing', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 1_000_000 }),
          fc.array(action, { maxLength: 30 }),
          (total, steps) => {
            let invoice: InvoiceBalance = { status: 'unpaid', total, amountPaid: 0, amountRefunded: 0 };
            for (const step of steps) {
              const before = invoice;
              try {
                invoice = applyInvoiceAction(before, step(before));
              } catch (error) {
                expect(error).toBeInstanceOf(ArborError);
                expect(['conflict', 'validation_failed']).toContain((error as ArborError).code);
              }
              if (isTerminal(before.status)) expect(invoice).toBe(before);
              expect(invoice.amountRefunded).toBeLessThanOrEqual(invoice.amountPaid);
              expect([0, total]).toContain(invoice.amountPaid);
              expect(invoice.amountRefunded).toBeGreaterThanOrEqual(0);
              const paidIff = invoice.amountPaid > 0;
              expect(paidIff).toBe(['paid', 'partially_refunded', 'refunded'].includes(invoice.status));
              if (invoice.status === 'paid') expect(invoice.amountRefunded).toBe(0);
              if (invoice.status === 'partially_refunded') {
                expect(invoice.amountRefunded).toBeGreaterThan(0);
                expect(invoice.amountRefunded).toBeLessThan(invoice.amountPaid);
              }
              if (invoice.status === 'refunded') expect(invoice.amountRefunded).toBe(invoice.amountPaid);
            }
          },
        ),
        { numRuns: 500 },
      );
    });
  });
});
