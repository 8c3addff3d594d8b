import { z } from 'zod';
import { query } from '../contract';
import { Actor, Id } from '../common';
import { InvoiceDetail } from './invoice.types';

/**
 * Staff: one invoice with its history, payments and refunds. Admins; providers assigned to its
 * client, and the provider who issued it. Another practice's invoice is `not_found`; another
 * provider's is `forbidden`.
 */
export const GetInvoice = query('invoicing.invoice.get.v1', {
  payload: z.object({ actor: Actor, invoiceId: Id }),
  reply: InvoiceDetail,
});
