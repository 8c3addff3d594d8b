import { CONVERGE_ERRORS, type ConvergeError } from './converge-errors';
import type { ConvergeFields } from './converge-xml';

/**
 * Credential checks. The reference gives the formats: `ssl_merchant_id` 6 or 7 digits,
 * `ssl_user_id` up to 15 alphanumerics, `ssl_pin` up to 64 alphanumerics
 * (https://developer.elavon.com/na/docs/converge/1.0.0/integration-guide/transaction_types/credit_card/sale).
 * Like stripe-mock, the sandbox accepts every well-formed triple and refuses the rest as the
 * gateway does.
 */
export type ConvergeAuthResult =
  | { readonly ok: true; readonly merchantId: string; readonly userId: string }
  | { readonly ok: false; readonly error: ConvergeError };

export function authenticateConverge(fields: ConvergeFields): ConvergeAuthResult {
  const merchantId = fields['ssl_merchant_id'] ?? fields['ssl_account_id'];
  const userId = fields['ssl_user_id'];
  const pin = fields['ssl_pin'];
  if (merchantId === undefined || merchantId === '')
    return { ok: false, error: CONVERGE_ERRORS.vidNotSupplied };
  if (pin === undefined || pin === '') return { ok: false, error: CONVERGE_ERRORS.pinNotSupplied };
  if (userId === undefined || userId === '') return { ok: false, error: CONVERGE_ERRORS.userIdNotSupplied };
  const wellFormed =
    /^\d{6,7}$/.test(merchantId) && /^[0-9A-Za-z]{1,15}$/.test(userId) && /^[0-9A-Za-z]{1,64}$/.test(pin);
  if (!wellFormed) return { ok: false, error: CONVERGE_ERRORS.invalidCredentials };
  return { ok: true, merchantId, userId };
}
