/**
 * Converge answers a request it cannot process with `<txn><errorCode/><errorName/><errorMessage/></txn>`
 * (Converge error codes, https://developer.elavon.com/na/docs/converge/1.0.0/integration-guide/error_codes).
 * The codes and texts below are those the reference and Elavon's own sample responses use
 * (e.g. 4019 User ID not supplied, 4025 Invalid Credentials, 5000 Credit Card Number Invalid,
 * 5040 Invalid Transaction ID, 5091 Invalid amount). The texts are Converge's defaults: a
 * merchant may customise them, so a client decides on `errorCode`, never on the text.
 */
export interface ConvergeError {
  readonly errorCode: string;
  readonly errorName: string;
  readonly errorMessage: string;
}

export const CONVERGE_ERRORS = {
  vidNotSupplied: {
    errorCode: '4000',
    errorName: 'VID Not Supplied',
    errorMessage: 'The Converge ID was not supplied in the authorization request.',
  },
  pinNotSupplied: {
    errorCode: '4013',
    errorName: 'PIN Not Supplied',
    errorMessage: 'The PIN was not supplied in the authorization request.',
  },
  userIdNotSupplied: {
    errorCode: '4019',
    errorName: 'User ID not supplied',
    errorMessage: 'The User ID was not supplied in the authorization request.',
  },
  requiredFieldNotSupplied: {
    errorCode: '4009',
    errorName: 'Required Field Not Supplied',
    errorMessage: 'One or more required fields were not included.',
  },
  invalidCredentials: {
    errorCode: '4025',
    errorName: 'Invalid Credentials',
    errorMessage: 'The credentials supplied in the authorization request are invalid.',
  },
  invalidCardNumber: {
    errorCode: '5000',
    errorName: 'Credit Card Number Invalid',
    errorMessage: 'The Credit Card Number supplied in the authorization request appears to be invalid.',
  },
  invalidExpiry: {
    errorCode: '5001',
    errorName: 'Exp Date Invalid',
    errorMessage:
      'The Credit Card Expiration Date supplied in the authorization request appears to be invalid.',
  },
  invalidTransactionId: {
    errorCode: '5040',
    errorName: 'Invalid Transaction ID',
    errorMessage: 'The transaction ID is invalid for this transaction type',
  },
  amountExceeded: {
    errorCode: '5091',
    errorName: 'Invalid amount',
    errorMessage:
      'The amount exceeded the original transaction amount. Amount must be equal or lower than the original transaction amount.',
  },
  invalidAmount: {
    errorCode: '5091',
    errorName: 'Invalid amount',
    errorMessage: 'The amount supplied in the authorization request appears to be invalid.',
  },
  invalidToken: {
    errorCode: '5087',
    errorName: 'Invalid Token',
    errorMessage: 'The token supplied in the authorization request appears to be invalid.',
  },
  invalidTransactionType: {
    errorCode: '4010',
    errorName: 'Invalid Transaction Type',
    errorMessage: 'The authorization request included an invalid Transaction Type',
  },
  invalidRequestFormat: {
    errorCode: '6042',
    errorName: 'Invalid Request Format',
    errorMessage: 'XML request is not well-formed or request is incomplete.',
  },
} as const satisfies Record<string, ConvergeError>;
