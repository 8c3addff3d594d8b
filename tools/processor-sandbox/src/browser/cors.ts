import type { HttpReply } from '../http';

/**
 * CORS for the API calls a browser makes from a merchant's page (another origin): the processors
 * answer them for any origin, without credentials, as api.stripe.com does
 * (`Access-Control-Allow-Origin: *`). Only these paths take cross-origin calls; the secret-key
 * APIs stay server-to-server.
 */
const ALLOW_HEADERS = 'Authorization, Content-Type, Idempotency-Key, Stripe-Version';

/** The answer to a preflight `OPTIONS`. */
export function preflightReply(): HttpReply {
  return {
    status: 204,
    headers: {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'POST, OPTIONS',
      'Access-Control-Allow-Headers': ALLOW_HEADERS,
      'Access-Control-Max-Age': '300',
    },
    body: '',
  };
}

export function withCors(reply: HttpReply): HttpReply {
  return {
    ...reply,
    headers: {
      ...reply.headers,
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Expose-Headers': 'Request-Id',
    },
  };
}
