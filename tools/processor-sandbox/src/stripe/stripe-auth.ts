/**
 * API-key authentication as the Stripe API does it (https://docs.stripe.com/api/authentication):
 * the secret key as a Bearer token, or as the Basic-auth user name (`curl -u sk_test_…:`). Like
 * stripe-mock, any well-formed test-mode key is accepted (`sk_test_…` or restricted `rk_test_…`);
 * anything else gets the real API's 401 answer.
 */

export type StripeAuthResult =
  | { readonly ok: true; readonly apiKey: string; readonly publishable: boolean }
  | { readonly ok: false; readonly message: string };

const TEST_KEY = /^(sk|rk)_test_[0-9A-Za-z]+$/;
/** A test publishable key, what Stripe.js sends; only the calls a browser makes accept it. */
const PUBLISHABLE_TEST_KEY = /^pk_test_[0-9A-Za-z]+$/;

/** The real API's text when no key is sent at all. */
export const NO_API_KEY_MESSAGE =
  "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.";

export function authenticateStripe(
  authorization: string | undefined,
  options: { readonly allowPublishable?: boolean } = {},
): StripeAuthResult {
  if (!authorization || authorization.trim() === '') return { ok: false, message: NO_API_KEY_MESSAGE };
  const [scheme, credential = '', ...rest] = authorization.trim().split(/\s+/);
  let key: string;
  if (rest.length > 0) {
    key = [credential, ...rest].join(' ');
  } else if (scheme?.toLowerCase() === 'bearer') {
    key = credential;
  } else if (scheme?.toLowerCase() === 'basic') {
    key = Buffer.from(credential, 'base64').toString('utf8').split(':')[0] ?? '';
  } else {
    key = authorization.trim();
  }
  if (key === '') return { ok: false, message: NO_API_KEY_MESSAGE };
  if (/\s/.test(key)) {
    // The real API names this case on its own.
    return {
      ok: false,
      message: `Invalid API Key provided: ${maskKey(key)}. This key contains at least one space. Please delete the spaces and try again. If you have any questions, we can help at https://support.stripe.com/.`,
    };
  }
  if (options.allowPublishable && PUBLISHABLE_TEST_KEY.test(key)) {
    return { ok: true, apiKey: key, publishable: true };
  }
  if (!TEST_KEY.test(key)) return { ok: false, message: `Invalid API Key provided: ${maskKey(key)}` };
  return { ok: true, apiKey: key, publishable: false };
}

/**
 * The real API echoes a refused key with all but its prefix and last four characters masked,
 * e.g. `sk_test_**********************Aso0`.
 */
export function maskKey(key: string): string {
  const prefix = /^[a-z]+_(test_|live_)?/.exec(key)?.[0] ?? '';
  const body = key.slice(prefix.length);
  if (body.length <= 4) return `${prefix}${'*'.repeat(body.length)}`;
  return `${prefix}${'*'.repeat(body.length - 4)}${body.slice(-4)}`;
}
