import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Stripe from 'stripe';
import { anetSignatureHeader, newSignatureKey } from './authorize-net/anet-signature';
import type { AnetWebhookEventType, AnetWebhookNotification } from './authorize-net/anet-types';
import { ANET_PATH, handleAuthorizeNet } from './authorize-net/anet.handlers';
import { AuthorizeNetFake, type AnetTransactionEvent } from './authorize-net/anet.service';
import { browserAsset } from './browser/browser-scripts';
import { preflightReply, withCors } from './browser/cors';
import {
  CONVERGE_HOSTED_PAY_PATH,
  CONVERGE_PATHS,
  CONVERGE_TRANSACTION_TOKEN_PATH,
  handleConverge,
  handleConvergeHostedPay,
  handleConvergeTransactionToken,
} from './converge/converge.handlers';
import { ConvergeFake, type HostedSession } from './converge/converge.service';
import { BodyTooLargeError, headerValue, jsonReply, readBody, writeReply, type HttpReply } from './http';
import { newWebhookSecret, stripeSignatureHeader } from './stripe/stripe-signature';
import { StripeHandlers } from './stripe/stripe.handlers';
import { StripeFake, type StripeEventType } from './stripe/stripe.service';
import { unixSeconds } from './ids';
import { WebhookDispatcher, type WebhookDelivery } from './webhooks';

export interface ProcessorSandboxOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** A loopback address; the sandbox never listens elsewhere. Defaults to 127.0.0.1. */
  readonly host?: string;
}

export interface StripeWebhookEndpoint {
  readonly url: string;
  /** The endpoint's signing secret (`whsec_…`), the key of `Stripe-Signature`. */
  readonly secret: string;
}

export interface AuthorizeNetWebhookEndpoint {
  readonly url: string;
  /** The merchant's Signature Key (128 hex characters), the key of `X-ANET-Signature`. */
  readonly signatureKey: string;
}

export interface SettleResult {
  readonly authorizeNet: { readonly batchId: string; readonly settled: number };
  readonly converge: { readonly settled: number };
}

export interface ProcessorSandbox {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
  /** Settles every pending Authorize.net and Converge transaction, as the nightly batch does. */
  settle(): SettleResult;
  /** Forgets every object, token, key and webhook endpoint. */
  reset(): void;
  /** Sends every Stripe event from now on to `url`, signed with `secret` (a new one if omitted). */
  setStripeWebhook(endpoint: { url: string; secret?: string }): StripeWebhookEndpoint;
  /** Sends every Authorize.net notification from now on to `url`, signed with `signatureKey`. */
  setAuthorizeNetWebhook(endpoint: { url: string; signatureKey?: string }): AuthorizeNetWebhookEndpoint;
  /** Delivers a new event of `type` about an existing object now, and resolves with the outcome. */
  triggerStripeEvent(type: StripeEventType, objectId: string): Promise<WebhookDelivery>;
  triggerAuthorizeNetEvent(eventType: AnetWebhookEventType, transId: string): Promise<WebhookDelivery>;
  /** Resolves once every webhook delivery queued so far has been attempted. */
  webhooksIdle(): Promise<void>;
  deliveries(): readonly WebhookDelivery[];
  /** What a Converge Hosted Payments session token was issued for, if the sandbox issued it. */
  convergeSession(token: string): HostedSession | undefined;
}

/** The API calls the browser scripts make from a merchant's page, so cross-origin. */
const BROWSER_API_PATHS: ReadonlySet<string> = new Set([
  '/v1/payment_methods',
  ANET_PATH,
  CONVERGE_HOSTED_PAY_PATH,
]);

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/;

/** Starts the sandbox; resolves once it listens. */
export async function startProcessorSandbox(
  options: ProcessorSandboxOptions = {},
): Promise<ProcessorSandbox> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.test(host)) throw new Error(`the processor sandbox listens on loopback only, not ${host}`);
  const sandbox = new Sandbox();
  const server = createServer((req, res) => {
    sandbox
      .dispatch(req)
      .then((reply) => writeReply(res, reply))
      .catch((caught: unknown) => {
        const status = caught instanceof BodyTooLargeError ? 413 : 500;
        writeReply(
          res,
          jsonReply(status, { error: caught instanceof Error ? caught.message : String(caught) }),
        );
      });
  });
  await listen(server, options.port ?? 0, host);
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return sandbox.handle(`http://${urlHost}:${port}`, port, server);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

class Sandbox {
  private readonly dispatcher = new WebhookDispatcher();
  private stripeWebhook: StripeWebhookEndpoint | undefined;
  private anetWebhook: AuthorizeNetWebhookEndpoint | undefined;
  private readonly stripe = new StripeFake((event) => this.onStripeEvent(event));
  private readonly stripeHandlers = new StripeHandlers(this.stripe);
  private readonly anet = new AuthorizeNetFake((event) => this.onAnetEvent(event));
  private readonly converge = new ConvergeFake();

  async dispatch(req: IncomingMessage): Promise<HttpReply> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/\/{2,}/g, '/');
    if (!BROWSER_API_PATHS.has(path)) return this.route(req, url, method, path);
    if (method === 'OPTIONS') return preflightReply();
    return withCors(await this.route(req, url, method, path));
  }

  private async route(req: IncomingMessage, url: URL, method: string, path: string): Promise<HttpReply> {
    const body = await readBody(req);
    const query = url.search.startsWith('?') ? url.search.slice(1) : url.search;
    const asset = browserAsset(method, path);
    if (asset) return asset;

    if (path.startsWith('/v1/')) {
      return this.stripeHandlers.handle({
        method,
        path,
        query,
        body,
        header: (name) => headerValue(req, name),
      });
    }
    if (path === ANET_PATH) {
      return method === 'POST' ? handleAuthorizeNet(this.anet, body) : jsonReply(405, { error: 'POST only' });
    }
    if (CONVERGE_PATHS.has(path)) return handleConverge(this.converge, method, query, body);
    if (path === CONVERGE_HOSTED_PAY_PATH) return handleConvergeHostedPay(this.converge, method, body);
    if (path === CONVERGE_TRANSACTION_TOKEN_PATH) {
      return handleConvergeTransactionToken(this.converge, method, body);
    }
    if (path.startsWith('/_sandbox/')) return this.control(method, path, body);
    return jsonReply(404, { error: `no route for ${method} ${path}` });
  }

  handle(url: string, port: number, server: Server): ProcessorSandbox {
    return {
      url,
      port,
      close: () =>
        new Promise<void>((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()));
          server.closeAllConnections();
        }),
      settle: () => this.settle(),
      reset: () => this.reset(),
      setStripeWebhook: (endpoint) => this.setStripeWebhook(endpoint),
      setAuthorizeNetWebhook: (endpoint) => this.setAnetWebhook(endpoint),
      triggerStripeEvent: (type, objectId) => this.triggerStripe(type, objectId),
      triggerAuthorizeNetEvent: (eventType, transId) => this.triggerAnet(eventType, transId),
      webhooksIdle: () => this.dispatcher.idle(),
      deliveries: () => this.dispatcher.deliveries(),
      convergeSession: (token) => this.converge.hostedSession(token),
    };
  }

  // ---- control API (/_sandbox/…) ---------------------------------------------------------

  private async control(method: string, path: string, body: string): Promise<HttpReply> {
    let input: Record<string, unknown> = {};
    if (body.trim() !== '') {
      try {
        const parsed: unknown = JSON.parse(body);
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
          input = parsed as Record<string, unknown>;
        }
      } catch {
        return jsonReply(400, { error: 'control requests take a JSON object' });
      }
    }
    const route = `${method} ${path}`;
    try {
      switch (route) {
        case 'GET /_sandbox/health':
          return jsonReply(200, { ok: true });
        case 'POST /_sandbox/settle':
          return jsonReply(200, this.settle());
        case 'POST /_sandbox/reset':
          this.reset();
          return jsonReply(200, { ok: true });
        case 'PUT /_sandbox/webhooks/stripe':
          return jsonReply(
            200,
            this.setStripeWebhook({ url: requireText(input, 'url'), secret: optionalText(input, 'secret') }),
          );
        case 'DELETE /_sandbox/webhooks/stripe':
          this.stripeWebhook = undefined;
          return jsonReply(200, { ok: true });
        case 'PUT /_sandbox/webhooks/authorize-net':
          return jsonReply(
            200,
            this.setAnetWebhook({
              url: requireText(input, 'url'),
              signatureKey: optionalText(input, 'signatureKey'),
            }),
          );
        case 'DELETE /_sandbox/webhooks/authorize-net':
          this.anetWebhook = undefined;
          this.anet.useSignatureKey(undefined);
          return jsonReply(200, { ok: true });
        case 'POST /_sandbox/webhooks/stripe/trigger':
          return jsonReply(
            200,
            await this.triggerStripe(requireText(input, 'type') as StripeEventType, requireText(input, 'id')),
          );
        case 'POST /_sandbox/webhooks/authorize-net/trigger':
          return jsonReply(
            200,
            await this.triggerAnet(
              requireText(input, 'eventType') as AnetWebhookEventType,
              requireText(input, 'transId'),
            ),
          );
        case 'GET /_sandbox/webhooks/deliveries':
          await this.dispatcher.idle();
          return jsonReply(200, { deliveries: this.dispatcher.deliveries() });
        default:
          return jsonReply(404, { error: `no control route ${route}` });
      }
    } catch (caught) {
      return jsonReply(400, { error: caught instanceof Error ? caught.message : String(caught) });
    }
  }

  private settle(): SettleResult {
    return { authorizeNet: this.anet.settle(), converge: this.converge.settle() };
  }

  private reset(): void {
    this.stripe.reset();
    this.stripeHandlers.reset();
    this.anet.reset();
    this.anet.useSignatureKey(undefined);
    this.converge.reset();
    this.dispatcher.clear();
    this.stripeWebhook = undefined;
    this.anetWebhook = undefined;
  }

  // ---- webhooks ----------------------------------------------------------------------------

  private setStripeWebhook(endpoint: { url: string; secret?: string | undefined }): StripeWebhookEndpoint {
    checkUrl(endpoint.url);
    this.stripeWebhook = { url: endpoint.url, secret: endpoint.secret ?? newWebhookSecret() };
    return this.stripeWebhook;
  }

  private setAnetWebhook(endpoint: {
    url: string;
    signatureKey?: string | undefined;
  }): AuthorizeNetWebhookEndpoint {
    checkUrl(endpoint.url);
    const signatureKey = endpoint.signatureKey ?? newSignatureKey();
    if (!/^[0-9A-Fa-f]{128}$/.test(signatureKey)) throw new Error('signatureKey must be 128 hex characters');
    this.anetWebhook = { url: endpoint.url, signatureKey };
    this.anet.useSignatureKey(signatureKey);
    return this.anetWebhook;
  }

  private onStripeEvent(event: Stripe.Event): void {
    const endpoint = this.stripeWebhook;
    if (endpoint) this.dispatcher.enqueue(stripeDelivery(endpoint, event));
  }

  private onAnetEvent(event: AnetTransactionEvent): void {
    const endpoint = this.anetWebhook;
    if (endpoint) this.dispatcher.enqueue(anetDelivery(endpoint, event));
  }

  private async triggerStripe(type: StripeEventType, objectId: string): Promise<WebhookDelivery> {
    const endpoint = this.stripeWebhook;
    if (!endpoint) throw new Error('no Stripe webhook endpoint is set: PUT /_sandbox/webhooks/stripe first');
    // A triggered event stands for a request that sent no Idempotency-Key.
    const event = this.stripe.eventFor(type, objectId, {
      id: `req_${randomUUID().replace(/-/g, '').slice(0, 14)}`,
      idempotencyKey: null,
    });
    return this.dispatcher.deliver(stripeDelivery(endpoint, event));
  }

  private async triggerAnet(eventType: AnetWebhookEventType, transId: string): Promise<WebhookDelivery> {
    const endpoint = this.anetWebhook;
    if (!endpoint)
      throw new Error('no Authorize.net webhook endpoint is set: PUT /_sandbox/webhooks/authorize-net first');
    const transaction = this.anet.view(transId);
    if (!transaction) throw new Error(`no transaction ${transId}`);
    return this.dispatcher.deliver(anetDelivery(endpoint, { eventType, transaction }));
  }
}

/**
 * A Stripe delivery: the event as pretty-printed JSON, `Stripe-Signature` over that exact body,
 * and Stripe's content type and user agent (https://docs.stripe.com/webhooks).
 */
function stripeDelivery(endpoint: StripeWebhookEndpoint, event: Stripe.Event) {
  const body = JSON.stringify(event, null, 2);
  return {
    processor: 'stripe' as const,
    url: endpoint.url,
    eventId: event.id,
    eventType: event.type,
    body,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      'Stripe-Signature': stripeSignatureHeader(body, endpoint.secret, unixSeconds()),
    },
  };
}

/**
 * An Authorize.net notification (https://developer.authorize.net/api/reference/features/webhooks.html):
 * notificationId, eventType, eventDate, webhookId and the transaction payload, signed with
 * `X-ANET-Signature`.
 */
function anetDelivery(endpoint: AuthorizeNetWebhookEndpoint, event: AnetTransactionEvent) {
  const notification: AnetWebhookNotification = {
    notificationId: randomUUID(),
    eventType: event.eventType,
    eventDate: new Date().toISOString().replace(/\.(\d{3})Z$/, '.$10000Z'),
    webhookId: webhookIdFor(endpoint.url),
    payload: {
      responseCode: event.transaction.responseCode,
      authCode: event.transaction.authCode,
      avsResponse: event.transaction.avsResponse,
      authAmount: event.transaction.amountCents / 100,
      entityName: 'transaction',
      id: event.transaction.transId,
    },
  };
  const body = JSON.stringify(notification);
  return {
    processor: 'authorize_net' as const,
    url: endpoint.url,
    eventId: notification.notificationId,
    eventType: notification.eventType,
    body,
    headers: {
      'Content-Type': 'application/json',
      'X-ANET-Signature': anetSignatureHeader(body, endpoint.signatureKey),
    },
  };
}

const webhookIds = new Map<string, string>();
function webhookIdFor(url: string): string {
  let id = webhookIds.get(url);
  if (!id) {
    id = randomUUID();
    webhookIds.set(url, id);
  }
  return id;
}

function checkUrl(url: string): void {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new Error('webhook url must be http(s)');
}

function requireText(input: Record<string, unknown>, name: string): string {
  const value = input[name];
  if (typeof value !== 'string' || value === '') throw new Error(`${name} is required`);
  return value;
}

function optionalText(input: Record<string, unknown>, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new Error(`${name} must be a string`);
  return value;
}
