import { createHmac, timingSafeEqual } from 'node:crypto';
import { APIContracts } from 'authorizenet';
import {
  ANET_PAGE_LIMIT,
  AnetNoAnswerError,
  AuthorizeNetClient,
  anetListEntries,
  type AnetAnswer,
  type AnetTransactionDetails,
  type AnetTransactionResponse,
} from './authorize-net.client';
import { IdempotencyCache } from './idempotency-cache';
import {
  DEFAULT_TIMEOUT_MS,
  PROCESSOR_REFUSED_REASON,
  WebhookRejectedError,
  attemptReference,
  decimalToMinor,
  describeFailure,
  headerValue,
  minorToDecimal,
  requireAmount,
  requireUsd,
  silentLogger,
  type ChargeInput,
  type ChargeResult,
  type ClientConfig,
  type ConnectionTestResult,
  type PaymentProcessor,
  type ProcessorLogger,
  type ProcessorOptions,
  type ProcessorTransaction,
  type RefundInput,
  type RefundResult,
  type Rejected,
  type RetrieveResult,
  type VerifiedWebhookEvent,
  type VoidResult,
  type WebhookHeaders,
} from './payment-processor';

/**
 * Authorize.net through the official SDK (contracts and controllers, wrapped by
 * {@link AuthorizeNetClient}). A charge is an `authCaptureTransaction` paid with the Accept.js
 * nonce (`opaqueData`); it sits in the unsettled batch until the nightly settlement, so a void
 * works only before it and a refund only after it, as Authorize.net requires.
 */

export const AUTHORIZE_NET_ENDPOINTS = {
  production: 'https://api2.authorize.net/xml/v1/request.api',
  sandbox: 'https://apitest.authorize.net/xml/v1/request.api',
} as const;

/** Accept.js must come from the same environment as the API the account lives in. */
export const ACCEPT_JS_URLS = {
  production: 'https://js.authorize.net/v1/Accept.js',
  sandbox: 'https://jstest.authorize.net/v1/Accept.js',
} as const;

const ACCEPT_DESCRIPTOR = 'COMMON.ACCEPT.INAPP.PAYMENT';

export interface AuthorizeNetProcessorConfig extends ProcessorOptions {
  readonly apiLoginId: string;
  readonly transactionKey: string;
  readonly publicClientKey: string;
  readonly signatureKey?: string;
  /** `…/xml/v1/request.api`; production by default. */
  readonly endpoint?: string;
  /**
   * The X-ANET-Signature covers the body only, with no signed timestamp; the body's signed
   * `eventDate` is the only freshness there is. Authorize.net retries failed notifications for
   * some time, so the default allows three days and de-duplication by notification id does the rest.
   */
  readonly maxWebhookAgeMs?: number;
}

const THREE_DAYS_MS = 3 * 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** getSettledBatchListRequest's widest range. */
const MAX_BATCH_RANGE_MS = 31 * 24 * 60 * 60 * 1000;

export class AuthorizeNetProcessor implements PaymentProcessor {
  readonly type = 'authorize_net' as const;
  readonly replaysByKey = false;
  private readonly client: AuthorizeNetClient;
  private readonly endpoint: string;
  private readonly logger: ProcessorLogger;
  private readonly now: () => number;
  private readonly charges = new IdempotencyCache<ChargeResult>();
  private readonly refunds = new IdempotencyCache<RefundResult>();

  constructor(private readonly config: AuthorizeNetProcessorConfig) {
    this.endpoint = config.endpoint ?? AUTHORIZE_NET_ENDPOINTS.production;
    this.client = new AuthorizeNetClient({
      endpoint: this.endpoint,
      apiLoginId: config.apiLoginId,
      transactionKey: config.transactionKey,
      timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
    this.logger = config.logger ?? silentLogger;
    this.now = config.now ?? Date.now;
  }

  charge(input: ChargeInput): Promise<ChargeResult> {
    requireAmount(input.amount);
    requireUsd(input.currency, 'Authorize.net');
    const reference = attemptReference(input.idempotencyKey);
    const parameters = [input.token, input.amount, input.currency.toLowerCase(), input.description ?? null];
    return this.charges.run(input.idempotencyKey, parameters, async () => {
      let result: ChargeResult;
      try {
        const answer = await this.client.createTransaction(
          {
            transactionType: APIContracts.TransactionTypeEnum.AUTHCAPTURETRANSACTION,
            amount: minorToDecimal(input.amount),
            payment: { opaqueData: { dataDescriptor: ACCEPT_DESCRIPTOR, dataValue: input.token } },
            // A per-attempt invoice number: the attempt can be found in the merchant's reports,
            // and a new attempt with the same card and amount (after a decline, say) is never
            // mistaken for a duplicate.
            order: {
              invoiceNumber: reference,
              ...(input.description ? { description: input.description.slice(0, 255) } : {}),
            },
          },
          reference,
        );
        result = chargeResultOfAnet(answer, input.amount);
      } catch (caught) {
        result = noAnswer(caught);
      }
      this.log('charge', reference, result);
      return result;
    });
  }

  /**
   * A linked credit needs the card's last four digits and a settled original, so the original is
   * read first: an unsettled one is voided instead, and a missing one is reported as such.
   */
  refund(input: RefundInput): Promise<RefundResult> {
    requireAmount(input.amount);
    const reference = attemptReference(input.idempotencyKey);
    return this.refunds.run(
      input.idempotencyKey,
      [input.transactionId, input.amount],
      async () => {
        const result = await this.refundOnce(input, reference);
        this.log('refund', reference, result);
        return result;
      },
      (result) => result.outcome === 'rejected' && result.code === 'processor_unavailable',
    );
  }

  private async refundOnce(input: RefundInput, reference: string): Promise<RefundResult> {
    let details: AnetAnswer;
    try {
      details = await this.client.transactionDetails(input.transactionId);
    } catch (caught) {
      // Only the look-up failed: nothing was asked to move, so this is a plain refusal.
      return {
        outcome: 'rejected',
        code: 'processor_unavailable',
        reason: `Could not reach Authorize.net (${describeFailure(caught)}); nothing was refunded. Try again later.`,
      };
    }
    const original = refundableOriginal(details);
    if ('outcome' in original) return original;
    try {
      const answer = await this.client.createTransaction(
        {
          transactionType: APIContracts.TransactionTypeEnum.REFUNDTRANSACTION,
          amount: minorToDecimal(input.amount),
          payment: { creditCard: { cardNumber: original.lastFour, expirationDate: 'XXXX' } },
          refTransId: input.transactionId,
          order: { invoiceNumber: reference },
        },
        reference,
      );
      return refundResultOfAnet(answer, input.amount);
    } catch (caught) {
      return noAnswer(caught);
    }
  }

  async void(input: { transactionId: string }): Promise<VoidResult> {
    let result: VoidResult;
    try {
      const answer = await this.client.createTransaction({
        transactionType: APIContracts.TransactionTypeEnum.VOIDTRANSACTION,
        refTransId: input.transactionId,
      });
      result = voidResultOfAnet(answer, input.transactionId);
      // "Cannot be found" is also the answer for a settled transaction: ask which it is.
      if (result.outcome === 'rejected' && result.processorCode === '16') {
        const refusal = result;
        // The refusal is final; the look-up only words it better, and its own failure changes nothing.
        result = await this.client.transactionDetails(input.transactionId).then(
          (details) => voidRefusalOf(details, refusal),
          () => refusal,
        );
      }
    } catch (caught) {
      result = noAnswer(caught);
    }
    this.log('void', input.transactionId, result);
    return result;
  }

  async retrieve(input: { transactionId: string }): Promise<RetrieveResult> {
    try {
      const answer = await this.client.transactionDetails(input.transactionId);
      if (answer.transaction) return { outcome: 'found', transaction: transactionOfAnet(answer.transaction) };
      if (answer.messages.message[0]?.code === 'E00040') return { outcome: 'not_found' };
      return { outcome: 'unknown', error: `Authorize.net answered ${messageOf(answer)}` };
    } catch (caught) {
      return { outcome: 'unknown', error: describeFailure(caught) };
    }
  }

  /**
   * The charge an attempt sent with `order.invoiceNumber` = `reference`, when its transId was
   * never learnt. The API has no search by invoice number (getTransactionListForCustomerRequest
   * needs a customer profile, which Arbor's charges have none of), so the lists are read: the
   * unsettled transactions, then every batch settled since the attempt began. `not_found` means
   * no list holds it; a list that could not be read makes the answer `unknown`, never `not_found`.
   */
  async findByReference(input: { reference: string; since: Date; until: Date }): Promise<RetrieveResult> {
    try {
      const transId = (await this.findUnsettled(input.reference)) ?? (await this.findSettled(input));
      const result: RetrieveResult =
        transId === undefined ? { outcome: 'not_found' } : await this.retrieve({ transactionId: transId });
      this.log('findByReference', input.reference, result);
      return result;
    } catch (caught) {
      const result = noAnswer(caught);
      this.log('findByReference', input.reference, result);
      return result;
    }
  }

  private async findUnsettled(reference: string): Promise<string | undefined> {
    for (let page = 1; ; page++) {
      const answer = readList(await this.client.unsettledTransactions(page));
      const entries = anetListEntries(answer.transactions, 'transaction');
      const found = entries.find((t) => t.invoiceNumber === reference);
      if (found) return found.transId;
      if (isLastPage(answer, entries.length, page)) return undefined;
    }
  }

  private async findSettled(input: {
    reference: string;
    since: Date;
    until: Date;
  }): Promise<string | undefined> {
    // A batch settles after its transactions were submitted, but Arbor's clock and the gateway's
    // differ: a day's margin each side costs a batch or two more. The list takes at most 31 days.
    const last = new Date(input.until.getTime() + DAY_MS);
    const first = new Date(Math.max(input.since.getTime() - DAY_MS, last.getTime() - MAX_BATCH_RANGE_MS));
    const batches = anetListEntries(
      readList(await this.client.settledBatches(first, last)).batchList,
      'batch',
    );
    for (const batch of batches) {
      for (let page = 1; ; page++) {
        const answer = readList(await this.client.batchTransactions(batch.batchId, page));
        const entries = anetListEntries(answer.transactions, 'transaction');
        const found = entries.find((t) => t.invoiceNumber === input.reference);
        if (found) return found.transId;
        if (isLastPage(answer, entries.length, page)) break;
      }
    }
    return undefined;
  }

  async testConnection(): Promise<ConnectionTestResult> {
    try {
      const auth = await this.client.authenticateTest();
      if (auth.messages.resultCode !== 'Ok')
        return { ok: false, message: credentialMessage(auth, this.isSandbox()) };
      // The Public Client Key is only ever used by Accept.js in the browser; Accept's own API
      // checks it before it looks at the card, so a number that can never be a card (it fails
      // the Luhn check) tells whether the key is accepted without tokenizing anything.
      const accept = await this.client.securePaymentContainer(this.config.publicClientKey, {
        cardNumber: '4111111111111112',
        expirationDate: '122099',
      });
      if (accept.messages.message[0]?.code === 'E00007') {
        return {
          ok: false,
          message:
            'Authorize.net refused the Public Client Key: generate it under Account → Settings → Security Settings → Manage Public Client Key and copy it again.',
        };
      }
      return {
        ok: true,
        message: 'Authorize.net accepted the API Login ID, Transaction Key and Public Client Key.',
      };
    } catch (caught) {
      return {
        ok: false,
        message: `Could not reach Authorize.net to check the credentials (${describeFailure(caught)}). Try again in a few minutes.`,
      };
    }
  }

  verifyWebhook(headers: WebhookHeaders, rawBody: string | Buffer): VerifiedWebhookEvent {
    const key = this.config.signatureKey;
    if (!key) {
      throw new WebhookRejectedError(
        'not_configured',
        'No Authorize.net Signature Key is set for this account: add it to verify webhooks.',
      );
    }
    verifyAnetSignature(rawBody, headerValue(headers, 'x-anet-signature'), key);
    return anetEventOf(rawBody, this.now(), this.config.maxWebhookAgeMs ?? THREE_DAYS_MS);
  }

  clientConfig(): ClientConfig {
    return {
      processor: 'authorize_net',
      apiLoginId: this.config.apiLoginId,
      publicClientKey: this.config.publicClientKey,
      scriptUrl:
        this.endpoint === AUTHORIZE_NET_ENDPOINTS.production
          ? ACCEPT_JS_URLS.production
          : ACCEPT_JS_URLS.sandbox,
    };
  }

  private isSandbox(): boolean {
    return this.endpoint === AUTHORIZE_NET_ENDPOINTS.sandbox;
  }

  private log(operation: string, reference: string, result: { outcome: string; error?: string }): void {
    const fields = { processor: 'authorize_net', operation, reference, outcome: result.outcome };
    if (result.outcome === 'unknown')
      this.logger.warn({ ...fields, error: result.error }, 'processor outcome unknown');
    else this.logger.info(fields, 'processor answered');
  }
}

// ---- mapping (pure; unit-tested) ----------------------------------------------------------

/** Reason codes about the card itself: the client can fix them with another card. */
const CARD_REASONS: ReadonlySet<string> = new Set([
  '6',
  '7',
  '8',
  '17',
  '28',
  '37',
  '78',
  '315',
  '316',
  '317',
]);
/** API messages that mean the merchant's credentials were refused. */
const CREDENTIAL_MESSAGES: ReadonlySet<string> = new Set(['E00007', 'E00008', 'E00006']);

export function chargeResultOfAnet(answer: AnetAnswer, requested: number): ChargeResult {
  const txn = answer.transactionResponse;
  const transId = txn?.transId && txn.transId !== '0' ? txn.transId : undefined;
  const error = txn?.errors?.[0];
  switch (txn?.responseCode) {
    case '1':
      if (transId === undefined) return { outcome: 'unknown', error: 'approved without a transaction id' };
      return {
        outcome: 'approved',
        transactionId: transId,
        amount: requested,
        raw: {
          authCode: txn.authCode ?? null,
          accountType: txn.accountType ?? null,
          last4: lastFourOf(txn.accountNumber) ?? null,
        },
      };
    case '2':
      return {
        outcome: 'declined',
        by: 'issuer',
        reason: error?.errorText ?? 'This transaction has been declined.',
        ...(error ? { code: error.errorCode } : {}),
        ...(transId ? { transactionId: transId } : {}),
      };
    case '4':
      // Held by the merchant's fraud filters: neither approved nor declined until reviewed.
      return { outcome: 'unknown', error: 'held for review', ...(transId ? { transactionId: transId } : {}) };
    case '3':
      if (error?.errorCode === '11') {
        // A duplicate of an earlier submission: that one's outcome is what counts.
        return {
          outcome: 'unknown',
          error: 'duplicate of an earlier submission',
          ...(transId ? { transactionId: transId } : {}),
        };
      }
      if (error && CARD_REASONS.has(error.errorCode)) {
        return {
          outcome: 'declined',
          by: 'issuer',
          reason: error.errorText,
          code: error.errorCode,
          ...(transId ? { transactionId: transId } : {}),
        };
      }
      return {
        outcome: 'declined',
        by: 'processor',
        reason: PROCESSOR_REFUSED_REASON,
        ...(error ? { code: error.errorCode, detail: safeText(error.errorText) } : {}),
      };
    case undefined:
    default:
      return apiRefusal(answer);
  }
}

/** An answer without a transaction result: the API refused the call itself. */
function apiRefusal(answer: AnetAnswer): ChargeResult {
  const message = answer.messages.message[0];
  if (message?.code === 'E00001') return { outcome: 'unknown', error: `Authorize.net: ${message.text}` };
  if (message?.code === 'E00114') {
    return {
      outcome: 'declined',
      by: 'processor',
      code: message.code,
      reason: 'The card details have expired or were already used. Please enter them again.',
      detail: safeText(message.text),
    };
  }
  return {
    outcome: 'declined',
    by: 'processor',
    reason: PROCESSOR_REFUSED_REASON,
    ...(message ? { code: message.code, detail: safeText(message.text) } : {}),
  };
}

/** The original of a refund, or why it cannot be refunded. */
export function refundableOriginal(details: AnetAnswer): { lastFour: string } | Rejected {
  const txn = details.transaction;
  if (!txn) {
    const code = details.messages.message[0]?.code;
    return code === 'E00040'
      ? {
          outcome: 'rejected',
          code: 'not_found',
          processorCode: code,
          reason: 'Authorize.net has no such transaction.',
        }
      : credentialOrRequestRejection(details);
  }
  switch (txn.transactionStatus) {
    case 'settledSuccessfully': {
      const lastFour = lastFourOf(txn.payment?.creditCard?.cardNumber);
      if (lastFour) return { lastFour };
      return {
        outcome: 'rejected',
        code: 'not_refundable',
        reason: 'The transaction has no card to refund to.',
      };
    }
    case 'capturedPendingSettlement':
    case 'authorizedPendingCapture':
      return {
        outcome: 'rejected',
        code: 'void_instead',
        reason:
          'This payment has not settled yet: void it instead (Authorize.net refunds settled payments only).',
      };
    case 'voided':
      return {
        outcome: 'rejected',
        code: 'already_voided',
        reason: 'This payment was voided; there is nothing to refund.',
      };
    default:
      return {
        outcome: 'rejected',
        code: 'not_refundable',
        reason: `Authorize.net cannot refund a transaction in status ${txn.transactionStatus}.`,
      };
  }
}

export function refundResultOfAnet(answer: AnetAnswer, requested: number): RefundResult {
  const txn = answer.transactionResponse;
  if (txn?.responseCode === '1' && txn.transId && txn.transId !== '0') {
    return {
      outcome: 'approved',
      refundId: txn.transId,
      amount: requested,
      pending: false,
      raw: { refTransId: txn.refTransID ?? null },
    };
  }
  return transactionRejection(answer, txn);
}

export function voidResultOfAnet(answer: AnetAnswer, transactionId: string): VoidResult {
  const txn = answer.transactionResponse;
  if (txn?.responseCode === '1') return { outcome: 'approved', transactionId };
  return transactionRejection(answer, txn);
}

/** After reason 16 on a void: settled (refund it) or truly missing. */
function voidRefusalOf(details: AnetAnswer, refusal: Rejected): Rejected {
  const status = details.transaction?.transactionStatus;
  if (status === 'settledSuccessfully') {
    return {
      outcome: 'rejected',
      code: 'refund_instead',
      processorCode: refusal.processorCode ?? '16',
      reason: 'This payment has already settled: refund it instead.',
    };
  }
  if (status === 'voided')
    return { ...refusal, code: 'already_voided', reason: 'This payment was already voided.' };
  return refusal;
}

function transactionRejection(
  answer: AnetAnswer,
  txn: AnetTransactionResponse | undefined,
): RefundResult & VoidResult {
  const error = txn?.errors?.[0];
  if (!error) {
    if (answer.messages.message[0]?.code === 'E00001')
      return { outcome: 'unknown', error: 'Authorize.net: internal error' };
    return credentialOrRequestRejection(answer);
  }
  const codes: Readonly<Record<string, Rejected['code']>> = {
    '16': 'not_found',
    '54': 'void_instead',
    '55': 'exceeds_remaining',
    '310': 'already_voided',
  };
  return {
    outcome: 'rejected',
    code: codes[error.errorCode] ?? 'invalid_request',
    processorCode: error.errorCode,
    reason:
      error.errorCode === '55'
        ? 'The refund is more than what remains of the payment.'
        : error.errorCode === '54'
          ? 'Authorize.net will not refund this payment yet (it refunds settled payments only): void it instead.'
          : safeText(error.errorText),
  };
}

function credentialOrRequestRejection(answer: AnetAnswer): Rejected {
  const message = answer.messages.message[0];
  const code = message?.code;
  return {
    outcome: 'rejected',
    code: code && CREDENTIAL_MESSAGES.has(code) ? 'credentials_refused' : 'invalid_request',
    reason: message ? safeText(message.text) : 'Authorize.net refused the request.',
    ...(code === undefined ? {} : { processorCode: code }),
  };
}

const STATUS: Readonly<Record<string, ProcessorTransaction['status']>> = {
  authorizedPendingCapture: 'pending',
  capturedPendingSettlement: 'approved',
  settledSuccessfully: 'approved',
  refundPendingSettlement: 'approved',
  refundSettledSuccessfully: 'approved',
  approvedReview: 'pending',
  FDSPendingReview: 'pending',
  FDSAuthorizedPendingReview: 'pending',
  underReview: 'pending',
  declined: 'declined',
  failedReview: 'declined',
  generalError: 'declined',
  communicationError: 'declined',
  settlementError: 'declined',
  voided: 'voided',
  expired: 'voided',
  couldNotVoid: 'approved',
  returnedItem: 'approved',
  chargeback: 'approved',
  chargebackReversal: 'approved',
};

export function transactionOfAnet(txn: AnetTransactionDetails): ProcessorTransaction {
  const settled =
    txn.transactionStatus === 'settledSuccessfully' || txn.transactionStatus === 'refundSettledSuccessfully';
  const amount =
    decimalToMinor(settled ? txn.settleAmount : txn.authAmount) ?? decimalToMinor(txn.authAmount) ?? 0;
  return {
    transactionId: txn.transId,
    status: STATUS[txn.transactionStatus] ?? 'pending',
    amount,
    settled,
    raw: {
      transactionStatus: txn.transactionStatus,
      transactionType: txn.transactionType ?? null,
      last4: lastFourOf(txn.payment?.creditCard?.cardNumber) ?? null,
      // What a webhook names only by transaction needs: the charge a refund gave back, and the
      // attempt reference a charge was sent with.
      refTransId: txn.refTransId ?? null,
      invoiceNumber: txn.order?.invoiceNumber ?? null,
    },
  };
}

/** Which credential is wrong, from authenticateTestRequest's answer. */
export function credentialMessage(answer: AnetAnswer, sandbox: boolean): string {
  const message = answer.messages.message[0];
  switch (message?.code) {
    case 'E00007':
      return `Authorize.net refused the API Login ID and Transaction Key: copy both again from Account → Settings → API Credentials & Keys (a new Transaction Key replaces the old one), and check they belong to a ${sandbox ? 'sandbox' : 'production'} account.`;
    case 'E00008':
      return 'Authorize.net says the account or its API user is inactive: check the account status in the Merchant Interface.';
    case 'E00003':
      return 'The API Login ID or Transaction Key is longer than Authorize.net allows (25 and 16 characters).';
    case undefined:
    default:
      return `Authorize.net refused the check: ${message ? safeText(message.text) : 'no reason given'}`;
  }
}

/** `X-ANET-Signature: sha512=<HMAC-SHA512 of the raw body, keyed with the Signature Key, hex>`. */
export function verifyAnetSignature(
  rawBody: string | Buffer,
  header: string | undefined,
  signatureKey: string,
): void {
  if (!header) throw new WebhookRejectedError('missing_signature', 'The X-ANET-Signature header is missing.');
  const match = /^sha512=([0-9a-fA-F]{128})$/.exec(header.trim());
  if (!match) throw new WebhookRejectedError('malformed', 'The X-ANET-Signature header is malformed.');
  const expected = createHmac('sha512', signatureKey).update(rawBody).digest();
  // Compared as bytes, in constant time: the header's hex case does not matter.
  if (!timingSafeEqual(expected, Buffer.from(match[1]!, 'hex'))) {
    throw new WebhookRejectedError(
      'bad_signature',
      'The Authorize.net webhook signature does not match its body.',
    );
  }
}

/** The notification, once its signature is known to be good. */
export function anetEventOf(rawBody: string | Buffer, now: number, maxAgeMs: number): VerifiedWebhookEvent {
  let body: unknown;
  try {
    body = JSON.parse(
      (typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8')).replace(/^\uFEFF/, ''),
    );
  } catch {
    throw new WebhookRejectedError('malformed', 'The Authorize.net webhook body is not JSON.');
  }
  const notification = body as {
    notificationId?: unknown;
    eventType?: unknown;
    eventDate?: unknown;
    payload?: unknown;
  };
  const occurredAt = typeof notification.eventDate === 'string' ? Date.parse(notification.eventDate) : NaN;
  if (
    typeof notification.notificationId !== 'string' ||
    typeof notification.eventType !== 'string' ||
    Number.isNaN(occurredAt)
  ) {
    throw new WebhookRejectedError(
      'malformed',
      'The Authorize.net webhook lacks notificationId, eventType or eventDate.',
    );
  }
  if (now - occurredAt > maxAgeMs) {
    throw new WebhookRejectedError(
      'stale',
      `The Authorize.net webhook is from ${new Date(occurredAt).toISOString()}, too long ago to act on.`,
    );
  }
  const payload = notification.payload as { entityName?: unknown; id?: unknown } | undefined;
  const transactionId =
    payload?.entityName === 'transaction' && typeof payload.id === 'string' ? payload.id : undefined;
  return transactionId === undefined
    ? { id: notification.notificationId, type: notification.eventType }
    : { id: notification.notificationId, type: notification.eventType, transactionId };
}

/**
 * Whether a page was a list's last: a short page always is; a full one is unless the answer's
 * `totalNumInResultSet` (which older answers leave out) says more follow.
 */
export function isLastPage(answer: AnetAnswer, entries: number, page: number): boolean {
  if (entries < ANET_PAGE_LIMIT) return true;
  return answer.totalNumInResultSet !== undefined && page * ANET_PAGE_LIMIT >= answer.totalNumInResultSet;
}

/** A list's answer, or a throw when the call was refused: a list not read proves nothing missing. */
export function readList(answer: AnetAnswer): AnetAnswer {
  if (answer.messages.resultCode !== 'Ok')
    throw new AnetNoAnswerError(`Authorize.net answered ${messageOf(answer)}`);
  return answer;
}

function noAnswer(caught: unknown): { outcome: 'unknown'; error: string } {
  if (caught instanceof AnetNoAnswerError) return { outcome: 'unknown', error: caught.message };
  return { outcome: 'unknown', error: describeFailure(caught) };
}

function messageOf(answer: AnetAnswer): string {
  const message = answer.messages.message[0];
  return message ? `${message.code} ${safeText(message.text)}` : answer.messages.resultCode;
}

/**
 * Authorize.net's schema errors (E00003) quote the refused value — which may be a key or a
 * token — as `The value '…' is invalid`; the value is cut out before the text goes anywhere.
 */
export function safeText(text: string): string {
  return text.replace(/value '[^']*'/g, "value '[redacted]'");
}

/** "XXXX1111" → "1111". */
function lastFourOf(masked: string | undefined): string | undefined {
  const match = /(\d{4})$/.exec(masked ?? '');
  return match?.[1];
}
