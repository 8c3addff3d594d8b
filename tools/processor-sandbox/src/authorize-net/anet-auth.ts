import type { AnetMessage } from './anet-types';

/**
 * `merchantAuthentication` checks. The schema limits `name` (API Login ID) to 25 characters and
 * `transactionKey` to 16; a value over the limit fails schema validation (E00003) before any
 * authentication, and credentials that are not a well-formed pair fail with E00007 "User
 * authentication failed due to invalid authentication values." (response-code reference,
 * https://developer.authorize.net/api/reference/responseCodes.html). Like stripe-mock, the
 * sandbox accepts every well-formed pair: an alphanumeric login of 1–25 characters with an
 * alphanumeric 16-character transaction key — or, for the Accept tokenization call only, a
 * public client key.
 */

export type AnetAuthResult =
  { readonly ok: true; readonly merchant: string } | { readonly ok: false; readonly message: AnetMessage };

const ALPHANUMERIC = /^[0-9A-Za-z]+$/;

export const E00007: AnetMessage = {
  code: 'E00007',
  text: 'User authentication failed due to invalid authentication values.',
};

export function authenticateMerchant(auth: unknown, allowClientKey: boolean): AnetAuthResult {
  if (typeof auth !== 'object' || auth === null) return { ok: false, message: E00007 };
  const record = auth as Record<string, unknown>;
  const name = asText(record['name']);
  const transactionKey = asText(record['transactionKey']);
  const clientKey = asText(record['clientKey']);
  if (name !== undefined && name.length > 25) return { ok: false, message: tooLong('name', name) };
  if (transactionKey !== undefined && transactionKey.length > 16) {
    return { ok: false, message: tooLong('transactionKey', transactionKey) };
  }
  if (name === undefined || !ALPHANUMERIC.test(name)) return { ok: false, message: E00007 };
  if (transactionKey !== undefined) {
    return transactionKey.length === 16 && ALPHANUMERIC.test(transactionKey)
      ? { ok: true, merchant: name }
      : { ok: false, message: E00007 };
  }
  // Accept.js sends the API Login ID with the public client key (https://developer.authorize.net/api/reference/features/acceptjs.html).
  if (allowClientKey && clientKey !== undefined && clientKey.length >= 16 && ALPHANUMERIC.test(clientKey)) {
    return { ok: true, merchant: name };
  }
  return { ok: false, message: E00007 };
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** The schema-validation message the API returns for a value over its maxLength. */
function tooLong(element: string, value: string): AnetMessage {
  return {
    code: 'E00003',
    text: `The 'AnetApi/xml/v1/schema/AnetApiSchema.xsd:${element}' element is invalid - The value '${value}' is invalid according to its datatype 'String' - The actual length is greater than the MaxLength value.`,
  };
}
