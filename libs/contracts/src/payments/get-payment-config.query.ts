import { z } from 'zod';
import { query } from '../contract';
import { Id } from '../common';
import { PaymentConfig } from './payment-config.types';

/**
 * Service to service: what a browser needs to tokenize a card with the practice's active
 * processor — public values only, made from its decrypted credentials (and, for Elavon, a fresh
 * session token asked of Converge). Invoicing asks once it has checked the invoice is the
 * client's and payable; the answer is for that one payment page and is never stored. Refusals:
 * - `conflict`: the practice has no active processor, so it cannot take card payments;
 * - `service_unavailable` (`service` names the processor): Converge did not make a session token.
 */
export const GetPaymentConfig = query('payments.payment-config.get.v1', {
  payload: z.object({ practiceId: Id }),
  reply: PaymentConfig,
});
