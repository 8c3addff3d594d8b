import { query } from '../contract';
import { Actor, Id } from '../common';
import { pageQuery, pageRequest } from '../http/page.types';
import { InvoiceCursor, InvoicePage } from './list-invoices.query';

export const ListClientInvoicesQuery = pageQuery(InvoiceCursor);

/**
 * Staff, on a client's Billing tab: the client's invoices, newest first. Admins and providers
 * assigned to the client; a client of another practice (or none) is `not_found`, a client not
 * assigned to the provider `forbidden`.
 */
export const ListClientInvoices = query('invoicing.client-invoice.list.v1', {
  payload: pageRequest(InvoiceCursor).extend({ actor: Actor, clientId: Id }),
  reply: InvoicePage,
});
