import { createHash } from 'node:crypto';
import { brandOf, isExpired, lastFour, parseExpiry, passesLuhn, type CardBrand } from '../cards';
import { randomAlphanumeric, randomUpperAlphanumeric } from '../ids';
import { authenticateMerchant } from './anet-auth';
import { anetTransHashSha2 } from './anet-signature';
import type {
  AnetBaseResponse,
  AnetCreateTransactionResponse,
  AnetMessage,
  AnetMessages,
  AnetOpaqueData,
  AnetTransactionDetails,
  AnetTransactionResponse,
  AnetTransactionStatus,
  AnetTransactionSummary,
  AnetWebhookEventType,
} from './anet-types';

/**
 * The Authorize.net API calls Arbor makes (https://developer.authorize.net/api/reference/):
 * authenticateTestRequest, createTransactionRequest (authCaptureTransaction, refundTransaction,
 * voidTransaction), getTransactionDetailsRequest, the reporting lists that find a transaction
 * whose id was never learnt (getUnsettledTransactionListRequest, getSettledBatchListRequest,
 * getTransactionListRequest) and the Accept tokenization call securePaymentContainerRequest. Transactions wait in an unsettled batch until `settle()`; a void
 * works only before settlement and a refund only after it, as on the real gateway. State is per
 * API Login ID.
 */

export interface AnetTransactionEvent {
  readonly eventType: AnetWebhookEventType;
  readonly transaction: AnetTransactionView;
}

/** What a webhook needs to know about a transaction. */
export interface AnetTransactionView {
  readonly transId: string;
  readonly responseCode: number;
  readonly authCode: string;
  readonly avsResponse: string;
  readonly amountCents: number;
}

export type AnetEventListener = (event: AnetTransactionEvent) => void;

type ResponseCode = '1' | '2' | '3';

interface Card {
  readonly last4: string;
  readonly brand: CardBrand;
  /** SHA-256 of the number, used only for duplicate detection; the number itself is not kept. */
  readonly fingerprint: string;
}

interface Transaction {
  readonly transId: string;
  readonly merchant: string;
  readonly type: 'authCaptureTransaction' | 'refundTransaction';
  status: AnetTransactionStatus;
  readonly responseCode: 1 | 2;
  readonly responseReasonCode: number;
  readonly authCode: string;
  readonly avs: string;
  readonly cvv: string;
  readonly amountCents: number;
  refundedCents: number;
  readonly card: Card;
  readonly submittedAt: Date;
  batch?: { batchId: string; settledAt: Date };
  readonly refTransId?: string;
  readonly invoiceNumber?: string;
  readonly description?: string;
  readonly billTo?: Record<string, string>;
  readonly networkTransId: string;
}

interface AcceptToken {
  readonly merchant: string;
  readonly card: Card;
  readonly zip?: string;
  readonly cardCode?: string;
  readonly expiresAt: number;
}

/** Accept.js payment nonces are valid for 15 minutes and for one use (https://developer.authorize.net/api/reference/features/acceptjs.html). */
const TOKEN_LIFETIME_MS = 15 * 60 * 1000;
/** The gateway's default duplicate window is two minutes (`duplicateWindow`, in seconds). */
const DEFAULT_DUPLICATE_WINDOW_S = 120;
const ACCEPT_DESCRIPTOR = 'COMMON.ACCEPT.INAPP.PAYMENT';

const OK: AnetMessages = { resultCode: 'Ok', message: [{ code: 'I00001', text: 'Successful.' }] };
const E00027: AnetMessages = {
  resultCode: 'Error',
  message: [{ code: 'E00027', text: 'The transaction was unsuccessful.' }],
};

/** Response reason codes and texts (https://developer.authorize.net/api/reference/responseCodes.html). */
const REASON = {
  approved: { code: 1, text: 'This transaction has been approved.' },
  declined: { code: 2, text: 'This transaction has been declined.' },
  invalidAmount: { code: 5, text: 'A valid amount is required.' },
  invalidCard: { code: 6, text: 'The credit card number is invalid.' },
  invalidExpiry: { code: 7, text: 'Credit card expiration date is invalid.' },
  expired: { code: 8, text: 'The credit card has expired.' },
  duplicate: { code: 11, text: 'A duplicate transaction has been submitted.' },
  notFound: { code: 16, text: 'The transaction cannot be found.' },
  creditCriteria: {
    code: 54,
    text: 'The referenced transaction does not meet the criteria for issuing a credit.',
  },
  creditExceeds: {
    code: 55,
    text: 'The sum of credits against the referenced transaction would exceed original debit amount.',
  },
  alreadyVoided: { code: 310, text: 'This transaction has already been voided.' },
} as const;

type Reason = (typeof REASON)[keyof typeof REASON];

/**
 * The testing guide's trigger values (https://developer.authorize.net/hello_world/testing_guide.html):
 * billing ZIP 46282 declines; other ZIPs set the AVS result; card codes 900–904 set the CVV result.
 */
const DECLINE_ZIP = '46282';
const AVS_BY_ZIP: Readonly<Record<string, string>> = {
  '46201': 'A',
  '46203': 'E',
  '46204': 'G',
  '46205': 'N',
  '46206': 'P',
  '46207': 'R',
  '46208': 'S',
  '46209': 'U',
  '46211': 'W',
  '46214': 'X',
  '46217': 'Z',
};
const CVV_BY_CODE: Readonly<Record<string, string>> = {
  '900': 'M',
  '901': 'N',
  '902': 'S',
  '903': 'U',
  '904': 'P',
};

const ACCOUNT_TYPE: Readonly<Record<CardBrand, string>> = {
  visa: 'Visa',
  mastercard: 'MasterCard',
  amex: 'AmericanExpress',
  discover: 'Discover',
  jcb: 'JCB',
  diners: 'DinersClub',
  unionpay: 'ChinaUnionPay',
  unknown: '',
};

type Json = Record<string, unknown>;

export class AuthorizeNetFake {
  private readonly transactions = new Map<string, Transaction>();
  private readonly tokens = new Map<string, AcceptToken>();
  private nextTransId = 40_000_000_000 + Math.floor(Math.random() * 1_000_000_000);
  private nextBatchId = 1_000_000 + Math.floor(Math.random() * 100_000);
  private signatureKey: string | undefined;

  constructor(
    private readonly onEvent: AnetEventListener,
    private readonly now: () => Date = () => new Date(),
  ) {}

  reset(): void {
    this.transactions.clear();
    this.tokens.clear();
  }

  /** The merchant's Signature Key, which also keys `transHashSha2`. */
  useSignatureKey(key: string | undefined): void {
    this.signatureKey = key;
  }

  /** Dispatches one JSON request by its root element. */
  handle(request: Json): AnetBaseResponse {
    const [root, ...others] = Object.keys(request);
    const body = root === undefined ? undefined : request[root];
    if (root === undefined || others.length > 0 || typeof body !== 'object' || body === null) {
      return errorResponse(undefined, {
        code: 'E00003',
        text: 'The request must contain exactly one root element.',
      });
    }
    const call = body as Json;
    const refId =
      typeof call['refId'] === 'string' || typeof call['refId'] === 'number'
        ? String(call['refId'])
        : undefined;
    if (refId !== undefined && refId.length > 20) {
      return errorResponse(undefined, {
        code: 'E00003',
        text: `The 'AnetApi/xml/v1/schema/AnetApiSchema.xsd:refId' element is invalid - The value '${refId}' is invalid according to its datatype 'String' - The actual length is greater than the MaxLength value.`,
      });
    }
    const auth = authenticateMerchant(
      call['merchantAuthentication'],
      root === 'securePaymentContainerRequest',
    );
    if (!auth.ok) return errorResponse(refId, auth.message);

    switch (root) {
      case 'authenticateTestRequest':
        return withRefId(refId, { messages: OK });
      case 'createTransactionRequest':
        return this.createTransaction(auth.merchant, refId, call);
      case 'getTransactionDetailsRequest':
        return this.transactionDetails(auth.merchant, refId, call);
      case 'securePaymentContainerRequest':
        return this.securePaymentContainer(auth.merchant, refId, call);
      case 'getUnsettledTransactionListRequest':
        return this.unsettledTransactionList(auth.merchant, refId, call);
      case 'getSettledBatchListRequest':
        return this.settledBatchList(auth.merchant, refId, call);
      case 'getTransactionListRequest':
        return this.transactionList(auth.merchant, refId, call);
      default:
        return errorResponse(refId, {
          code: 'E00003',
          text: `The element '${root}' in namespace 'AnetApi/xml/v1/schema/AnetApiSchema.xsd' is not supported by the sandbox.`,
        });
    }
  }

  /** Settles every unsettled transaction into one new batch; returns how many were settled. */
  settle(): { batchId: string; settled: number } {
    const batchId = String(this.nextBatchId++);
    const settledAt = this.now();
    let settled = 0;
    for (const txn of this.transactions.values()) {
      if (txn.status === 'capturedPendingSettlement') txn.status = 'settledSuccessfully';
      else if (txn.status === 'refundPendingSettlement') txn.status = 'refundSettledSuccessfully';
      else continue;
      txn.batch = { batchId, settledAt };
      settled++;
    }
    return { batchId, settled };
  }

  view(transId: string): AnetTransactionView | undefined {
    const txn = this.transactions.get(transId);
    return txn ? toView(txn) : undefined;
  }

  // ---- createTransactionRequest ----------------------------------------------------------

  private createTransaction(
    merchant: string,
    refId: string | undefined,
    call: Json,
  ): AnetCreateTransactionResponse {
    const request = asObject(call['transactionRequest']);
    const type = request ? text(request['transactionType']) : undefined;
    if (!request || type === undefined) {
      return errorResponse(refId, {
        code: 'E00003',
        text: "The element 'createTransactionRequest' in namespace 'AnetApi/xml/v1/schema/AnetApiSchema.xsd' has incomplete content. List of possible elements expected: 'transactionRequest' in namespace 'AnetApi/xml/v1/schema/AnetApiSchema.xsd'.",
      });
    }
    switch (type) {
      case 'authCaptureTransaction':
        return this.authCapture(merchant, refId, request);
      case 'refundTransaction':
        return this.refund(merchant, refId, request);
      case 'voidTransaction':
        return this.void(merchant, refId, request);
      default:
        return errorResponse(refId, {
          code: 'E00003',
          text: `The 'AnetApi/xml/v1/schema/AnetApiSchema.xsd:transactionType' element is invalid - The value '${type}' is invalid according to its datatype 'String' - The Enumeration constraint failed.`,
        });
    }
  }

  private authCapture(
    merchant: string,
    refId: string | undefined,
    request: Json,
  ): AnetCreateTransactionResponse {
    const amountCents = parseAmount(request['amount']);
    const payment = asObject(request['payment']);
    const billTo = stringRecord(request['billTo']);
    const order = asObject(request['order']);

    let card: Card;
    let zip = billTo?.['zip'];
    let cardCode: string | undefined;
    const opaque = payment ? asObject(payment['opaqueData']) : undefined;
    const creditCard = payment ? asObject(payment['creditCard']) : undefined;
    if (opaque) {
      // Accept.js nonces (https://developer.authorize.net/api/reference/features/acceptjs.html).
      const descriptor = text(opaque['dataDescriptor']);
      const value = text(opaque['dataValue']);
      const token = value === undefined ? undefined : this.tokens.get(value);
      if (
        descriptor !== ACCEPT_DESCRIPTOR ||
        !token ||
        token.merchant !== merchant ||
        token.expiresAt < this.now().getTime()
      ) {
        return errorResponse(refId, { code: 'E00114', text: 'Invalid OTS Token.' });
      }
      this.tokens.delete(value!);
      card = token.card;
      zip ??= token.zip;
      cardCode = token.cardCode;
    } else if (creditCard) {
      const number = (text(creditCard['cardNumber']) ?? '').replace(/\s/g, '');
      if (!passesLuhn(number)) return this.failed(refId, REASON.invalidCard, undefined);
      card = cardOf(number);
      const expiry = parseExpiry(text(creditCard['expirationDate']) ?? '');
      if (!expiry) return this.failed(refId, REASON.invalidExpiry, card);
      if (isExpired(expiry, this.now())) return this.failed(refId, REASON.expired, card);
      cardCode = text(creditCard['cardCode']);
    } else {
      return errorResponse(refId, {
        code: 'E00003',
        text: "The element 'transactionRequest' in namespace 'AnetApi/xml/v1/schema/AnetApiSchema.xsd' has incomplete content. List of possible elements expected: 'payment'.",
      });
    }
    if (amountCents === undefined) return this.failed(refId, REASON.invalidAmount, card);

    const duplicateWindow = duplicateWindowSeconds(request);
    const duplicate = this.findDuplicate(
      merchant,
      card,
      amountCents,
      text(order?.['invoiceNumber']),
      billTo,
      duplicateWindow,
    );
    if (duplicate) return this.failed(refId, REASON.duplicate, card);

    const declined = zip === DECLINE_ZIP;
    const txn: Transaction = {
      transId: this.newTransId(),
      merchant,
      type: 'authCaptureTransaction',
      status: declined ? 'declined' : 'capturedPendingSettlement',
      responseCode: declined ? 2 : 1,
      responseReasonCode: declined ? REASON.declined.code : REASON.approved.code,
      authCode: declined ? '' : randomUpperAlphanumeric(6),
      avs: zip === undefined ? 'P' : (AVS_BY_ZIP[zip] ?? 'Y'),
      cvv: cardCode === undefined ? '' : (CVV_BY_CODE[cardCode] ?? 'P'),
      amountCents,
      refundedCents: 0,
      card,
      submittedAt: this.now(),
      invoiceNumber: text(order?.['invoiceNumber']),
      description: text(order?.['description']),
      billTo,
      networkTransId: randomUpperAlphanumeric(26),
    };
    this.transactions.set(txn.transId, txn);
    this.onEvent({ eventType: 'net.authorize.payment.authcapture.created', transaction: toView(txn) });

    const response = this.transactionResponse(txn, declined ? '2' : '1', '');
    response.cavvResultCode = declined ? '' : '2';
    response.networkTransId = txn.networkTransId;
    if (declined) {
      // A decline is a successful API call: resultCode Ok with responseCode 2 and the reason in
      // transactionResponse.errors (see AuthorizeNet/sample-code-java#90, a 46282 decline).
      response.errors = [{ errorCode: String(REASON.declined.code), errorText: REASON.declined.text }];
    } else {
      response.messages = [{ code: '1', description: REASON.approved.text }];
    }
    return withRefId(refId, { transactionResponse: response, messages: OK });
  }

  /**
   * A linked credit (https://developer.authorize.net/api/reference/#payment-transactions-refund-a-transaction):
   * `refTransId` of a settled transaction, the card's last four digits and `XXXX` as expiry, and
   * an amount up to what has not been refunded yet. Unsettled transactions are voided instead.
   */
  private refund(merchant: string, refId: string | undefined, request: Json): AnetCreateTransactionResponse {
    const refTransId = text(request['refTransId']) ?? '';
    const original = this.transactions.get(refTransId);
    const payment = asObject(request['payment']);
    const creditCard = payment ? asObject(payment['creditCard']) : undefined;
    const cardNumber = (text(creditCard?.['cardNumber']) ?? '').replace(/\s/g, '');
    const card = original?.card;
    const eligible =
      original !== undefined &&
      original.merchant === merchant &&
      original.type === 'authCaptureTransaction' &&
      original.status === 'settledSuccessfully' &&
      cardNumber.length >= 4 &&
      lastFour(cardNumber) === original.card.last4;
    if (!eligible) return this.failed(refId, REASON.creditCriteria, card, refTransId);
    const amountCents = parseAmount(request['amount']);
    if (amountCents === undefined) return this.failed(refId, REASON.invalidAmount, card, refTransId);
    if (amountCents > original.amountCents - original.refundedCents) {
      return this.failed(refId, REASON.creditExceeds, card, refTransId);
    }
    original.refundedCents += amountCents;
    const txn: Transaction = {
      transId: this.newTransId(),
      merchant,
      type: 'refundTransaction',
      status: 'refundPendingSettlement',
      responseCode: 1,
      responseReasonCode: REASON.approved.code,
      authCode: '',
      avs: 'P',
      cvv: '',
      amountCents,
      refundedCents: 0,
      card: original.card,
      submittedAt: this.now(),
      refTransId,
      networkTransId: randomUpperAlphanumeric(26),
    };
    this.transactions.set(txn.transId, txn);
    this.onEvent({ eventType: 'net.authorize.payment.refund.created', transaction: toView(txn) });
    const response = this.transactionResponse(txn, '1', refTransId);
    response.messages = [{ code: '1', description: REASON.approved.text }];
    return withRefId(refId, { transactionResponse: response, messages: OK });
  }

  /** Voids an unsettled transaction (https://developer.authorize.net/api/reference/#payment-transactions-void-a-transaction). */
  private void(merchant: string, refId: string | undefined, request: Json): AnetCreateTransactionResponse {
    const refTransId = text(request['refTransId']) ?? '';
    const txn = this.transactions.get(refTransId);
    if (!txn || txn.merchant !== merchant || txn.status === 'declined') {
      return this.failed(refId, REASON.notFound, undefined, refTransId);
    }
    if (txn.status === 'voided') return this.failed(refId, REASON.alreadyVoided, txn.card, refTransId);
    if (txn.status !== 'capturedPendingSettlement' && txn.status !== 'refundPendingSettlement') {
      // Only unsettled transactions can be voided: the void finds no unsettled transaction.
      return this.failed(refId, REASON.notFound, txn.card, refTransId);
    }
    txn.status = 'voided';
    if (txn.type === 'refundTransaction' && txn.refTransId) {
      const original = this.transactions.get(txn.refTransId);
      if (original) original.refundedCents -= txn.amountCents;
    }
    this.onEvent({ eventType: 'net.authorize.payment.void.created', transaction: toView(txn) });
    // The void answers with the voided transaction's id and auth code.
    const response = this.transactionResponse(txn, '1', txn.transId);
    response.avsResultCode = 'P';
    response.cvvResultCode = '';
    response.messages = [{ code: '1', description: REASON.approved.text }];
    return withRefId(refId, { transactionResponse: response, messages: OK });
  }

  // ---- getTransactionDetailsRequest ------------------------------------------------------

  /** https://developer.authorize.net/api/reference/#transaction-reporting-get-transaction-details */
  private transactionDetails(
    merchant: string,
    refId: string | undefined,
    call: Json,
  ): AnetBaseResponse & { transaction?: AnetTransactionDetails } {
    const txn = this.transactions.get(text(call['transId']) ?? '');
    if (!txn || txn.merchant !== merchant) {
      return errorResponse(refId, { code: 'E00040', text: 'The record cannot be found.' });
    }
    const details: AnetTransactionDetails = {
      transId: txn.transId,
      submitTimeUTC: txn.submittedAt.toISOString(),
      submitTimeLocal: localTime(txn.submittedAt),
      transactionType: txn.type,
      transactionStatus: txn.status,
      responseCode: txn.responseCode,
      responseReasonCode: txn.responseReasonCode,
      responseReasonDescription: txn.responseCode === 1 ? 'Approval' : 'Decline',
      AVSResponse: txn.avs,
      authAmount: txn.amountCents / 100,
      settleAmount: txn.status === 'voided' || txn.status === 'declined' ? 0 : txn.amountCents / 100,
      taxExempt: false,
      payment: {
        creditCard: {
          cardNumber: `XXXX${txn.card.last4}`,
          expirationDate: 'XXXX',
          cardType: ACCOUNT_TYPE[txn.card.brand],
        },
      },
      recurringBilling: false,
      product: 'Card Not Present',
      marketType: 'eCommerce',
    };
    if (txn.refTransId) details.refTransId = txn.refTransId;
    if (txn.authCode) details.authCode = txn.authCode;
    if (txn.cvv) details.cardCodeResponse = txn.cvv;
    if (txn.batch) {
      details.batch = {
        batchId: txn.batch.batchId,
        settlementTimeUTC: txn.batch.settledAt.toISOString(),
        settlementTimeLocal: localTime(txn.batch.settledAt),
        settlementState: 'settledSuccessfully',
      };
    }
    if (txn.invoiceNumber || txn.description) {
      details.order = {};
      if (txn.invoiceNumber) details.order.invoiceNumber = txn.invoiceNumber;
      if (txn.description) details.order.description = txn.description;
    }
    if (txn.billTo) details.billTo = txn.billTo;
    if (txn.type === 'authCaptureTransaction' && txn.responseCode === 1)
      details.networkTransId = txn.networkTransId;
    return withRefId(refId, { transaction: details, messages: OK });
  }

  // ---- transaction reporting lists -------------------------------------------------------

  /**
   * https://developer.authorize.net/api/reference/#transaction-reporting-get-unsettled-transaction-list:
   * every transaction not yet in a settled batch (declined and voided ones too), as summaries,
   * with `sorting` and `paging` as for getTransactionListRequest. `status: pendingApproval`
   * would list only those held for review, which the sandbox never holds.
   */
  private unsettledTransactionList(
    merchant: string,
    refId: string | undefined,
    call: Json,
  ): AnetBaseResponse {
    const unsettled = [...this.transactions.values()].filter((t) => t.merchant === merchant && !t.batch);
    const status = text(call['status']);
    return this.summaryPage(refId, call, status === 'pendingApproval' ? [] : unsettled);
  }

  /**
   * https://developer.authorize.net/api/reference/#transaction-reporting-get-settled-batch-list:
   * the batches settled between `firstSettlementDate` and `lastSettlementDate` (UTC; without
   * them, the last 24 hours). None found is still a successful call, with I00004.
   */
  private settledBatchList(merchant: string, refId: string | undefined, call: Json): AnetBaseResponse {
    const now = this.now().getTime();
    const first = Date.parse(text(call['firstSettlementDate']) ?? '');
    const last = Date.parse(text(call['lastSettlementDate']) ?? '');
    const from = Number.isNaN(first) ? now - 24 * 3600 * 1000 : first;
    const to = Number.isNaN(last) ? now : last;
    const batches = new Map<string, Date>();
    for (const txn of this.transactions.values()) {
      if (txn.merchant !== merchant || !txn.batch) continue;
      const at = txn.batch.settledAt.getTime();
      if (at >= from && at <= to) batches.set(txn.batch.batchId, txn.batch.settledAt);
    }
    if (batches.size === 0) {
      return withRefId(refId, {
        messages: { resultCode: 'Ok', message: [{ code: 'I00004', text: 'No records found.' }] },
      });
    }
    const batchList = [...batches].map(([batchId, settledAt]) => ({
      batchId,
      settlementTimeUTC: settledAt.toISOString(),
      settlementTimeLocal: localTime(settledAt),
      settlementState: 'settledSuccessfully',
      paymentMethod: 'creditCard',
      marketType: 'eCommerce',
      product: 'Card Not Present',
    }));
    return withRefId(refId, { batchList, messages: OK } as AnetBaseResponse);
  }

  /** https://developer.authorize.net/api/reference/#transaction-reporting-get-transaction-list: one settled batch's transactions. */
  private transactionList(merchant: string, refId: string | undefined, call: Json): AnetBaseResponse {
    const batchId = text(call['batchId']);
    if (batchId === undefined || !/^\d+$/.test(batchId)) {
      return errorResponse(refId, {
        code: 'E00003',
        text: `The 'AnetApi/xml/v1/schema/AnetApiSchema.xsd:batchId' element is invalid - The value '${batchId ?? ''}' is invalid according to its datatype 'AnetApi/xml/v1/schema/AnetApiSchema.xsd:numericString' - The Pattern constraint failed.`,
      });
    }
    const inBatch = [...this.transactions.values()].filter(
      (t) => t.merchant === merchant && t.batch?.batchId === batchId,
    );
    return this.summaryPage(refId, call, inBatch);
  }

  /** Sorted (by `sorting`, submit time ascending by default) and paged (`limit` ≤ 1000, `offset` is the page number, from 1). */
  private summaryPage(refId: string | undefined, call: Json, found: Transaction[]): AnetBaseResponse {
    const sorting = asObject(call['sorting']);
    const byId = text(sorting?.['orderBy']) === 'id';
    const descending = sorting?.['orderDescending'] === true || text(sorting?.['orderDescending']) === 'true';
    const sorted = [...found].sort((a, b) =>
      byId ? Number(a.transId) - Number(b.transId) : a.submittedAt.getTime() - b.submittedAt.getTime(),
    );
    if (descending) sorted.reverse();
    const paging = asObject(call['paging']);
    const limit = paging ? Number(text(paging['limit'])) : sorted.length || 1;
    const offset = paging ? Number(text(paging['offset'])) : 1;
    if (
      !Number.isInteger(limit) ||
      limit < 1 ||
      limit > 1000 ||
      !Number.isInteger(offset) ||
      offset < 1 ||
      offset > 100_000
    ) {
      return errorResponse(refId, {
        code: 'E00003',
        text: "The 'AnetApi/xml/v1/schema/AnetApiSchema.xsd:paging' element is invalid: limit must be 1 to 1000 and offset 1 to 100000.",
      });
    }
    const page = sorted.slice((offset - 1) * limit, offset * limit).map(toSummary);
    return withRefId(refId, {
      ...(page.length > 0 ? { transactions: page } : {}),
      totalNumInResultSet: sorted.length,
      messages: OK,
    } as AnetBaseResponse);
  }

  // ---- securePaymentContainerRequest -----------------------------------------------------

  /**
   * The tokenization call behind Accept.js (https://developer.authorize.net/api/reference/#accept-suite-create-an-accept-payment-transaction):
   * card data in, a one-time `opaqueData` nonce out. Card-data errors use Accept.js's own codes
   * (E_WC_05 card number, E_WC_08 expiry), which is what the browser would have shown.
   */
  private securePaymentContainer(
    merchant: string,
    refId: string | undefined,
    call: Json,
  ): AnetBaseResponse & { opaqueData?: AnetOpaqueData } {
    const data = asObject(call['data']);
    const token = data ? asObject(data['token']) : undefined;
    const number = (text(token?.['cardNumber']) ?? '').replace(/\s/g, '');
    if (!passesLuhn(number)) {
      return errorResponse(refId, { code: 'E_WC_05', text: 'Please provide valid credit card number.' });
    }
    const expiry = parseExpiry(text(token?.['expirationDate']) ?? '');
    if (!expiry || isExpired(expiry, this.now())) {
      return errorResponse(refId, { code: 'E_WC_08', text: 'Please provide valid expiration date.' });
    }
    const dataValue = Buffer.from(randomAlphanumeric(96)).toString('base64');
    this.tokens.set(dataValue, {
      merchant,
      card: cardOf(number),
      zip: text(token?.['zip']),
      cardCode: text(token?.['cardCode']),
      expiresAt: this.now().getTime() + TOKEN_LIFETIME_MS,
    });
    return withRefId(refId, { opaqueData: { dataDescriptor: ACCEPT_DESCRIPTOR, dataValue }, messages: OK });
  }

  // ---- helpers ---------------------------------------------------------------------------

  private newTransId(): string {
    return String(this.nextTransId++);
  }

  /** responseCode 3 with the reason in transactionResponse.errors and E00027 overall. */
  private failed(
    refId: string | undefined,
    reason: Reason,
    card: Card | undefined,
    refTransId = '',
  ): AnetCreateTransactionResponse {
    const response: AnetTransactionResponse = {
      responseCode: '3',
      authCode: '',
      avsResultCode: 'P',
      cvvResultCode: '',
      cavvResultCode: '',
      transId: '0',
      refTransID: refTransId,
      transHash: '',
      testRequest: '0',
      accountNumber: card ? `XXXX${card.last4}` : '',
      accountType: card ? ACCOUNT_TYPE[card.brand] : '',
      errors: [{ errorCode: String(reason.code), errorText: reason.text }],
      transHashSha2: '',
      SupplementalDataQualificationIndicator: 0,
    };
    return withRefId(refId, { transactionResponse: response, messages: E00027 });
  }

  private transactionResponse(
    txn: Transaction,
    responseCode: ResponseCode,
    refTransId: string,
  ): AnetTransactionResponse {
    const amount = (txn.amountCents / 100).toFixed(2);
    return {
      responseCode,
      authCode: txn.authCode,
      avsResultCode: txn.avs,
      cvvResultCode: txn.cvv,
      cavvResultCode: '',
      transId: txn.transId,
      refTransID: refTransId,
      // transHash (MD5) is retired; the gateway sends it empty (https://developer.authorize.net/support/hash_upgrade/).
      transHash: '',
      testRequest: '0',
      accountNumber: `XXXX${txn.card.last4}`,
      accountType: ACCOUNT_TYPE[txn.card.brand],
      transHashSha2: this.signatureKey
        ? anetTransHashSha2(this.signatureKey, txn.merchant, txn.transId, amount)
        : '',
      SupplementalDataQualificationIndicator: 0,
    };
  }

  /**
   * The gateway refuses a second transaction with the same card, amount, invoice number and
   * billing details inside the duplicate window (reason 11).
   */
  private findDuplicate(
    merchant: string,
    card: Card,
    amountCents: number,
    invoiceNumber: string | undefined,
    billTo: Record<string, string> | undefined,
    windowSeconds: number,
  ): Transaction | undefined {
    if (windowSeconds <= 0) return undefined;
    const since = this.now().getTime() - windowSeconds * 1000;
    for (const txn of this.transactions.values()) {
      if (
        txn.merchant === merchant &&
        txn.type === 'authCaptureTransaction' &&
        txn.submittedAt.getTime() >= since &&
        txn.card.fingerprint === card.fingerprint &&
        txn.amountCents === amountCents &&
        txn.invoiceNumber === invoiceNumber &&
        txn.billTo?.['firstName'] === billTo?.['firstName'] &&
        txn.billTo?.['lastName'] === billTo?.['lastName'] &&
        txn.billTo?.['zip'] === billTo?.['zip']
      ) {
        return txn;
      }
    }
    return undefined;
  }
}

function toView(txn: Transaction): AnetTransactionView {
  return {
    transId: txn.transId,
    responseCode: txn.responseCode,
    authCode: txn.authCode,
    avsResponse: txn.avs,
    amountCents: txn.amountCents,
  };
}

/** transactionSummaryType, in schema order. */
function toSummary(txn: Transaction): AnetTransactionSummary {
  const summary: AnetTransactionSummary = {
    transId: txn.transId,
    submitTimeUTC: txn.submittedAt.toISOString(),
    submitTimeLocal: localTime(txn.submittedAt),
    transactionStatus: txn.status,
  };
  if (txn.invoiceNumber) summary.invoiceNumber = txn.invoiceNumber;
  if (txn.billTo?.['firstName']) summary.firstName = txn.billTo['firstName'];
  if (txn.billTo?.['lastName']) summary.lastName = txn.billTo['lastName'];
  summary.accountType = ACCOUNT_TYPE[txn.card.brand];
  summary.accountNumber = `XXXX${txn.card.last4}`;
  summary.settleAmount = txn.status === 'voided' || txn.status === 'declined' ? 0 : txn.amountCents / 100;
  summary.marketType = 'eCommerce';
  summary.product = 'Card Not Present';
  return summary;
}

function cardOf(number: string): Card {
  return {
    last4: lastFour(number),
    brand: brandOf(number),
    fingerprint: createHash('sha256').update(number).digest('hex'),
  };
}

function withRefId<T extends AnetBaseResponse>(refId: string | undefined, response: T): T {
  const ordered = orderTransactionResponse(response);
  // refId comes back between the payload and messages, as in the reference's samples.
  if (refId === undefined) return ordered;
  const { messages, ...rest } = ordered;
  return { ...rest, refId, messages } as T;
}

/** Schema order of transactionResponse's elements, which the JSON answer keeps. */
const TRANSACTION_RESPONSE_ORDER: readonly (keyof AnetTransactionResponse)[] = [
  'responseCode',
  'authCode',
  'avsResultCode',
  'cvvResultCode',
  'cavvResultCode',
  'transId',
  'refTransID',
  'transHash',
  'testRequest',
  'accountNumber',
  'accountType',
  'messages',
  'errors',
  'transHashSha2',
  'SupplementalDataQualificationIndicator',
  'networkTransId',
];

function orderTransactionResponse<T extends AnetBaseResponse>(response: T): T {
  const txn = (response as AnetCreateTransactionResponse).transactionResponse;
  if (!txn) return response;
  const ordered: Record<string, unknown> = {};
  for (const key of TRANSACTION_RESPONSE_ORDER) if (txn[key] !== undefined) ordered[key] = txn[key];
  return { ...response, transactionResponse: ordered };
}

function errorResponse(refId: string | undefined, message: AnetMessage): AnetBaseResponse {
  return withRefId(refId, { messages: { resultCode: 'Error', message: [message] } });
}

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  const object = asObject(value);
  if (!object) return undefined;
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(object)) {
    const t = text(v);
    if (t !== undefined) out[key] = t;
  }
  return out;
}

/** Amounts are decimals in dollars (`"5"`, `5.5`, `"12.34"`); anything else is reason 5. */
function parseAmount(value: unknown): number | undefined {
  const raw = text(value)?.trim();
  if (raw === undefined || !/^\d+(\.\d{1,2})?$/.test(raw)) return undefined;
  const cents = Math.round(Number(raw) * 100);
  return cents > 0 ? cents : undefined;
}

function duplicateWindowSeconds(request: Json): number {
  const settings = asObject(request['transactionSettings']);
  const list = settings?.['setting'];
  const entries = Array.isArray(list) ? list : list === undefined ? [] : [list];
  for (const entry of entries) {
    const setting = asObject(entry);
    if (setting && text(setting['settingName']) === 'duplicateWindow') {
      const seconds = Number(text(setting['settingValue']));
      if (Number.isFinite(seconds)) return seconds;
    }
  }
  return DEFAULT_DUPLICATE_WINDOW_S;
}

/** The gateway reports local times in Mountain Time (the sandbox uses UTC−7), without a zone. */
function localTime(date: Date): string {
  return new Date(date.getTime() - 7 * 3600 * 1000).toISOString().replace('Z', '');
}
