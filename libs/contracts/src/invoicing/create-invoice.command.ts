import { z } from 'zod';
import { command } from '../contract';
import { Actor, Id, MinorUnits, SafeString } from '../common';
import { InvoiceView } from './invoice.types';

export const INVOICE_DESCRIPTION_MAX = 1000;
/** The largest amount one invoice may ask for, in minor units: what payments will charge at most. */
export const INVOICE_AMOUNT_MAX = 99_999_999;

/**
 * What the provider enters: what the invoice is for, and the amount in minor units (gross when the
 * practice's prices include tax). Tax, total and currency come from payments' quote.
 */
export const CreateInvoiceBody = z.strictObject({
  description: SafeString.trim()
    .min(1, 'must not be empty')
    .max(INVOICE_DESCRIPTION_MAX, `must be at most ${INVOICE_DESCRIPTION_MAX} characters`),
  amount: MinorUnits.positive('must be more than zero').max(
    INVOICE_AMOUNT_MAX,
    `must be at most ${INVOICE_AMOUNT_MAX}`,
  ),
});
export type CreateInvoiceBody = z.infer<typeof CreateInvoiceBody>;

/**
 * A provider creates an invoice for a client of their practice and sends it (the client is alerted
 * from `invoicing.invoice.sent.v1`). Refusals:
 * - `forbidden` (`activeRole`): the caller is not acting as a provider, or the practice's Client
 *   Billing is off or not assigned to them;
 * - `not_found` (`reason: "client"`): no such client in the practice;
 *   (`reason: "client_not_assigned"`): the client is not assigned to this provider;
 * - `conflict` (`currentStatus: "archived"`, `field: "clientId"`): the client is archived;
 * - `validation_failed`: a bad description or amount, each named;
 * - `service_unavailable`: payments did not answer the tax quote (nothing was created).
 */
export const CreateInvoice = command('invoicing.invoice.create.v1', {
  payload: z.object({ actor: Actor, clientId: Id, body: CreateInvoiceBody }),
  reply: InvoiceView,
});
