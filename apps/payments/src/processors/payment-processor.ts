import { createHash } from 'node:crypto';
import { ArborError, type ProcessorType } from '@arbor/contracts';

/**
 * The one interface behind which Stripe, Authorize.net and Elavon Converge sit. Every answer a
 * processor gives is mapped to one of three outcomes, because the payments service must act on
 * exactly these three and nothing processor-specific:
 *
 * - `approved` — the money moved; record it.
 * - `declined` / `rejected` — the processor definitely did nothing; tell the client (or the
 *   practice) why.
 * - `unknown` — a timeout, a 5xx or a network error: the processor may or may not have acted.
 *   The attempt stays STARTED and the recovery job resolves it with `retrieve`. It is never
 *   retried blindly, which is how one click becomes two charges.
 *
 * Inputs that are wrong before any network call (a negative amount, an unsupported currency)
 * throw an {@link ArborError} instead: nothing was sent, so there is nothing to resolve.
 */
export interface PaymentProcessor {
  readonly type: ProcessorType;
  /**
   * Whether the processor itself de-duplicates by idempotency key, so that an `unknown` charge
   * with no transaction id can be resolved by calling `charge` again with the same input (Stripe
   * replays its saved answer). Where false, a charge is never repeated for an attempt: Converge
   * would charge twice, and an Authorize.net nonce is spent after one use.
   */
  readonly replaysByKey: boolean;
  /** Charges a token made by the processor's own fields in the browser (card data never reaches Arbor). */
  charge(input: ChargeInput): Promise<ChargeResult>;
  refund(input: RefundInput): Promise<RefundResult>;
  void(input: { transactionId: string }): Promise<VoidResult>;
  /** The processor's current view of a charge: how the recovery job finishes an `unknown`. */
  retrieve(input: { transactionId: string }): Promise<RetrieveResult>;
  /**
   * Where the processor can search (Authorize.net, Converge): the charge sent with this attempt
   * reference, for an attempt that died before the processor named its transaction.
   */
  findByReference?(input: { reference: string; since: Date; until: Date }): Promise<RetrieveResult>;
  /** Asks the processor whether the credentials work; on failure says which field is wrong. */
  testConnection(): Promise<ConnectionTestResult>;
  /**
   * Checks a webhook's signature over the raw body (never a re-serialised one) and returns the
   * event, or throws {@link WebhookRejectedError} (bad signature, stale, malformed, unsupported).
   */
  verifyWebhook(headers: WebhookHeaders, rawBody: string | Buffer): VerifiedWebhookEvent;
  /** What the browser needs to load the processor's card fields; static, safe to send to a client. */
  clientConfig(): ClientConfig;
  /**
   * Only where the processor's browser script needs a server-made, per-payment session (Converge
   * Checkout.js needs an `ssl_txn_auth_token`); the others tokenize with static public keys.
   */
  createPaymentSession?(): Promise<PaymentSession>;
}

export interface ChargeInput {
  /** Stripe `pm_…` from the Payment Element, Authorize.net Accept.js `dataValue`, Converge `ssl_token`. */
  readonly token: string;
  /** Integer minor units (cents). */
  readonly amount: number;
  /** ISO 4217, any case. */
  readonly currency: string;
  /** The payment attempt's own key: the same key never charges twice. */
  readonly idempotencyKey: string;
  /** Shown on the processor's records; never put health information here. */
  readonly description?: string;
}

export interface RefundInput {
  readonly transactionId: string;
  /** Integer minor units. */
  readonly amount: number;
  readonly idempotencyKey: string;
}

/**
 * A few processor fields worth keeping beside a result (status, authorisation code, card brand,
 * last four digits). Never a secret, a token or a card number.
 */
export type SafeRaw = Readonly<Record<string, string | number | boolean | null>>;

export interface Approved {
  readonly outcome: 'approved';
  readonly transactionId: string;
  /** What the processor says it charged, in minor units. */
  readonly amount: number;
  readonly raw?: SafeRaw;
}

export interface Declined {
  readonly outcome: 'declined';
  /** The processor's reason, in words fit to show the client. */
  readonly reason: string;
  /** The processor's own code (Stripe decline code, Authorize.net reason code, Converge response code). */
  readonly code?: string;
  /**
   * `issuer`: the card or its bank said no. `processor`: the processor refused the request itself
   * (credentials, a spent token, a malformed request) — the practice, not the client, must act.
   */
  readonly by: 'issuer' | 'processor';
  /** The processor's own words for staff and logs when `reason` was made general for the client. */
  readonly detail?: string;
  /** Where the processor recorded the failed attempt. */
  readonly transactionId?: string;
}

export interface Unknown {
  readonly outcome: 'unknown';
  /** What went wrong on the way (timeout, HTTP status, network error); never processor data. */
  readonly error: string;
  /** When the processor did name a transaction (e.g. one still processing or held for review). */
  readonly transactionId?: string;
}

export type ChargeResult = Approved | Declined | Unknown;

/**
 * Why a refund or void was refused, in terms the caller can act on: `void_instead` (not settled
 * yet), `refund_instead` (already settled or captured), or a plain refusal.
 */
export type RejectionCode =
  | 'void_instead'
  | 'refund_instead'
  | 'exceeds_remaining'
  | 'already_refunded'
  | 'already_voided'
  | 'not_found'
  | 'not_refundable'
  | 'credentials_refused'
  | 'processor_unavailable'
  | 'invalid_request';

export interface Rejected {
  readonly outcome: 'rejected';
  readonly code: RejectionCode;
  /** A plain sentence for staff: what the processor said and what to do instead. */
  readonly reason: string;
  readonly processorCode?: string;
}

export interface RefundApproved {
  readonly outcome: 'approved';
  readonly refundId: string;
  readonly amount: number;
  /** The processor accepted the refund but has not completed it yet (it may still fail). */
  readonly pending: boolean;
  readonly raw?: SafeRaw;
}

export type RefundResult = RefundApproved | Rejected | Unknown;

export type VoidResult =
  { readonly outcome: 'approved'; readonly transactionId: string } | Rejected | Unknown;

/** A charge as the processor now sees it. */
export interface ProcessorTransaction {
  readonly transactionId: string;
  /** `pending`: neither approved nor declined yet (processing, held for review). */
  readonly status: 'approved' | 'declined' | 'voided' | 'pending';
  readonly amount: number;
  /** Known only where the processor reports it on the charge itself (Stripe). */
  readonly refundedAmount?: number;
  /** Whether the batch holding it has settled; Stripe does not expose this and leaves it out. */
  readonly settled?: boolean;
  readonly raw?: SafeRaw;
}

export type RetrieveResult =
  | { readonly outcome: 'found'; readonly transaction: ProcessorTransaction }
  | { readonly outcome: 'not_found' }
  | Unknown;

export interface ConnectionTestResult {
  readonly ok: boolean;
  /** For the Admin: what works, or which field is wrong and what it should look like. */
  readonly message: string;
}

export type ClientConfig =
  | {
      readonly processor: 'stripe';
      readonly publishableKey: string;
      readonly scriptUrl: 'https://js.stripe.com/v3/';
    }
  | {
      readonly processor: 'authorize_net';
      readonly apiLoginId: string;
      readonly publicClientKey: string;
      /** Accept.js of the environment the account lives in (sandbox or production). */
      readonly scriptUrl: string;
    }
  | {
      readonly processor: 'elavon';
      /** Converge Checkout.js of the account's environment (demo or production). */
      readonly scriptUrl: string;
      /** Checkout.js cannot start without a server-made session token: call `createPaymentSession`. */
      readonly sessionRequired: true;
    };

export interface PaymentSession {
  readonly processor: 'elavon';
  /** Converge `ssl_txn_auth_token`, for one tokenization in the browser; short-lived. */
  readonly sessionToken: string;
}

export interface VerifiedWebhookEvent {
  /** The processor's event id, for de-duplication (Stripe `evt_…`, Authorize.net notificationId). */
  readonly id: string;
  readonly type: string;
  /** The charge (or refund) the event is about, when it is about one. */
  readonly transactionId?: string;
}

export type WebhookHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

export type WebhookRejection =
  'missing_signature' | 'bad_signature' | 'stale' | 'malformed' | 'not_configured' | 'not_supported';

/** A webhook Arbor must not act on. The code maps to 401, except malformed (400) and unsupported (404). */
export class WebhookRejectedError extends ArborError {
  constructor(
    readonly reason: WebhookRejection,
    message: string,
  ) {
    super(
      reason === 'not_supported'
        ? 'not_found'
        : reason === 'malformed'
          ? 'validation_failed'
          : 'unauthenticated',
      message,
      // Each code with the details its contract allows: a malformed body names the body as the
      // field at fault, as every other validation failure names its field.
      reason === 'malformed' ? { errors: [{ path: 'body', message }] } : { reason },
    );
    this.name = 'WebhookRejectedError';
  }
}

/**
 * What the adapters log: outcomes and failures, with the attempt reference, never credentials,
 * tokens or card data. A pino logger satisfies it.
 */
export interface ProcessorLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export const silentLogger: ProcessorLogger = { info: () => undefined, warn: () => undefined };

/** Options every adapter takes. */
export interface ProcessorOptions {
  /** Per call to the processor; past it the outcome is `unknown`. */
  readonly timeoutMs?: number;
  readonly logger?: ProcessorLogger;
  /** The clock, for webhook freshness checks. */
  readonly now?: () => number;
}

/**
 * Long enough for a slow card network, short enough that the client's request (and the
 * gateway's RPC timeout behind it) is still waiting for the answer.
 */
export const DEFAULT_TIMEOUT_MS = 25_000;

// ---- shared rules -------------------------------------------------------------------------

/** Money is integer minor units; anything else is refused before a processor is called. */
export function requireAmount(amount: number, field = 'amount'): void {
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw ArborError.validation(`${field} must be a positive whole number of cents`, [
      { path: field, message: 'must be a positive integer of minor units' },
    ]);
  }
}

/**
 * Authorize.net and Converge accounts settle in one currency, given by the account, and the
 * APIs take decimal dollars; Arbor's practices bill in USD.
 */
export function requireUsd(currency: string, processor: string): void {
  if (currency.toLowerCase() !== 'usd') {
    throw ArborError.validation(`${processor} accounts in Arbor charge in USD only`, [
      { path: 'currency', message: 'must be USD' },
    ]);
  }
}

/** 1234 → "12.34", exactly (no floating point). */
export function minorToDecimal(amount: number): string {
  return `${Math.trunc(amount / 100)}.${String(amount % 100).padStart(2, '0')}`;
}

/** "12.34", "12.3", "12" or 12.3 → 1234; anything else → undefined. */
export function decimalToMinor(value: unknown): number | undefined {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string') return undefined;
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

/**
 * A 20-character reference derived from the attempt's idempotency key, written where a
 * processor keeps a merchant reference (Authorize.net `invoiceNumber`/`refId`, Converge
 * `ssl_invoice_number`, Stripe metadata) so an attempt can be found in the processor's own
 * reports, and logged instead of the key. 20 is Authorize.net's limit.
 */
export function attemptReference(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey, 'utf8').digest('hex').slice(0, 20);
}

/** A header by name, whatever its case; the first value if repeated. */
export function headerValue(headers: WebhookHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return typeof value === 'string' ? value : value[0];
  }
  return undefined;
}

/** A short description of a failure for `unknown.error` and logs: its class and message only. */
export function describeFailure(caught: unknown): string {
  if (caught instanceof Error) {
    // Some SDK errors (Stripe's) leave `name` as "Error"; their class says more.
    const name = caught.name === 'Error' ? caught.constructor.name : caught.name;
    return `${name}: ${caught.message}`.slice(0, 300);
  }
  return String(caught).slice(0, 300);
}

/** The reason shown to a client when the processor, not the card, refused a charge. */
export const PROCESSOR_REFUSED_REASON =
  'This payment could not be processed and nothing was charged. Please try again later or contact the practice.';
