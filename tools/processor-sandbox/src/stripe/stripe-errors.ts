import type Stripe from 'stripe';

/**
 * Stripe's error envelope (https://docs.stripe.com/api/errors): `{ "error": { type, code,
 * message, param, doc_url, … } }` with the HTTP status the reference lists — 400 bad request,
 * 401 unauthorized, 402 request failed (card errors), 404 not found.
 */
export interface StripeErrorReply {
  readonly status: 400 | 401 | 402 | 404;
  readonly error: Stripe.StripeRawError;
  /**
   * Whether the endpoint started executing. Stripe saves an idempotent result only then: "If
   * incoming parameters fail validation … we don't save the idempotent result"
   * (https://docs.stripe.com/api/idempotent_requests).
   */
  readonly executed: boolean;
}

export class StripeApiError extends Error {
  constructor(readonly reply: StripeErrorReply) {
    super(reply.error.message);
  }
}

function docUrl(code: string): string {
  return `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`;
}

export function invalidRequest(
  message: string,
  options: { code?: string; param?: string; status?: 400 | 404; executed?: boolean } = {},
): StripeApiError {
  const error: Stripe.StripeRawError = { message, type: 'invalid_request_error' };
  if (options.code) {
    error.code = options.code;
    error.doc_url = docUrl(options.code);
  }
  if (options.param) error.param = options.param;
  return new StripeApiError({ status: options.status ?? 400, error, executed: options.executed ?? false });
}

export function missingParam(param: string): StripeApiError {
  return invalidRequest(`Missing required param: ${param}.`, { code: 'parameter_missing', param });
}

export function unknownParam(param: string): StripeApiError {
  return invalidRequest(
    `Received unknown parameter: ${param}. Did you mean to pass it in a nested object or as metadata?`,
    { code: 'parameter_unknown', param },
  );
}

export function invalidInteger(param: string, value: string): StripeApiError {
  return invalidRequest(`Invalid integer: ${value}`, { code: 'parameter_invalid_integer', param });
}

/** "No such payment_intent: 'pi_123'" — `resource_missing`, 404 (https://docs.stripe.com/error-codes#resource-missing). */
export function noSuch(resource: string, id: string, param: string): StripeApiError {
  return invalidRequest(`No such ${resource}: '${id}'`, { code: 'resource_missing', param, status: 404 });
}

export function unexpectedState(message: string, paymentIntent?: Stripe.PaymentIntent): StripeApiError {
  const error = invalidRequest(message, { code: 'payment_intent_unexpected_state', executed: true });
  if (paymentIntent) error.reply.error.payment_intent = paymentIntent;
  return error;
}
