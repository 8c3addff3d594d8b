import {
  ConvergeClient,
  ConvergeNoAnswerError,
  CONVERGE_ENDPOINTS,
  hostedPaymentsUrl,
  type ConvergeAnswer,
  type ConvergeFields,
} from './converge.client';
import { IdempotencyCache } from './idempotency-cache';
import {
  DEFAULT_TIMEOUT_MS,
  PROCESSOR_REFUSED_REASON,
  WebhookRejectedError,
  attemptReference,
  decimalToMinor,
  describeFailure,
  minorToDecimal,
  requireAmount,
  requireUsd,
  silentLogger,
  type ChargeInput,
  type ChargeResult,
  type ClientConfig,
  type ConnectionTestResult,
  type PaymentProcessor,
  type PaymentSession,
  type ProcessorLogger,
  type ProcessorOptions,
  type ProcessorTransaction,
  type RefundInput,
  type RefundResult,
  type Rejected,
  type RetrieveResult,
  type VerifiedWebhookEvent,
  type VoidResult,
} from './payment-processor';

/**
 * Elavon Converge through {@link ConvergeClient}. The browser tokenizes with Checkout.js
 * (`ccgettoken`, started with a server-made session token) and Arbor charges the `ssl_token`
 * with `ccsale`. Sales wait in the open batch until settlement: `ccvoid` works before it,
 * `ccreturn` after it. Converge has no idempotency keys and no webhooks; attempts are
 * reconciled with `txnquery`.
 */

export interface ConvergeProcessorConfig extends ProcessorOptions {
  readonly merchantId: string;
  readonly userId: string;
  readonly pin: string;
  /** `…/processxml.do`; production by default. */
  readonly url?: string;
  readonly fetch?: typeof fetch;
}

export class ConvergeProcessor implements PaymentProcessor {
  readonly type = 'elavon' as const;
  readonly replaysByKey = false;
  private readonly client: ConvergeClient;
  private readonly url: string;
  private readonly logger: ProcessorLogger;
  private readonly charges = new IdempotencyCache<ChargeResult>();
  private readonly refunds = new IdempotencyCache<RefundResult>();

  constructor(config: ConvergeProcessorConfig) {
    this.url = config.url ?? CONVERGE_ENDPOINTS.production;
    this.client = new ConvergeClient({
      url: this.url,
      merchantId: config.merchantId,
      userId: config.userId,
      pin: config.pin,
      timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      ...(config.fetch ? { fetch: config.fetch } : {}),
    });
    this.logger = config.logger ?? silentLogger;
  }

  charge(input: ChargeInput): Promise<ChargeResult> {
    requireAmount(input.amount);
    requireUsd(input.currency, 'Converge');
    const reference = attemptReference(input.idempotencyKey);
    const parameters = [input.token, input.amount, input.currency.toLowerCase(), input.description ?? null];
    return this.charges.run(input.idempotencyKey, parameters, async () => {
      let result: ChargeResult;
      try {
        const answer = await this.client.send('ccsale', {
          ssl_token: input.token,
          ssl_amount: minorToDecimal(input.amount),
          // The attempt's reference, so the sale can be found in Converge's reports.
          ssl_invoice_number: reference,
          ...(input.description ? { ssl_description: input.description.slice(0, 255) } : {}),
        });
        result = chargeResultOfConverge(answer);
      } catch (caught) {
        result = noAnswer(caught);
      }
      this.log('charge', reference, result);
      return result;
    });
  }

  refund(input: RefundInput): Promise<RefundResult> {
    requireAmount(input.amount);
    const reference = attemptReference(input.idempotencyKey);
    return this.refunds.run(input.idempotencyKey, [input.transactionId, input.amount], async () => {
      let result: RefundResult;
      try {
        const answer = await this.client.send('ccreturn', {
          ssl_txn_id: input.transactionId,
          ssl_amount: minorToDecimal(input.amount),
        });
        result = refundResultOfConverge(answer);
        if (result.outcome === 'rejected' && result.processorCode === '5040') {
          result = await this.explain(input.transactionId, result, 'refund');
        }
      } catch (caught) {
        result = noAnswer(caught);
      }
      this.log('refund', reference, result);
      return result;
    });
  }

  async void(input: { transactionId: string }): Promise<VoidResult> {
    let result: VoidResult;
    try {
      const answer = await this.client.send('ccvoid', { ssl_txn_id: input.transactionId });
      result = voidResultOfConverge(answer, input.transactionId);
      // 5040 means "not in the open batch": settled already, voided already, or unknown.
      if (result.outcome === 'rejected' && result.processorCode === '5040') {
        result = await this.explain(input.transactionId, result, 'void');
      }
    } catch (caught) {
      result = noAnswer(caught);
    }
    this.log('void', input.transactionId, result);
    return result;
  }

  async retrieve(input: { transactionId: string }): Promise<RetrieveResult> {
    try {
      const answer = await this.query(input.transactionId);
      if (answer.kind === 'txnlist') {
        const txn =
          answer.transactions.find((t) => t['ssl_txn_id'] === input.transactionId) ?? answer.transactions[0];
        return txn ? { outcome: 'found', transaction: transactionOfConverge(txn) } : { outcome: 'not_found' };
      }
      if (answer.kind === 'error' && answer.code === '5040') return { outcome: 'not_found' };
      return {
        outcome: 'unknown',
        error: `Converge answered ${answer.kind === 'error' ? answer.code : 'an unexpected <txn>'}`,
      };
    } catch (caught) {
      return noAnswer(caught);
    }
  }

  /**
   * The sale an attempt sent with `ssl_invoice_number` = `reference`, when its `ssl_txn_id` was
   * never learnt: `txnquery` over the attempt's dates (open and settled batches alike), narrowed
   * by the invoice number. The range is whole days with a day's margin on each side, because
   * Converge reads search dates in the merchant's own time zone. The rows are checked again
   * here, so an answer that ignored the narrowing still finds only this attempt's sale.
   */
  async findByReference(input: { reference: string; since: Date; until: Date }): Promise<RetrieveResult> {
    let result: RetrieveResult;
    try {
      const answer = await this.client.send('txnquery', {
        ssl_search_start_date: searchDate(new Date(input.since.getTime() - DAY_MS)),
        ssl_search_end_date: searchDate(new Date(input.until.getTime() + DAY_MS)),
        ssl_invoice_number: input.reference,
      });
      result = referenceResultOf(answer, input.reference);
    } catch (caught) {
      result = noAnswer(caught);
    }
    this.log('findByReference', input.reference, result);
    return result;
  }

  /**
   * Converge has no "who am I" call; a query for a transaction that cannot exist is harmless
   * and is refused with 4025 when the credentials are wrong.
   */
  async testConnection(): Promise<ConnectionTestResult> {
    try {
      return connectionResultOf(
        await this.client.send('txnquery', { ssl_txn_id: '000000ARB-CONNECTION-TEST' }),
      );
    } catch (caught) {
      return {
        ok: false,
        message: `Could not reach Converge to check the credentials (${describeFailure(caught)}). Try again in a few minutes.`,
      };
    }
  }

  verifyWebhook(): VerifiedWebhookEvent {
    throw new WebhookRejectedError(
      'not_supported',
      'Elavon Converge sends no webhooks; Arbor reconciles Converge payments with txnquery.',
    );
  }

  clientConfig(): ClientConfig {
    return {
      processor: 'elavon',
      scriptUrl: hostedPaymentsUrl(this.url, 'Checkout.js'),
      sessionRequired: true,
    };
  }

  async createPaymentSession(): Promise<PaymentSession> {
    return { processor: 'elavon', sessionToken: await this.client.createSessionToken() };
  }

  /** A refusal is final; the query only words it better, and its own failure changes nothing. */
  private async explain(
    transactionId: string,
    refusal: Rejected,
    operation: 'refund' | 'void',
  ): Promise<Rejected> {
    try {
      return explainRefusal(await this.query(transactionId), refusal, operation);
    } catch {
      return refusal;
    }
  }

  private query(transactionId: string): Promise<ConvergeAnswer> {
    return this.client.send('txnquery', { ssl_txn_id: transactionId });
  }

  private log(operation: string, reference: string, result: { outcome: string; error?: string }): void {
    const fields = { processor: 'elavon', operation, reference, outcome: result.outcome };
    if (result.outcome === 'unknown')
      this.logger.warn({ ...fields, error: result.error }, 'processor outcome unknown');
    else this.logger.info(fields, 'processor answered');
  }
}

// ---- mapping (pure; unit-tested) ----------------------------------------------------------

/**
 * Converge's result messages are terse issuer texts ("PICK UP CARD", "CALL AUTH. CENTER").
 * What the client reads says the same in plain words, and no more than the issuer meant to
 * tell a cardholder (a "pick up" card is simply declined, as Stripe words lost and stolen cards).
 */
const DECLINE_WORDS: readonly (readonly [RegExp, string])[] = [
  [/EXPIRED/, 'Your card has expired.'],
  [/CALL|REFERRAL/, 'Your card was declined. Please call your card issuer.'],
  [/AMOUNT/, 'Your card issuer refused this amount.'],
  [/INVALID CARD|INVALID ACCT|CARD NUM/, 'Your card number is invalid.'],
  [/EXP DATE/, "Your card's expiration date is invalid."],
  [/CVV|CV2|CVC/, "Your card's security code is incorrect."],
  [/NSF|INSUFF/, 'Your card has insufficient funds.'],
  [/SERV NOT ALLOWED|NOT ALLOWED/, 'Your card does not allow this kind of payment.'],
];

export function declineReasonOf(resultMessage: string): string {
  const upper = resultMessage.toUpperCase();
  return DECLINE_WORDS.find(([pattern]) => pattern.test(upper))?.[1] ?? 'Your card was declined.';
}

const CREDENTIAL_ERRORS: ReadonlySet<string> = new Set(['4000', '4013', '4019', '4025']);
const CARD_ERRORS: ReadonlySet<string> = new Set(['5000', '5001']);

export function chargeResultOfConverge(answer: ConvergeAnswer): ChargeResult {
  if (answer.kind === 'error') {
    if (CARD_ERRORS.has(answer.code)) {
      return {
        outcome: 'declined',
        by: 'issuer',
        code: answer.code,
        reason:
          answer.code === '5001' ? "Your card's expiration date is invalid." : 'Your card number is invalid.',
        detail: `${answer.name}: ${answer.message}`,
      };
    }
    return {
      outcome: 'declined',
      by: 'processor',
      code: answer.code,
      reason:
        answer.code === '5087'
          ? 'The card details could not be used. Please enter them again.'
          : PROCESSOR_REFUSED_REASON,
      detail: `${answer.name}: ${answer.message}`,
    };
  }
  if (answer.kind === 'txnlist')
    return { outcome: 'unknown', error: 'Converge answered a sale with a <txnlist>' };
  const f = answer.fields;
  const transactionId = f['ssl_txn_id'] || undefined;
  if (f['ssl_result'] === '0') {
    const amount = decimalToMinor(f['ssl_amount']);
    if (!transactionId || amount === undefined)
      return { outcome: 'unknown', error: 'approval without a transaction id or amount' };
    return {
      outcome: 'approved',
      transactionId,
      amount,
      raw: {
        approvalCode: f['ssl_approval_code'] ?? null,
        cardType: f['ssl_card_short_description'] ?? null,
        last4: lastFourOf(f['ssl_card_number']) ?? null,
      },
    };
  }
  const message = f['ssl_result_message'] ?? '';
  const code = f['ssl_issuer_response'] || f['ssl_result'];
  return {
    outcome: 'declined',
    by: 'issuer',
    reason: declineReasonOf(message),
    ...(code ? { code } : {}),
    ...(message ? { detail: message } : {}),
    ...(transactionId ? { transactionId } : {}),
  };
}

export function refundResultOfConverge(answer: ConvergeAnswer): RefundResult {
  if (answer.kind === 'txn' && answer.fields['ssl_result'] === '0' && answer.fields['ssl_txn_id']) {
    return {
      outcome: 'approved',
      refundId: answer.fields['ssl_txn_id'],
      amount: decimalToMinor(answer.fields['ssl_amount']) ?? 0,
      pending: false,
      raw: { approvalCode: answer.fields['ssl_approval_code'] ?? null },
    };
  }
  return refusalOf(answer, 'refund');
}

export function voidResultOfConverge(answer: ConvergeAnswer, transactionId: string): VoidResult {
  if (answer.kind === 'txn' && answer.fields['ssl_result'] === '0')
    return { outcome: 'approved', transactionId };
  return refusalOf(answer, 'void');
}

/**
 * Decided on Converge's codes only: its messages are defaults a merchant may reword in the
 * Virtual Terminal (https://developer.elavon.com/na/docs/converge/1.0.0/integration-guide/api_reference/error_codes).
 */
function refusalOf(answer: ConvergeAnswer, operation: 'refund' | 'void'): Rejected {
  if (answer.kind !== 'error') {
    return {
      outcome: 'rejected',
      code: 'invalid_request',
      reason: `Converge refused: ${answer.kind === 'txn' ? (answer.fields['ssl_result_message'] ?? 'no reason given') : 'unexpected answer'}`,
    };
  }
  const code: Rejected['code'] = CREDENTIAL_ERRORS.has(answer.code)
    ? 'credentials_refused'
    : answer.code === '5040'
      ? 'not_found'
      : // A return's amount is always well formed (requireAmount), so its 5091 can only be an
        // amount Converge will not return against this sale: more than remains of it.
        operation === 'refund' && answer.code === '5091'
        ? 'exceeds_remaining'
        : 'invalid_request';
  return {
    outcome: 'rejected',
    code,
    processorCode: answer.code,
    reason:
      code === 'exceeds_remaining'
        ? 'The refund is more than what remains of the payment.'
        : `${answer.name}: ${answer.message}`,
  };
}

/** After 5040: what the transaction's state says about why. */
export function explainRefusal(
  query: ConvergeAnswer,
  refusal: Rejected,
  operation: 'refund' | 'void',
): Rejected {
  const txn = query.kind === 'txnlist' ? query.transactions[0] : undefined;
  if (!txn) return { ...refusal, code: 'not_found', reason: 'Converge has no such transaction.' };
  const type = (txn['ssl_transaction_type'] ?? '').toUpperCase();
  const status = (txn['ssl_trans_status'] ?? '').toUpperCase();
  if (type === 'VOID' || type === 'DELETE') {
    return { ...refusal, code: 'already_voided', reason: 'This payment was voided.' };
  }
  if (operation === 'refund' && status !== 'STL') {
    return { ...refusal, code: 'void_instead', reason: 'This payment has not settled yet: void it instead.' };
  }
  if (operation === 'void' && status === 'STL') {
    return {
      ...refusal,
      code: 'refund_instead',
      reason: 'This payment has already settled: refund it instead.',
    };
  }
  return refusal;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const SALE_ROW_TYPES: ReadonlySet<string> = new Set(['SALE', 'VOID', 'DELETE']);

/** `MM/DD/YYYY`, the date form txnquery's search range takes. */
export function searchDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}/${date.getUTCFullYear()}`;
}

/** The one sale carrying the reference; more than one is for staff to untangle, never to guess. */
export function referenceResultOf(answer: ConvergeAnswer, reference: string): RetrieveResult {
  if (answer.kind !== 'txnlist') {
    return {
      outcome: 'unknown',
      error: `Converge answered ${answer.kind === 'error' ? answer.code : 'an unexpected <txn>'}`,
    };
  }
  // A voided sale is listed as VOID or DELETE; a return carries its sale's invoice number too.
  const sales = answer.transactions.filter(
    (t) =>
      t['ssl_invoice_number'] === reference &&
      SALE_ROW_TYPES.has((t['ssl_transaction_type'] ?? '').toUpperCase()),
  );
  if (sales.length === 0) return { outcome: 'not_found' };
  if (sales.length > 1) {
    return { outcome: 'unknown', error: `Converge holds ${sales.length} sales with this reference` };
  }
  return { outcome: 'found', transaction: transactionOfConverge(sales[0]!) };
}

const FAILED_STATUSES: ReadonlySet<string> = new Set(['FPR', 'PRE', 'PST']);

export function transactionOfConverge(txn: ConvergeFields): ProcessorTransaction {
  const type = (txn['ssl_transaction_type'] ?? '').toUpperCase();
  const status = (txn['ssl_trans_status'] ?? '').toUpperCase();
  const message = (txn['ssl_result_message'] ?? '').toUpperCase();
  const approved = txn['ssl_result'] === '0' || /APPROV/.test(message);
  return {
    transactionId: txn['ssl_txn_id'] ?? '',
    status:
      type === 'VOID' || type === 'DELETE'
        ? 'voided'
        : FAILED_STATUSES.has(status) || !approved
          ? 'declined'
          : status === 'PEN' || status === 'REV'
            ? 'pending'
            : 'approved',
    amount: decimalToMinor(txn['ssl_amount']) ?? 0,
    settled: status === 'STL',
    raw: {
      transactionType: type || null,
      transStatus: status || null,
      last4: lastFourOf(txn['ssl_card_number']) ?? null,
    },
  };
}

export function connectionResultOf(answer: ConvergeAnswer): ConnectionTestResult {
  if (answer.kind !== 'error')
    return { ok: true, message: 'Converge accepted the Merchant ID, User ID and PIN.' };
  switch (answer.code) {
    case '4025':
      return {
        ok: false,
        message:
          'Converge refused the Merchant ID, User ID and PIN together: check all three (the Merchant ID is the 6–7 digit Converge account ID, the PIN is the 64-character terminal PIN, and the user must be an API user).',
      };
    case '4000':
      return { ok: false, message: 'The Merchant ID is missing: enter the Converge account ID.' };
    case '4013':
      return { ok: false, message: 'The PIN is missing: enter the terminal PIN from Converge.' };
    case '4019':
      return { ok: false, message: 'The User ID is missing: enter the Converge API user ID.' };
    default:
      // 5xxx codes are about the queried data, checked only once the credentials passed.
      return answer.code.startsWith('5')
        ? { ok: true, message: 'Converge accepted the Merchant ID, User ID and PIN.' }
        : {
            ok: false,
            message: `Converge refused the check: ${answer.code} ${answer.name}: ${answer.message}`,
          };
  }
}

function noAnswer(caught: unknown): { outcome: 'unknown'; error: string } {
  return {
    outcome: 'unknown',
    error: caught instanceof ConvergeNoAnswerError ? caught.message : describeFailure(caught),
  };
}

/** "40**********0002" → "0002". */
function lastFourOf(masked: string | undefined): string | undefined {
  return /(\d{4})$/.exec(masked ?? '')?.[1];
}
