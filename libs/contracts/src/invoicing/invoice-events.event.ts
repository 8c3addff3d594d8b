import { z } from 'zod';
import { event } from '../contract';
import { Currency, Id, MinorUnits } from '../common';
import { InvoiceNumber, InvoiceStatus, PaymentMethod } from './invoice.types';

/**
 * Invoice events carry ids, the number, the status and amounts; never the description (it may say
 * what care was given) nor a reason someone typed. Every event carries the invoice's status and
 * money after the change, so a consumer's read model needs no earlier event.
 */
const InvoiceState = z.object({
  practiceId: Id,
  invoiceId: Id,
  number: InvoiceNumber,
  clientId: Id,
  providerId: Id,
  status: InvoiceStatus,
  total: MinorUnits,
  currency: Currency,
  amountPaid: MinorUnits,
  amountRefunded: MinorUnits,
});

/** An invoice was created and sent to its client (notifications alerts them). */
export const InvoiceSent = event('invoicing.invoice.sent.v1', { data: InvoiceState });

/** The invoice was paid: by card through payments, or by a payment recorded by staff. */
export const InvoicePaid = event('invoicing.invoice.paid.v1', {
  data: InvoiceState.extend({ method: PaymentMethod, amount: MinorUnits.positive() }),
});

/** Some or all of what was paid was given back (`status` says which). */
export const InvoiceRefunded = event('invoicing.invoice.refunded.v1', {
  data: InvoiceState.extend({ amount: MinorUnits.positive() }),
});

/** Staff forgave an unpaid invoice: the client owes nothing. */
export const InvoiceForgiven = event('invoicing.invoice.forgiven.v1', { data: InvoiceState });

/** Staff voided an unpaid invoice: it should not have been sent. */
export const InvoiceVoided = event('invoicing.invoice.voided.v1', { data: InvoiceState });
