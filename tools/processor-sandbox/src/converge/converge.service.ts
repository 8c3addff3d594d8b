import { randomUUID } from 'node:crypto';
import { brandOf, isExpired, lastFour, parseExpiry, passesLuhn, type CardBrand } from '../cards';
import { randomDigits, randomUpperAlphanumeric } from '../ids';
import { authenticateConverge } from './converge-auth';
import { CONVERGE_ERRORS, type ConvergeError } from './converge-errors';
import type { ConvergeFields } from './converge-xml';

/**
 * The Converge transactions Arbor uses (https://developer.elavon.com/na/docs/converge/1.0.0/integration-guide/transaction_types/credit_card/):
 * `ccgettoken` (tokenize a card), `ccsale` (with `ssl_token` or a card), `ccvoid`/`ccdelete`
 * (remove an unsettled transaction from the open batch), `ccreturn` (refund a settled one) and
 * `txnquery`. Sales wait in the open batch until `settle()`. State is per merchant id.
 */

export type ConvergeAnswer =
  | { readonly kind: 'txn'; readonly fields: ReadonlyArray<readonly [string, string]> }
  | {
      readonly kind: 'txnlist';
      readonly transactions: ReadonlyArray<ReadonlyArray<readonly [string, string]>>;
    }
  | { readonly kind: 'error'; readonly error: ConvergeError };

interface Card {
  readonly masked: string;
  readonly last4: string;
  readonly brand: CardBrand;
  readonly expDate: string;
}

interface Transaction {
  readonly id: string;
  readonly merchantId: string;
  readonly userId: string;
  type: 'SALE' | 'RETURN' | 'VOID' | 'DELETE';
  /** `ssl_trans_status`: OPN in the open batch, STL once settled. */
  status: 'OPN' | 'STL';
  readonly result: '0' | '1';
  readonly resultMessage: string;
  readonly issuerResponse: string;
  readonly approvalCode: string;
  readonly amountCents: number;
  refundedCents: number;
  readonly card: Card;
  readonly time: Date;
  settledAt?: Date;
  readonly invoiceNumber: string;
  readonly originalId?: string;
}

interface Token {
  readonly merchantId: string;
  readonly card: Card;
}

/** What a Hosted Payments session token was issued for; Checkout.js runs exactly that. */
export interface HostedSession {
  readonly merchantId: string;
  readonly userId: string;
  /** `ssl_transaction_type` as sent, lower case. */
  readonly transactionType: string;
  /** `ssl_amount` in cents, when the transaction type moves money. */
  readonly amountCents?: number;
  readonly issuedAt: Date;
}

export type SessionTokenAnswer =
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'error'; readonly error: ConvergeError };

/**
 * The credit card transaction types a Hosted Payments (Lightbox / Checkout.js) session can run
 * (https://developer.elavon.com/na/docs/converge/1.0.0/integration-guide/integration_methods/lightbox).
 */
const HOSTED_TRANSACTION_TYPES: ReadonlySet<string> = new Set([
  'ccsale',
  'ccauthonly',
  'ccverify',
  'ccgettoken',
]);
const HOSTED_TYPES_WITH_AMOUNT: ReadonlySet<string> = new Set(['ccsale', 'ccauthonly']);

/** A Hosted Payments session gives the shopper 15 minutes to pay; its token pays once. */
export const HOSTED_SESSION_LIFETIME_MS = 15 * 60 * 1000;

/**
 * Fields Checkout.js may send with the card. The session's own transaction type, amount and
 * credentials always win: a browser cannot change what its server asked for.
 */
const HOSTED_PAYER_FIELDS: ReadonlySet<string> = new Set([
  'ssl_card_number',
  'ssl_exp_date',
  'ssl_cvv2cvc2',
  'ssl_cvv2cvc2_indicator',
  'ssl_first_name',
  'ssl_last_name',
  'ssl_avs_address',
  'ssl_avs_zip',
  'ssl_invoice_number',
  'ssl_add_token',
]);

/**
 * Elavon's demo environment answers by the cent amount of a sale ("pre-programmed responses which
 * will vary based on the cent amount of the sale"). The sandbox reads the cents as the issuer
 * response code and answers with Converge's message for it; every other amount is approved.
 */
export const CENT_RESPONSES: Readonly<Record<string, { readonly issuer: string; readonly message: string }>> =
  {
    '01': { issuer: '01', message: 'CALL AUTH. CENTER' },
    '04': { issuer: '04', message: 'PICK UP CARD' },
    '05': { issuer: '05', message: 'DECLINED' },
    '13': { issuer: '13', message: 'AMOUNT ERROR' },
    '14': { issuer: '14', message: 'INVALID CARD' },
    '51': { issuer: '51', message: 'DECLINED' },
    '54': { issuer: '54', message: 'EXPIRED CARD' },
  };

const SHORT_DESCRIPTION: Readonly<Record<CardBrand, string>> = {
  visa: 'VISA',
  mastercard: 'MC',
  amex: 'AMEX',
  discover: 'DISC',
  jcb: 'JCB',
  diners: 'DINERS',
  unionpay: 'CUP',
  unknown: '',
};

type Fields = Array<[string, string]>;

export class ConvergeFake {
  private readonly transactions = new Map<string, Transaction>();
  private readonly tokens = new Map<string, Token>();
  private readonly sessions = new Map<string, HostedSession>();
  private readonly spentSessions = new Set<string>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  reset(): void {
    this.transactions.clear();
    this.tokens.clear();
    this.sessions.clear();
    this.spentSessions.clear();
  }

  handle(fields: ConvergeFields): ConvergeAnswer {
    const auth = authenticateConverge(fields);
    if (!auth.ok) return { kind: 'error', error: auth.error };
    const type = (fields['ssl_transaction_type'] ?? '').toLowerCase();
    switch (type) {
      case 'ccgettoken':
        return this.getToken(auth.merchantId, fields);
      case 'ccsale':
        return this.sale(auth.merchantId, auth.userId, fields);
      case 'ccvoid':
      case 'ccdelete':
        return this.void(auth.merchantId, fields, type === 'ccvoid' ? 'VOID' : 'DELETE');
      case 'ccreturn':
        return this.return(auth.merchantId, auth.userId, fields);
      case 'txnquery':
        return this.query(auth.merchantId, fields);
      case '':
        return { kind: 'error', error: CONVERGE_ERRORS.requiredFieldNotSupplied };
      default:
        return { kind: 'error', error: CONVERGE_ERRORS.invalidTransactionType };
    }
  }

  /**
   * `POST /hosted-payments/transaction_token`: the server-side half of Checkout.js. The same
   * credentials as the XML API, the transaction the browser will run (`ssl_transaction_type`,
   * and `ssl_amount` for one that moves money); the answer is a session token for it.
   */
  createSessionToken(fields: ConvergeFields): SessionTokenAnswer {
    const auth = authenticateConverge(fields);
    if (!auth.ok) return { kind: 'error', error: auth.error };
    const type = (fields['ssl_transaction_type'] ?? '').toLowerCase();
    if (type === '') return { kind: 'error', error: CONVERGE_ERRORS.requiredFieldNotSupplied };
    if (!HOSTED_TRANSACTION_TYPES.has(type))
      return { kind: 'error', error: CONVERGE_ERRORS.invalidTransactionType };
    let amountCents: number | undefined;
    if (HOSTED_TYPES_WITH_AMOUNT.has(type)) {
      const amount = readAmount(fields['ssl_amount']);
      if ('error' in amount) return { kind: 'error', error: amount.error };
      amountCents = amount.cents;
    }
    const token = randomUUID();
    this.sessions.set(token, {
      merchantId: auth.merchantId,
      userId: auth.userId,
      transactionType: type,
      ...(amountCents === undefined ? {} : { amountCents }),
      issuedAt: this.now(),
    });
    return { kind: 'token', token };
  }

  /**
   * What Checkout.js's `ConvergeEmbeddedPayment.pay` posts: the session token and the card. The
   * token must be one the sandbox issued, unspent and under 15 minutes old; it is spent by this
   * call whatever the outcome, and the session's transaction runs for its merchant.
   */
  payHostedSession(fields: ConvergeFields): ConvergeAnswer {
    const token = fields['ssl_txn_auth_token'] ?? '';
    const session = this.sessions.get(token);
    if (
      !session ||
      this.spentSessions.has(token) ||
      this.now().getTime() - session.issuedAt.getTime() > HOSTED_SESSION_LIFETIME_MS
    ) {
      return { kind: 'error', error: CONVERGE_ERRORS.invalidToken };
    }
    this.spentSessions.add(token);
    const txn: Record<string, string> = {};
    for (const [name, value] of Object.entries(fields)) {
      if (HOSTED_PAYER_FIELDS.has(name)) txn[name] = value;
    }
    if (session.amountCents !== undefined) txn['ssl_amount'] = formatAmount(session.amountCents);
    switch (session.transactionType) {
      case 'ccgettoken':
        return this.getToken(session.merchantId, txn);
      case 'ccsale':
        return this.sale(session.merchantId, session.userId, txn);
      default:
        return { kind: 'error', error: CONVERGE_ERRORS.invalidTransactionType };
    }
  }

  /** The session a token was issued for, if the sandbox issued it. */
  hostedSession(token: string): HostedSession | undefined {
    return this.sessions.get(token);
  }

  /** Moves every open transaction to the settled batch; returns how many. */
  settle(): { settled: number } {
    const settledAt = this.now();
    let settled = 0;
    for (const txn of this.transactions.values()) {
      if (txn.status !== 'OPN' || txn.result !== '0') continue;
      txn.status = 'STL';
      txn.settledAt = settledAt;
      settled++;
    }
    return { settled };
  }

  // ---- ccgettoken ----------------------------------------------------------------------

  /** https://developer.elavon.com/na/docs/converge/1.0.0/integration-guide/transaction_types/tokenization/generate_token */
  private getToken(merchantId: string, fields: ConvergeFields): ConvergeAnswer {
    const card = this.readCard(fields);
    if ('error' in card) return { kind: 'error', error: card.error };
    const token = randomDigits(12) + card.last4;
    this.tokens.set(token, { merchantId, card });
    const out: Fields = [
      ['ssl_card_number', card.masked],
      ['ssl_result', '0'],
      ['ssl_txn_id', ''],
      ['ssl_approval_code', ''],
      ['ssl_txn_time', convergeTime(this.now())],
      ['ssl_exp_date', card.expDate],
      ['ssl_card_short_description', SHORT_DESCRIPTION[card.brand]],
      ['ssl_token_response', 'SUCCESS'],
      ['ssl_card_type', 'CREDITCARD'],
      ['ssl_transaction_type', 'GETTOKEN'],
      ['ssl_result_message', ''],
      ['ssl_token', token],
    ];
    if ((fields['ssl_add_token'] ?? '').toUpperCase() === 'Y')
      out.push(['ssl_add_token_response', 'Card Added']);
    return { kind: 'txn', fields: out };
  }

  // ---- ccsale --------------------------------------------------------------------------

  /** https://developer.elavon.com/na/docs/converge/1.0.0/integration-guide/transaction_types/credit_card/sale */
  private sale(merchantId: string, userId: string, fields: ConvergeFields): ConvergeAnswer {
    const amount = readAmount(fields['ssl_amount']);
    if ('error' in amount) return { kind: 'error', error: amount.error };
    let card: Card;
    const tokenValue = fields['ssl_token'];
    if (tokenValue !== undefined && tokenValue !== '') {
      const token = this.tokens.get(tokenValue);
      if (!token || token.merchantId !== merchantId)
        return { kind: 'error', error: CONVERGE_ERRORS.invalidToken };
      card = token.card;
    } else {
      const read = this.readCard(fields);
      if ('error' in read) return { kind: 'error', error: read.error };
      card = read;
    }
    const cents = String(amount.cents % 100).padStart(2, '0');
    const programmed = CENT_RESPONSES[cents];
    const approved = programmed === undefined;
    const txn: Transaction = {
      id: transactionId(this.now()),
      merchantId,
      userId,
      type: 'SALE',
      status: 'OPN',
      result: approved ? '0' : '1',
      resultMessage: approved ? 'APPROVAL' : programmed.message,
      issuerResponse: approved ? '00' : programmed.issuer,
      approvalCode: approved ? randomUpperAlphanumeric(6) : '',
      amountCents: amount.cents,
      refundedCents: 0,
      card,
      time: this.now(),
      invoiceNumber: fields['ssl_invoice_number'] ?? '',
    };
    this.transactions.set(txn.id, txn);
    const out: Fields = [
      ['ssl_issuer_response', txn.issuerResponse],
      ['ssl_card_number', card.masked],
      ['ssl_result', txn.result],
      ['ssl_txn_id', txn.id],
      ['ssl_avs_response', fields['ssl_avs_zip'] ? 'M' : ''],
      ['ssl_approval_code', txn.approvalCode],
      ['ssl_amount', formatAmount(txn.amountCents)],
      ['ssl_txn_time', convergeTime(txn.time)],
      ['ssl_exp_date', card.expDate],
      ['ssl_card_short_description', SHORT_DESCRIPTION[card.brand]],
      ['ssl_card_type', 'CREDITCARD'],
      ['ssl_transaction_type', 'SALE'],
      ['ssl_account_balance', '0.00'],
      ['ssl_result_message', txn.resultMessage],
      ['ssl_invoice_number', txn.invoiceNumber],
      ['ssl_cvv2_response', fields['ssl_cvv2cvc2'] ? 'M' : ''],
    ];
    if (tokenValue) out.push(['ssl_token', tokenValue]);
    return { kind: 'txn', fields: out };
  }

  // ---- ccvoid / ccdelete ---------------------------------------------------------------

  /**
   * Voids a transaction still in the open batch (https://developer.elavon.com/na/docs/converge/1.0.0/integration-guide/transaction_types/credit_card/void).
   * A settled transaction can no longer be voided; it is refunded with ccreturn instead.
   */
  private void(merchantId: string, fields: ConvergeFields, kind: 'VOID' | 'DELETE'): ConvergeAnswer {
    const id = fields['ssl_txn_id'];
    if (!id) return { kind: 'error', error: CONVERGE_ERRORS.requiredFieldNotSupplied };
    const txn = this.transactions.get(id);
    if (
      !txn ||
      txn.merchantId !== merchantId ||
      txn.status !== 'OPN' ||
      txn.result !== '0' ||
      (txn.type !== 'SALE' && txn.type !== 'RETURN')
    ) {
      return { kind: 'error', error: CONVERGE_ERRORS.invalidTransactionId };
    }
    if (txn.type === 'RETURN' && txn.originalId) {
      const original = this.transactions.get(txn.originalId);
      if (original) original.refundedCents -= txn.amountCents;
    }
    txn.type = kind;
    return {
      kind: 'txn',
      fields: [
        ['ssl_card_number', txn.card.masked],
        ['ssl_result', '0'],
        ['ssl_txn_id', txn.id],
        ['ssl_amount', formatAmount(txn.amountCents)],
        ['ssl_txn_time', convergeTime(this.now())],
        ['ssl_exp_date', txn.card.expDate],
        ['ssl_card_short_description', SHORT_DESCRIPTION[txn.card.brand]],
        ['ssl_card_type', 'CREDITCARD'],
        ['ssl_transaction_type', kind],
        ['ssl_result_message', 'APPROVAL'],
        ['ssl_invoice_number', txn.invoiceNumber],
      ],
    };
  }

  // ---- ccreturn ------------------------------------------------------------------------

  /**
   * Refunds all or part of a settled sale (https://developer.elavon.com/na/docs/converge/1.0.0/integration-guide/transaction_types/credit_card/return).
   * An amount above what is left to refund is refused with 5091.
   */
  private return(merchantId: string, userId: string, fields: ConvergeFields): ConvergeAnswer {
    const id = fields['ssl_txn_id'];
    if (!id) return { kind: 'error', error: CONVERGE_ERRORS.requiredFieldNotSupplied };
    const original = this.transactions.get(id);
    if (
      !original ||
      original.merchantId !== merchantId ||
      original.type !== 'SALE' ||
      original.result !== '0' ||
      original.status !== 'STL'
    ) {
      return { kind: 'error', error: CONVERGE_ERRORS.invalidTransactionId };
    }
    const remaining = original.amountCents - original.refundedCents;
    let cents = remaining;
    if (fields['ssl_amount'] !== undefined && fields['ssl_amount'] !== '') {
      const amount = readAmount(fields['ssl_amount']);
      if ('error' in amount) return { kind: 'error', error: amount.error };
      cents = amount.cents;
    }
    if (cents > remaining || remaining <= 0) return { kind: 'error', error: CONVERGE_ERRORS.amountExceeded };
    original.refundedCents += cents;
    const txn: Transaction = {
      id: transactionId(this.now()),
      merchantId,
      userId,
      type: 'RETURN',
      status: 'OPN',
      result: '0',
      resultMessage: 'APPROVAL',
      issuerResponse: '00',
      approvalCode: randomUpperAlphanumeric(6),
      amountCents: cents,
      refundedCents: 0,
      card: original.card,
      time: this.now(),
      invoiceNumber: original.invoiceNumber,
      originalId: original.id,
    };
    this.transactions.set(txn.id, txn);
    return {
      kind: 'txn',
      fields: [
        ['ssl_issuer_response', '00'],
        ['ssl_card_number', txn.card.masked],
        ['ssl_result', '0'],
        ['ssl_txn_id', txn.id],
        ['ssl_avs_response', ''],
        ['ssl_approval_code', txn.approvalCode],
        ['ssl_amount', formatAmount(cents)],
        ['ssl_txn_time', convergeTime(txn.time)],
        ['ssl_exp_date', txn.card.expDate],
        ['ssl_card_short_description', SHORT_DESCRIPTION[txn.card.brand]],
        ['ssl_card_type', 'CREDITCARD'],
        ['ssl_transaction_type', 'RETURN'],
        ['ssl_account_balance', '0.00'],
        ['ssl_result_message', 'APPROVAL'],
        ['ssl_invoice_number', txn.invoiceNumber],
        ['ssl_cvv2_response', ''],
      ],
    };
  }

  // ---- txnquery ------------------------------------------------------------------------

  /** https://developer.elavon.com/na/docs/converge/1.0.0/integration-guide/transaction_types/reporting/transaction_query */
  /**
   * `txnquery` (https://developer.elavon.com/na/docs/converge/1.0.0/integration-guide/transaction_types/end_of_day/transaction_query):
   * by `ssl_txn_id` alone, or by a date range (`ssl_search_start_date`, `ssl_search_end_date`
   * defaulting to now, `MM/DD/YYYY` with an optional `hh:mm:ss AM` time) narrowed by
   * `ssl_invoice_number` when given, across the open and settled batches. Results come newest
   * first, as Converge lists them; nothing found is an empty `<txnlist>`, not an error.
   */
  private query(merchantId: string, fields: ConvergeFields): ConvergeAnswer {
    const id = fields['ssl_txn_id'];
    if (id) {
      const txn = this.transactions.get(id);
      if (!txn || txn.merchantId !== merchantId) return { kind: 'txnlist', transactions: [] };
      return { kind: 'txnlist', transactions: [queryRow(txn)] };
    }
    const startText = fields['ssl_search_start_date'];
    if (!startText) return { kind: 'error', error: CONVERGE_ERRORS.requiredFieldNotSupplied };
    const start = parseSearchDate(startText, 'start');
    const endText = fields['ssl_search_end_date'];
    const end = endText ? parseSearchDate(endText, 'end') : this.now().getTime();
    if (start === undefined || end === undefined || end < start) {
      return { kind: 'error', error: CONVERGE_ERRORS.invalidRequestFormat };
    }
    const invoiceNumber = fields['ssl_invoice_number'];
    const found = [...this.transactions.values()]
      .filter(
        (t) =>
          t.merchantId === merchantId &&
          t.time.getTime() >= start &&
          t.time.getTime() <= end &&
          (invoiceNumber === undefined || invoiceNumber === '' || t.invoiceNumber === invoiceNumber),
      )
      .sort((a, b) => b.time.getTime() - a.time.getTime());
    return { kind: 'txnlist', transactions: found.map(queryRow) };
  }

  // ---- helpers -------------------------------------------------------------------------

  private readCard(fields: ConvergeFields): Card | { error: ConvergeError } {
    const number = (fields['ssl_card_number'] ?? '').replace(/\s/g, '');
    if (number === '') return { error: CONVERGE_ERRORS.requiredFieldNotSupplied };
    if (!passesLuhn(number)) return { error: CONVERGE_ERRORS.invalidCardNumber };
    const expDate = fields['ssl_exp_date'] ?? '';
    const expiry = /^\d{4}$/.test(expDate) ? parseExpiry(expDate) : null;
    if (!expiry || isExpired(expiry, this.now())) return { error: CONVERGE_ERRORS.invalidExpiry };
    return {
      masked: `${number.slice(0, 2)}${'*'.repeat(number.length - 6)}${lastFour(number)}`,
      last4: lastFour(number),
      brand: brandOf(number),
      expDate,
    };
  }
}

function queryRow(txn: Transaction): Fields {
  const out: Fields = [
    ['ssl_txn_id', txn.id],
    ['ssl_user_id', txn.userId],
    ['ssl_trans_status', txn.status],
    ['ssl_card_type', 'CREDITCARD'],
    ['ssl_card_short_description', SHORT_DESCRIPTION[txn.card.brand]],
    ['ssl_transaction_type', txn.type],
    ['ssl_txn_time', convergeTime(txn.time)],
    ['ssl_card_number', txn.card.masked],
    ['ssl_exp_date', txn.card.expDate],
    ['ssl_entry_mode', 'K'],
    ['ssl_amount', formatAmount(txn.amountCents)],
    ['ssl_invoice_number', txn.invoiceNumber],
    ['ssl_result_message', txn.resultMessage],
    ['ssl_approval_code', txn.approvalCode],
  ];
  if (txn.settledAt) out.push(['ssl_settle_time', convergeTime(txn.settledAt)]);
  return out;
}

/**
 * A search date as `MM/DD/YYYY`, optionally with `hh:mm:ss` and `AM`/`PM`, read in the same
 * zone the sandbox writes `ssl_txn_time` in (UTC). A date alone covers its whole day.
 */
export function parseSearchDate(value: string, edge: 'start' | 'end'): number | undefined {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2}):(\d{2})(?:\s*([AP]M))?)?$/i.exec(
    value.trim(),
  );
  if (!match) return undefined;
  const [, mm, dd, yyyy, h, min, sec, half] = match;
  if (h === undefined) {
    const day = Date.UTC(Number(yyyy), Number(mm) - 1, Number(dd));
    return edge === 'start' ? day : day + 24 * 3600 * 1000 - 1;
  }
  let hours = Number(h);
  if (half) hours = (hours % 12) + (half.toUpperCase() === 'PM' ? 12 : 0);
  return Date.UTC(Number(yyyy), Number(mm) - 1, Number(dd), hours, Number(min), Number(sec));
}

/** `ssl_amount`: a positive number with up to two decimals. */
function readAmount(value: string | undefined): { cents: number } | { error: ConvergeError } {
  if (value === undefined || value.trim() === '') return { error: CONVERGE_ERRORS.requiredFieldNotSupplied };
  const trimmed = value.trim();
  if (!/^\d*(\.\d{1,2})?$/.test(trimmed) || trimmed === '.') return { error: CONVERGE_ERRORS.invalidAmount };
  const cents = Math.round(Number(trimmed) * 100);
  if (!(cents > 0)) return { error: CONVERGE_ERRORS.invalidAmount };
  return { cents };
}

function formatAmount(cents: number): string {
  return (cents / 100).toFixed(2);
}

/** `ssl_txn_id` as Converge forms it: `DDMMYY` + 3 characters + `-` + a UUID, e.g. `180820AD3-27AEE6EF-…`. */
function transactionId(now: Date): string {
  const dd = String(now.getUTCDate()).padStart(2, '0');
  const mm = String(now.getUTCMonth() + 1).padStart(2, '0');
  const yy = String(now.getUTCFullYear() % 100).padStart(2, '0');
  return `${dd}${mm}${yy}${randomUpperAlphanumeric(3)}-${randomUUID().toUpperCase()}`;
}

/** `ssl_txn_time`: `MM/DD/YYYY hh:mm:ss AM`. */
function convergeTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const hours = date.getUTCHours();
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  return `${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}/${date.getUTCFullYear()} ${pad(hour12)}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ${hours < 12 ? 'AM' : 'PM'}`;
}
