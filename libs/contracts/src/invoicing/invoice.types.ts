import { z } from 'zod';
import { Currency, Id, IsoDateTime, MinorUnits, SafeString } from '../common';
import { RatePercent, StateCode } from '../payments/sales-tax.types';

/**
 * Where an invoice is in its life (API.md, Invoices):
 * - `unpaid`: sent, waiting for the client's card or a recorded offline payment;
 * - `paid`: its total was paid; `partially_refunded`: some of it was given back;
 * - `refunded`, `forgiven`, `void`: final — nothing more can happen to it.
 */
export const InvoiceStatus = z.enum(['unpaid', 'paid', 'partially_refunded', 'refunded', 'forgiven', 'void']);
export type InvoiceStatus = z.infer<typeof InvoiceStatus>;

/** The statuses no action leaves. */
export const TERMINAL_INVOICE_STATUSES = [
  'refunded',
  'forgiven',
  'void',
] as const satisfies readonly InvoiceStatus[];

/** How an offline payment was made; card payments arrive from payments, never recorded by hand. */
export const OfflinePaymentMethod = z.enum(['cash', 'check', 'other']);
export type OfflinePaymentMethod = z.infer<typeof OfflinePaymentMethod>;
export const PaymentMethod = z.enum(['card', ...OfflinePaymentMethod.options]);
export type PaymentMethod = z.infer<typeof PaymentMethod>;

/** `INV-000123`: per practice, sequential, gap-free, never reused; six digits at least. */
export const InvoiceNumber = z.string().regex(/^INV-\d{6,}$/, 'must be an invoice number such as INV-000123');
export type InvoiceNumber = z.infer<typeof InvoiceNumber>;

/**
 * The tax rule payments' quote applied when the invoice was created, kept with the invoice so that
 * a later change to the practice's settings never changes what an invoice said.
 */
export const AppliedTaxRule = z.object({
  ratePercent: RatePercent,
  pricesIncludeTax: z.boolean(),
  /** The client's state the rate was chosen by; `null` when the practice's rule ignores it. */
  clientState: StateCode.nullable(),
});
export type AppliedTaxRule = z.infer<typeof AppliedTaxRule>;

/** Why a person changed an invoice's status (forgive, void, refund): shown in its history. */
export const INVOICE_REASON_MAX = 500;
export const InvoiceReason = SafeString.trim()
  .min(1, 'must not be empty')
  .max(INVOICE_REASON_MAX, `must be at most ${INVOICE_REASON_MAX} characters`);

/** Forgive or void an unpaid invoice: why, for its history. */
export const CloseInvoiceBody = z.strictObject({ reason: InvoiceReason });
export type CloseInvoiceBody = z.infer<typeof CloseInvoiceBody>;

export const PAYMENT_REFERENCE_MAX = 100;
/**
 * A payment made outside Arbor (cash, a check). `amount` omitted is the invoice's total; any other
 * amount is refused, since an invoice is paid in full or not at all. `reference` is what identifies
 * it on paper (a check number).
 */
export const RecordPaymentBody = z.strictObject({
  method: OfflinePaymentMethod,
  amount: MinorUnits.positive('must be more than zero').optional(),
  reference: SafeString.trim()
    .min(1, 'must not be empty')
    .max(PAYMENT_REFERENCE_MAX, `must be at most ${PAYMENT_REFERENCE_MAX} characters`)
    .optional(),
});
export type RecordPaymentBody = z.infer<typeof RecordPaymentBody>;

/** An invoice as staff and the client see it. Amounts are minor units in `currency`. */
export const InvoiceView = z.object({
  id: Id,
  number: InvoiceNumber,
  practiceId: Id,
  clientId: Id,
  /** The provider who created and sent it. */
  providerId: Id,
  description: z.string(),
  subtotal: MinorUnits,
  tax: MinorUnits,
  /** subtotal + tax, always. */
  total: MinorUnits,
  currency: Currency,
  taxRule: AppliedTaxRule,
  status: InvoiceStatus,
  /** What was paid (0 or the total) and what of it was refunded since. */
  amountPaid: MinorUnits,
  amountRefunded: MinorUnits,
  issuedAt: IsoDateTime,
  /** When the status last changed (`issuedAt` while it never has). */
  statusChangedAt: IsoDateTime,
});
export type InvoiceView = z.infer<typeof InvoiceView>;

/** One change of an invoice's status: who, when, from what, to what, and why. */
export const InvoiceHistoryEntry = z.object({
  /** `null` for the entry of its creation. */
  from: InvoiceStatus.nullable(),
  status: InvoiceStatus,
  at: IsoDateTime,
  /** The person who did it; `null` when Arbor did it by itself (a processor's webhook, a job). */
  actorId: Id.nullable(),
  reason: z.string().nullable(),
});
export type InvoiceHistoryEntry = z.infer<typeof InvoiceHistoryEntry>;

/** A payment applied to an invoice: by card (its payments attempt id as `reference`) or offline. */
export const InvoicePaymentView = z.object({
  id: Id,
  method: PaymentMethod,
  amount: MinorUnits,
  reference: z.string().nullable(),
  /** Who recorded it; `null` for a card payment (payments reported it). */
  recordedBy: Id.nullable(),
  recordedAt: IsoDateTime,
});
export type InvoicePaymentView = z.infer<typeof InvoicePaymentView>;

/** Money given back from an invoice's card payment (`void`: cancelled before it settled). */
export const InvoiceRefundView = z.object({
  id: Id,
  amount: MinorUnits,
  method: z.enum(['refund', 'void']),
  /** Why, and who asked; `null` when it was made outside Arbor (the processor's dashboard). */
  reason: z.string().nullable(),
  requestedBy: Id.nullable(),
  recordedAt: IsoDateTime,
});
export type InvoiceRefundView = z.infer<typeof InvoiceRefundView>;

/** One invoice with everything that happened to it, oldest first. */
export const InvoiceDetail = InvoiceView.extend({
  history: z.array(InvoiceHistoryEntry),
  payments: z.array(InvoicePaymentView),
  refunds: z.array(InvoiceRefundView),
});
export type InvoiceDetail = z.infer<typeof InvoiceDetail>;
