import { z } from 'zod';
import { query } from '../contract';
import { Actor, Id } from '../common';
import { PaymentConfig } from '../payments/payment-config.types';

/**
 * `GET /portal/invoices/{iid}/payment-config`: the client, about to pay their unpaid invoice by
 * card, learns which processor script to load and with which public keys. Refusals:
 * - `not_found`: not this client's invoice (or none);
 * - `conflict` (`currentStatus`): the invoice is not unpaid, so there is nothing to pay; or the
 *   practice has no active processor;
 * - `service_unavailable`: payments, or the processor it asked for a session, did not answer.
 */
export const GetInvoicePaymentConfig = query('invoicing.invoice-payment-config.get.v1', {
  payload: z.object({ actor: Actor, invoiceId: Id }),
  reply: PaymentConfig,
});
