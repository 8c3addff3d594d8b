import { z } from 'zod';
import {
  CreateInvoiceBody,
  INVOICE_AMOUNT_MAX,
  InvoiceReason,
  OfflinePaymentMethod,
  PAYMENT_REFERENCE_MAX,
} from '@arbor/contracts';
import { centsOf, formatMoney } from './money';

/**
 * Dollars as typed, checked and turned into minor units the way the contract then checks them
 * again: whole cents, more than zero, at most what one invoice may ask for.
 */
function dollars({ optional }: { optional: boolean }) {
  return z.string().transform((typed, context): number | undefined => {
    if (typed.trim() === '') {
      if (optional) return undefined;
      context.addIssue({ code: 'custom', message: 'Enter the amount in dollars, such as 125.00' });
      return z.NEVER;
    }
    if (/^\s*-/.test(typed)) {
      context.addIssue({ code: 'custom', message: 'Must be more than zero' });
      return z.NEVER;
    }
    const cents = centsOf(typed);
    if (cents === undefined) {
      context.addIssue({
        code: 'custom',
        message: 'Enter dollars and at most two digits of cents, such as 125.50',
      });
      return z.NEVER;
    }
    if (cents <= 0) {
      context.addIssue({ code: 'custom', message: 'Must be more than zero' });
      return z.NEVER;
    }
    if (cents > INVOICE_AMOUNT_MAX) {
      context.addIssue({
        code: 'custom',
        message: `Must be at most ${formatMoney(INVOICE_AMOUNT_MAX, 'USD')}`,
      });
      return z.NEVER;
    }
    return cents;
  });
}

/** Create Invoice: a description, and the amount in dollars sent as minor units. */
export const CreateInvoiceForm = z.object({
  description: CreateInvoiceBody.shape.description,
  amount: dollars({ optional: false }).pipe(CreateInvoiceBody.shape.amount),
});

/** Refund: blank is everything still refundable. */
export const RefundForm = z.object({
  amount: dollars({ optional: true }),
  reason: InvoiceReason,
});

/** Forgive and Void: why, for the invoice's history. */
export const ReasonForm = z.object({ reason: InvoiceReason });

/** Record payment: how it was paid and what identifies it on paper; always the invoice's total. */
export const RecordPaymentForm = z.object({
  method: OfflinePaymentMethod,
  reference: z
    .string()
    .trim()
    .max(PAYMENT_REFERENCE_MAX, `must be at most ${PAYMENT_REFERENCE_MAX} characters`)
    .transform((text) => (text === '' ? undefined : text)),
});
