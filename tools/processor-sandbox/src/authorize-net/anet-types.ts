/**
 * Shapes of the Authorize.net JSON API (https://developer.authorize.net/api/reference/), as far as
 * the sandbox answers them. The JSON API mirrors the XML schema (AnetApiSchema.xsd) element for
 * element; the official Node SDK (`authorizenet`) ships no TypeScript types, so these are written
 * from the reference and from the SDK's contract classes (lib/apicontracts.js).
 */

export interface AnetMessage {
  readonly code: string;
  readonly text: string;
}

export interface AnetMessages {
  readonly resultCode: 'Ok' | 'Error';
  readonly message: readonly AnetMessage[];
}

/** Every response carries `messages`, and `refId` when the request had one. */
export interface AnetBaseResponse {
  refId?: string;
  messages: AnetMessages;
}

export interface AnetTransactionResponse {
  responseCode: '1' | '2' | '3' | '4';
  authCode: string;
  avsResultCode: string;
  cvvResultCode: string;
  cavvResultCode: string;
  transId: string;
  refTransID: string;
  transHash: string;
  testRequest: '0' | '1';
  accountNumber: string;
  accountType: string;
  messages?: { code: string; description: string }[];
  errors?: { errorCode: string; errorText: string }[];
  transHashSha2: string;
  SupplementalDataQualificationIndicator: number;
  networkTransId?: string;
}

export interface AnetCreateTransactionResponse {
  transactionResponse?: AnetTransactionResponse;
  refId?: string;
  messages: AnetMessages;
}

export interface AnetTransactionDetails {
  transId: string;
  refTransId?: string;
  submitTimeUTC: string;
  submitTimeLocal: string;
  transactionType: string;
  transactionStatus: AnetTransactionStatus;
  responseCode: number;
  responseReasonCode: number;
  responseReasonDescription: string;
  authCode?: string;
  AVSResponse: string;
  cardCodeResponse?: string;
  batch?: {
    batchId: string;
    settlementTimeUTC: string;
    settlementTimeLocal: string;
    settlementState: 'settledSuccessfully';
  };
  order?: { invoiceNumber?: string; description?: string };
  authAmount: number;
  settleAmount: number;
  taxExempt: boolean;
  payment: { creditCard: { cardNumber: string; expirationDate: 'XXXX'; cardType: string } };
  billTo?: Record<string, string>;
  recurringBilling: boolean;
  product: 'Card Not Present';
  marketType: 'eCommerce';
  networkTransId?: string;
}

/**
 * transactionSummaryType (AnetApiSchema.xsd), an element of the reporting lists' `transactions`;
 * the JSON API writes the schema's `ArrayOf…` wrappers as plain arrays.
 */
export interface AnetTransactionSummary {
  transId: string;
  submitTimeUTC: string;
  submitTimeLocal: string;
  transactionStatus: AnetTransactionStatus;
  invoiceNumber?: string;
  firstName?: string;
  lastName?: string;
  accountType?: string;
  accountNumber?: string;
  settleAmount?: number;
  marketType?: 'eCommerce';
  product?: 'Card Not Present';
}

/** `transactionStatus` values of the Transaction Reporting API. */
export type AnetTransactionStatus =
  | 'capturedPendingSettlement'
  | 'settledSuccessfully'
  | 'refundPendingSettlement'
  | 'refundSettledSuccessfully'
  | 'voided'
  | 'declined';

export interface AnetOpaqueData {
  dataDescriptor: string;
  dataValue: string;
}

/** The body of a webhook notification (https://developer.authorize.net/api/reference/features/webhooks.html). */
export interface AnetWebhookNotification {
  notificationId: string;
  eventType: AnetWebhookEventType;
  eventDate: string;
  webhookId: string;
  payload: {
    responseCode: number;
    authCode: string;
    avsResponse: string;
    authAmount: number;
    entityName: 'transaction';
    id: string;
  };
}

export type AnetWebhookEventType =
  | 'net.authorize.payment.authcapture.created'
  | 'net.authorize.payment.refund.created'
  | 'net.authorize.payment.void.created';

/** Any answer of the JSON API, as the fields a client may read from it. */
export interface AnetAnswer {
  refId?: string;
  messages: AnetMessages;
  transactionResponse?: AnetTransactionResponse;
  transaction?: AnetTransactionDetails;
  opaqueData?: AnetOpaqueData;
}
