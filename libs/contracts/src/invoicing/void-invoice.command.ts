import { z } from 'zod';
import { command } from '../contract';
import { Actor, Id } from '../common';
import { CloseInvoiceBody, InvoiceView } from './invoice.types';

/** As {@link ForgiveInvoice}, for an invoice that should not have been sent: it becomes `void`. */
export const VoidInvoice = command('invoicing.invoice.void.v1', {
  payload: z.object({ actor: Actor, invoiceId: Id, body: CloseInvoiceBody }),
  reply: InvoiceView,
});
