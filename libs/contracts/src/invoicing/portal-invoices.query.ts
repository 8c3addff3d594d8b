import { z } from 'zod';
import { query } from '../contract';
import { Actor, Id } from '../common';
import { pageQuery, pageRequest } from '../http/page.types';
import { InvoiceDetail } from './invoice.types';
import { InvoiceCursor, InvoicePage } from './list-invoices.query';

export const ListPortalInvoicesQuery = pageQuery(InvoiceCursor);

/** The client, in the portal: their own invoices in the practice, newest first. */
export const ListPortalInvoices = query('invoicing.portal-invoice.list.v1', {
  payload: pageRequest(InvoiceCursor).extend({ actor: Actor }),
  reply: InvoicePage,
});

/** The client, in the portal: one of their invoices. Anyone else's is `not_found`. */
export const GetPortalInvoice = query('invoicing.portal-invoice.get.v1', {
  payload: z.object({ actor: Actor, invoiceId: Id }),
  reply: InvoiceDetail,
});
