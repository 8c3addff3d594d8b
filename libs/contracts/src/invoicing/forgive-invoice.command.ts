import { z } from 'zod';
import { command } from '../contract';
import { Actor, Id } from '../common';
import { CloseInvoiceBody, InvoiceView } from './invoice.types';

/**
 * An Admin, or the provider who issued it, forgives an unpaid invoice: the client owes nothing.
 * Another practice's invoice is `not_found`; another provider's is `forbidden`; an invoice that is
 * not unpaid is a `conflict` naming its status.
 */
export const ForgiveInvoice = command('invoicing.invoice.forgive.v1', {
  payload: z.object({ actor: Actor, invoiceId: Id, body: CloseInvoiceBody }),
  reply: InvoiceView,
});
