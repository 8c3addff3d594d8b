import { z } from 'zod';
import { query } from '../contract';
import { Actor, Id, IsoDateTime } from '../common';
import { cursorCodec, Page, pageQuery, pageRequest } from '../http/page.types';
import { InvoiceStatus, InvoiceView } from './invoice.types';

/** Invoices are listed newest first; a cursor holds the issue time and id of the last one shown. */
export const InvoiceCursor = cursorCodec(
  'invoicing.invoice',
  z.strictObject({ issuedAt: IsoDateTime, id: Id }),
);
export const InvoicePage = Page(InvoiceView);

/** `from` (inclusive) and `to` (exclusive) bound when invoices were issued. */
const InvoiceFilters = z.object({
  status: InvoiceStatus.optional(),
  clientId: Id.optional(),
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
});

/** `?status=&clientId=&from=&to=&limit=&cursor=` as the gateway validates it. */
export const ListInvoicesQuery = pageQuery(InvoiceCursor).extend(InvoiceFilters.shape);

/**
 * Admin: every invoice of the practice, newest first, filtered by status, client and issue dates.
 * A cursor carries no filters: pass the same filters with it.
 */
export const ListInvoices = query('invoicing.invoice.list.v1', {
  payload: pageRequest(InvoiceCursor).extend({ actor: Actor, ...InvoiceFilters.shape }),
  reply: InvoicePage,
});
