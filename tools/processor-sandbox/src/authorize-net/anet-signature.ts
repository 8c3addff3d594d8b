import { createHmac, randomBytes } from 'node:crypto';

/**
 * `X-ANET-Signature: sha512=<hex>` on webhook notifications
 * (https://developer.authorize.net/api/reference/features/webhooks.html, "Verifying the
 * Notification"): the HMAC-SHA512 of the raw body keyed with the merchant's Signature Key, as
 * upper-case hex. The key is used as the text it is shown as (128 hex characters), not decoded.
 */
export function anetSignatureHeader(body: string, signatureKey: string): string {
  return `sha512=${createHmac('sha512', signatureKey).update(body, 'utf8').digest('hex').toUpperCase()}`;
}

/**
 * `transHashSha2` on transaction responses (https://developer.authorize.net/support/hash_upgrade/):
 * HMAC-SHA512 of `^<API Login ID>^<transId>^<amount>^`, keyed with the Signature Key converted
 * from hex to bytes, as upper-case hex.
 */
export function anetTransHashSha2(
  signatureKey: string,
  login: string,
  transId: string,
  amount: string,
): string {
  return createHmac('sha512', Buffer.from(signatureKey, 'hex'))
    .update(`^${login}^${transId}^${amount}^`, 'utf8')
    .digest('hex')
    .toUpperCase();
}

/** A Signature Key shaped like the Merchant Interface's: 64 random bytes as upper-case hex. */
export function newSignatureKey(): string {
  return randomBytes(64).toString('hex').toUpperCase();
}
