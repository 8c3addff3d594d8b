import { z } from 'zod';
import { Id } from '../common';
import { CreateInvoiceBody } from '../invoicing/create-invoice.command';
import { CloseInvoiceBody, InvoiceDetail, InvoiceView, RecordPaymentBody } from '../invoicing/invoice.types';
import { ListClientInvoicesQuery } from '../invoicing/list-client-invoices.query';
import { InvoicePage, ListInvoicesQuery } from '../invoicing/list-invoices.query';
import { PayInvoiceBody, PayInvoiceReply } from '../invoicing/pay-invoice.command';
import { PaymentConfig } from '../payments/payment-config.types';
import { ListPortalInvoicesQuery } from '../invoicing/portal-invoices.query';
import { RefundInvoiceBody } from '../invoicing/refund-invoice.command';
import { route } from './route.types';

const PracticeParams = z.object({ pid: Id });
const ClientParams = PracticeParams.extend({ cid: Id });
const InvoiceParams = PracticeParams.extend({ iid: Id });
const PortalInvoiceParams = z.object({ iid: Id });

/**
 * What every money route says of its key. Like Stripe, the key is optional: a request without one
 * is a new operation each time (the gateway gives it a fresh random key for the services), so a
 * client that may retry — after a timeout, a lost connection — must send one.
 */
const KEY_SEMANTICS =
  'Send an `Idempotency-Key` to retry safely: the same key and body answer the first answer and ' +
  'never act twice. Without one, each request is a new operation.';

export const CreateInvoiceRoute = route({
  operationId: 'createInvoice',
  method: 'POST',
  path: '/api/v1/practices/{pid}/clients/{cid}/invoices',
  summary: 'A provider with Client Billing invoices a client assigned to them; the client is alerted',
  description:
    'Tax, total and currency follow the practice’s sales tax settings, kept with the invoice. ' +
    'Numbered per practice: INV-000001, INV-000002, … ' +
    KEY_SEMANTICS,
  tags: ['Invoices'],
  access: ['provider'],
  params: ClientParams,
  body: CreateInvoiceBody,
  responses: { 201: InvoiceView },
  problems: ['conflict'],
  idempotent: true,
});

export const ListInvoicesRoute = route({
  operationId: 'listInvoices',
  method: 'GET',
  path: '/api/v1/practices/{pid}/invoices',
  summary: 'Every invoice of the practice, newest first, by status, client and issue dates',
  description:
    '`from` is inclusive, `to` exclusive. A cursor carries no filters: send the same filters with it.',
  tags: ['Invoices'],
  access: ['admin'],
  params: PracticeParams,
  query: ListInvoicesQuery,
  responses: { 200: InvoicePage },
});

export const ListClientInvoicesRoute = route({
  operationId: 'listClientInvoices',
  method: 'GET',
  path: '/api/v1/practices/{pid}/clients/{cid}/invoices',
  summary: "A client's invoices, newest first: an Admin, or a provider assigned to the client",
  tags: ['Invoices'],
  access: ['admin', 'provider'],
  params: ClientParams,
  query: ListClientInvoicesQuery,
  responses: { 200: InvoicePage },
});

export const GetInvoiceRoute = route({
  operationId: 'getInvoice',
  method: 'GET',
  path: '/api/v1/practices/{pid}/invoices/{iid}',
  summary: 'One invoice with its history, payments and refunds, oldest first',
  description: 'An Admin, a provider assigned to its client, or the provider who issued it.',
  tags: ['Invoices'],
  access: ['admin', 'provider'],
  params: InvoiceParams,
  responses: { 200: InvoiceDetail },
});

export const RefundInvoiceRoute = route({
  operationId: 'refundInvoice',
  method: 'POST',
  path: '/api/v1/practices/{pid}/invoices/{iid}/refund',
  summary: 'Give back some (or, without `amount`, the rest) of a card payment',
  description:
    'An Admin, or the provider who issued it; paid or partially refunded invoices only → ' +
    '`partially_refunded` or `refunded`. 409 names the current status, or `method` for a payment ' +
    'made outside Arbor. ' +
    KEY_SEMANTICS,
  tags: ['Invoices'],
  access: ['admin', 'provider'],
  params: InvoiceParams,
  body: RefundInvoiceBody,
  responses: { 200: InvoiceView },
  problems: ['conflict'],
  idempotent: true,
});

export const ForgiveInvoiceRoute = route({
  operationId: 'forgiveInvoice',
  method: 'POST',
  path: '/api/v1/practices/{pid}/invoices/{iid}/forgive',
  summary: 'Forgive an unpaid invoice: the client owes nothing',
  description: 'An Admin, or the provider who issued it. 409 names the current status of one not unpaid.',
  tags: ['Invoices'],
  access: ['admin', 'provider'],
  params: InvoiceParams,
  body: CloseInvoiceBody,
  responses: { 200: InvoiceView },
  problems: ['conflict'],
});

export const VoidInvoiceRoute = route({
  operationId: 'voidInvoice',
  method: 'POST',
  path: '/api/v1/practices/{pid}/invoices/{iid}/void',
  summary: 'Void an unpaid invoice that should not have been sent',
  description: 'An Admin, or the provider who issued it. 409 names the current status of one not unpaid.',
  tags: ['Invoices'],
  access: ['admin', 'provider'],
  params: InvoiceParams,
  body: CloseInvoiceBody,
  responses: { 200: InvoiceView },
  problems: ['conflict'],
});

export const RecordInvoicePaymentRoute = route({
  operationId: 'recordInvoicePayment',
  method: 'POST',
  path: '/api/v1/practices/{pid}/invoices/{iid}/payments',
  summary: 'Record that an unpaid invoice was paid outside Arbor (cash, check, other) → `paid`',
  description:
    'An Admin, or the provider who issued it. `amount`, when sent, must be the total. ' + KEY_SEMANTICS,
  tags: ['Invoices'],
  access: ['admin', 'provider'],
  params: InvoiceParams,
  body: RecordPaymentBody,
  responses: { 200: InvoiceView },
  problems: ['conflict'],
  idempotent: true,
});

export const ListPortalInvoicesRoute = route({
  operationId: 'listPortalInvoices',
  method: 'GET',
  path: '/api/v1/portal/invoices',
  summary: 'The client, in the portal: their invoices, newest first',
  tags: ['Portal'],
  access: ['client'],
  query: ListPortalInvoicesQuery,
  responses: { 200: InvoicePage },
});

export const GetPortalInvoiceRoute = route({
  operationId: 'getPortalInvoice',
  method: 'GET',
  path: '/api/v1/portal/invoices/{iid}',
  summary: 'The client, in the portal: one of their invoices (404 for anyone else’s)',
  tags: ['Portal'],
  access: ['client'],
  params: PortalInvoiceParams,
  responses: { 200: InvoiceDetail },
});

export const GetInvoicePaymentConfigRoute = route({
  operationId: 'getInvoicePaymentConfig',
  method: 'GET',
  path: '/api/v1/portal/invoices/{iid}/payment-config',
  summary: 'The client, before paying: which processor script to load, with its public keys',
  description:
    'Public values only (Stripe publishable key; Authorize.net API Login ID and Public Client Key; ' +
    'a one-use Converge session token): the card goes from the browser to the processor, and ' +
    'only its token to `pay`. Ask again for each payment page — a Converge token serves one ' +
    'tokenization — and never cache it (the answer is `Cache-Control: no-store`). 409 names the ' +
    'current status of an invoice that is not unpaid, or says the practice takes no card payments.',
  tags: ['Portal'],
  access: ['client'],
  params: PortalInvoiceParams,
  responses: { 200: PaymentConfig },
  problems: ['conflict'],
});

export const PayInvoiceRoute = route({
  operationId: 'payInvoice',
  method: 'POST',
  path: '/api/v1/portal/invoices/{iid}/pay',
  summary: 'The client pays their unpaid invoice with a card token from the processor’s fields',
  description:
    '`paid` with a receipt; `pending` when the processor’s answer is not known yet (pay again with ' +
    'the same key: it never charges twice). 402 with the decline reason in plain words when the ' +
    'card is refused; the invoice stays unpaid. ' +
    KEY_SEMANTICS,
  tags: ['Portal'],
  access: ['client'],
  params: PortalInvoiceParams,
  body: PayInvoiceBody,
  responses: { 200: PayInvoiceReply },
  problems: ['conflict', 'payment_declined'],
  idempotent: true,
});

export const INVOICES_ROUTES = [
  CreateInvoiceRoute,
  ListInvoicesRoute,
  ListClientInvoicesRoute,
  GetInvoiceRoute,
  RefundInvoiceRoute,
  ForgiveInvoiceRoute,
  VoidInvoiceRoute,
  RecordInvoicePaymentRoute,
  ListPortalInvoicesRoute,
  GetPortalInvoiceRoute,
  GetInvoicePaymentConfigRoute,
  PayInvoiceRoute,
] as const;
