import type Stripe from 'stripe';
import { jsonReply, type HttpReply } from '../http';
import { randomAlphanumeric } from '../ids';
import { authenticateStripe } from './stripe-auth';
import { UNSAFE_RAW_CARD_MESSAGE } from './stripe-card-payment-methods';
import { invalidRequest, StripeApiError, unknownParam } from './stripe-errors';
import { FormParseError, parseStripeForm, type FormObject } from './stripe-form';
import { IdempotencyStore, MAX_IDEMPOTENCY_KEY_LENGTH } from './stripe-idempotency';
import { SANDBOX_API_VERSION, type StripeFake, type StripeRequestRef } from './stripe.service';

export interface StripeRequest {
  readonly method: string;
  /** Path without the query string, e.g. `/v1/payment_intents/pi_123/confirm`. */
  readonly path: string;
  readonly query: string;
  readonly body: string;
  readonly header: (name: string) => string | undefined;
}

interface Success {
  readonly status: 200;
  readonly object: unknown;
}

/**
 * HTTP front of the Stripe fake: authentication, form decoding, idempotency and the error
 * envelope, the way api.stripe.com applies them to every `/v1` request.
 */
export class StripeHandlers {
  private readonly idempotency = new IdempotencyStore();

  constructor(private readonly fake: StripeFake) {}

  reset(): void {
    this.idempotency.clear();
  }

  handle(request: StripeRequest): HttpReply {
    const requestId = `req_${randomAlphanumeric(14)}`;
    const version = request.header('stripe-version') ?? SANDBOX_API_VERSION;
    const baseHeaders: Record<string, string> = { 'Request-Id': requestId, 'Stripe-Version': version };

    // Stripe.js creates PaymentMethods from the browser with the publishable key.
    const auth = authenticateStripe(request.header('authorization'), {
      allowPublishable: request.method === 'POST' && request.path === '/v1/payment_methods',
    });
    if (!auth.ok) {
      // 401 with only message and type, as the real API answers (https://docs.stripe.com/api/errors).
      return jsonReply(
        401,
        { error: { message: auth.message, type: 'invalid_request_error' } },
        { ...baseHeaders, 'WWW-Authenticate': 'Bearer realm="Stripe"' },
      );
    }

    let params: FormObject;
    try {
      params = parseStripeForm(
        request.method === 'GET' || request.method === 'DELETE' ? request.query : request.body,
      );
    } catch (caught) {
      if (caught instanceof FormParseError) {
        return errorReply(invalidRequest(caught.message), baseHeaders);
      }
      throw caught;
    }

    const key = request.method === 'POST' ? request.header('idempotency-key') : undefined;
    if (key !== undefined) {
      baseHeaders['Idempotency-Key'] = key;
      if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
        return errorReply(
          invalidRequest(`Idempotency-Key must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters long.`),
          baseHeaders,
        );
      }
      const found = this.idempotency.lookup(auth.apiKey, key, request.method, request.path, params);
      if (found.kind === 'replay') {
        return {
          status: found.response.status,
          headers: {
            'Content-Type': 'application/json; charset=utf-8',
            ...baseHeaders,
            'Idempotent-Replayed': 'true',
          },
          body: found.response.body,
        };
      }
      if (found.kind === 'mismatch') {
        return jsonReply(400, { error: { message: found.message, type: 'idempotency_error' } }, baseHeaders);
      }
    }

    let reply: HttpReply;
    let executed: boolean;
    try {
      const success = this.route(
        auth.apiKey,
        auth.publishable,
        request,
        params,
        { id: requestId, idempotencyKey: key ?? null },
        version,
      );
      reply = jsonReply(success.status, success.object, baseHeaders);
      executed = true;
    } catch (caught) {
      if (!(caught instanceof StripeApiError)) throw caught;
      reply = errorReply(caught, baseHeaders);
      executed = caught.reply.executed;
    }
    if (key !== undefined && executed) {
      this.idempotency.save(auth.apiKey, key, request.method, request.path, params, {
        status: reply.status,
        body: reply.body,
      });
    }
    return reply;
  }

  private route(
    apiKey: string,
    publishable: boolean,
    request: StripeRequest,
    params: FormObject,
    requestRef: StripeRequestRef,
    version: string,
  ): Success {
    const { method, path } = request;
    const segments = path.split('/').filter((s) => s !== '');
    const [prefix, resource, id, action, ...extra] = segments;
    if (prefix !== 'v1' || extra.length > 0) throw unrecognised(method, path);

    if (resource === 'payment_intents') {
      const expand = expandList(params);
      if (method === 'POST' && id === undefined) {
        return ok(
          this.expand(apiKey, this.fake.createPaymentIntent(apiKey, params, requestRef, version), expand),
        );
      }
      if (method === 'GET' && id !== undefined && action === undefined) {
        onlyExpand(params);
        return ok(this.expand(apiKey, this.fake.retrievePaymentIntent(apiKey, id), expand));
      }
      if (method === 'POST' && id !== undefined) {
        if (action === 'confirm') {
          return ok(
            this.expand(
              apiKey,
              this.fake.confirmPaymentIntent(apiKey, id, params, requestRef, version),
              expand,
            ),
          );
        }
        if (action === 'capture') {
          return ok(
            this.expand(apiKey, this.fake.capturePaymentIntent(apiKey, id, params, requestRef), expand),
          );
        }
        if (action === 'cancel') {
          return ok(
            this.expand(apiKey, this.fake.cancelPaymentIntent(apiKey, id, params, requestRef), expand),
          );
        }
      }
    }
    if (resource === 'refunds' && action === undefined) {
      if (method === 'POST' && id === undefined) {
        expandList(params, false);
        return ok(this.fake.createRefund(apiKey, params, requestRef));
      }
      if (method === 'GET' && id !== undefined) {
        onlyExpand(params, false);
        return ok(this.fake.retrieveRefund(apiKey, id));
      }
    }
    if (resource === 'charges' && method === 'GET' && id !== undefined && action === undefined) {
      onlyExpand(params, false);
      return ok(this.fake.retrieveCharge(apiKey, id));
    }
    if (resource === 'payment_methods' && method === 'GET' && id !== undefined && action === undefined) {
      onlyExpand(params, false);
      return ok(this.fake.retrievePaymentMethod(apiKey, id));
    }
    if (resource === 'payment_methods' && method === 'POST' && id === undefined) {
      if (!publishable && hasCardNumber(params)) throw invalidRequest(UNSAFE_RAW_CARD_MESSAGE);
      return ok(this.fake.createPaymentMethod(params));
    }
    if (resource === 'balance' && method === 'GET' && id === undefined) {
      onlyExpand(params, false);
      return ok(this.fake.retrieveBalance(apiKey));
    }
    throw unrecognised(method, path);
  }

  private expand(
    apiKey: string,
    intent: Stripe.PaymentIntent,
    expand: readonly string[],
  ): Stripe.PaymentIntent {
    return this.fake.expandPaymentIntent(apiKey, intent, expand);
  }
}

function hasCardNumber(params: FormObject): boolean {
  const card = params['card'];
  return typeof card === 'object' && !Array.isArray(card) && card['number'] !== undefined;
}

function ok(object: unknown): Success {
  return { status: 200, object };
}

function errorReply(error: StripeApiError, headers: Record<string, string>): HttpReply {
  return jsonReply(error.reply.status, { error: error.reply.error }, headers);
}

/** The real API's answer to a path it does not serve. */
function unrecognised(method: string, path: string): StripeApiError {
  return invalidRequest(
    `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    { status: 404 },
  );
}

function expandList(params: FormObject, allowed = true): string[] {
  const value = params['expand'];
  if (value === undefined) return [];
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
  if (!list || list.some((v) => typeof v !== 'string')) {
    throw invalidRequest('Invalid array', { param: 'expand' });
  }
  const paths = list as string[];
  if (!allowed && paths.length > 0) {
    throw invalidRequest(`This property cannot be expanded (${paths[0]}).`, { param: 'expand' });
  }
  return paths;
}

/** Retrieve calls take no parameter but `expand`. */
function onlyExpand(params: FormObject, allowed = true): void {
  for (const key of Object.keys(params)) if (key !== 'expand') throw unknownParam(key);
  expandList(params, allowed);
}
