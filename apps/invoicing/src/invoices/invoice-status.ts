import {
  ArborError,
  TERMINAL_INVOICE_STATUSES,
  type InvoiceStatus,
  type OfflinePaymentMethod,
} from '@arbor/contracts';

/** What the status machine needs of an invoice: its status and its money, in minor units. */
export interface InvoiceBalance {
  readonly status: InvoiceStatus;
  readonly total: number;
  readonly amountPaid: number;
  readonly amountRefunded: number;
}

/**
 * What can be done to an invoice (API.md, Invoices). `pay` is a card payment payments reports;
 * `record_payment` is staff recording one made offline; `refund` gives back part or all of what was
 * paid; `forgive` and `void` close an unpaid invoice without payment.
 */
export type InvoiceAction =
  | { readonly kind: 'pay'; readonly amount: number }
  | { readonly kind: 'record_payment'; readonly amount: number; readonly method: OfflinePaymentMethod }
  | { readonly kind: 'refund'; readonly amount: number }
  | { readonly kind: 'forgive' }
  | { readonly kind: 'void' };

export type InvoiceActionKind = InvoiceAction['kind'];

/** Which statuses each action may start from; everything else is a conflict. */
const ALLOWED_FROM: Record<InvoiceActionKind, readonly InvoiceStatus[]> = {
  pay: ['unpaid'],
  record_payment: ['unpaid'],
  refund: ['paid', 'partially_refunded'],
  forgive: ['unpaid'],
  void: ['unpaid'],
};

const ACTION_WORDS: Record<InvoiceActionKind, string> = {
  pay: 'paid',
  record_payment: 'paid',
  refund: 'refunded',
  forgive: 'forgiven',
  void: 'voided',
};

export function isTerminal(status: InvoiceStatus): boolean {
  return (TERMINAL_INVOICE_STATUSES as readonly InvoiceStatus[]).includes(status);
}

/**
 * The invoice after `action`, or a typed error: `conflict` naming the current status when the
 * action cannot start from it, `validation_failed` naming `amount` when the amount cannot be
 * (a payment must be the whole total, since no status means "partly paid"; a refund at most what
 * was paid and not yet refunded).
 */
export function applyInvoiceAction(invoice: InvoiceBalance, action: InvoiceAction): InvoiceBalance {
  if (!ALLOWED_FROM[action.kind].includes(invoice.status)) {
    throw new ArborError(
      'conflict',
      `an invoice that is ${invoice.status.replaceAll('_', ' ')} cannot be ${ACTION_WORDS[action.kind]}`,
      { currentStatus: invoice.status },
    );
  }
  switch (action.kind) {
    case 'pay':
    case 'record_payment':
      if (action.amount !== invoice.total) {
        throw badAmount(`must be the invoice's total, ${invoice.total}`);
      }
      return { ...invoice, status: 'paid', amountPaid: action.amount };
    case 'refund': {
      const refundable = invoice.amountPaid - invoice.amountRefunded;
      if (!Number.isSafeInteger(action.amount) || action.amount <= 0) {
        throw badAmount('must be a positive whole number of minor units');
      }
      if (action.amount > refundable) {
        throw badAmount(`must be at most ${refundable}, what is left to refund`);
      }
      const amountRefunded = invoice.amountRefunded + action.amount;
      const status = amountRefunded === invoice.amountPaid ? 'refunded' : 'partially_refunded';
      return { ...invoice, status, amountRefunded };
    }
    case 'forgive':
      return { ...invoice, status: 'forgiven' };
    case 'void':
      return { ...invoice, status: 'void' };
  }
}

function badAmount(message: string): ArborError {
  return ArborError.validation(`amount ${message}`, [{ path: 'amount', message }]);
}
