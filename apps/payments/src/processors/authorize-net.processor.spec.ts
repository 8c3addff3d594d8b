import { createHmac, randomBytes } from 'node:crypto';
import type { AnetAnswer } from './authorize-net.client';
import {
  ACCEPT_JS_URLS,
  AUTHORIZE_NET_ENDPOINTS,
  AuthorizeNetProcessor,
  anetEventOf,
  chargeResultOfAnet,
  credentialMessage,
  refundResultOfAnet,
  refundableOriginal,
  safeText,
  transactionOfAnet,
  verifyAnetSignature,
} from './authorize-net.processor';

const ok = { resultCode: 'Ok', message: [{ code: 'I00001', text: 'Successful.' }] } as const;
const failed = {
  resultCode: 'Error',
  message: [{ code: 'E00027', text: 'The transaction was unsuccessful.' }],
} as const;
const refusal = (code: string, text: string): AnetAnswer => ({
  messages: { resultCode: 'Error', message: [{ code, text }] },
});

describe('Authorize.net charge mapping', () => {
  it("approves responseCode 1 with the transaction id and the card's last four only", () => {
    const answer: AnetAnswer = {
      messages: ok,
      transactionResponse: {
        responseCode: '1',
        transId: '40000000001',
        authCode: 'ABC123',
        accountNumber: 'XXXX1111',
        accountType: 'Visa',
      },
    };
    expect(chargeResultOfAnet(answer, 2550)).toEqual({
      outcome: 'approved',
      transactionId: '40000000001',
      amount: 2550,
      raw: { authCode: 'ABC123', accountType: 'Visa', last4: '1111' },
    });
  });

  it("declines responseCode 2 with Authorize.net's reason (the ZIP 46282 decline)", () => {
    const answer: AnetAnswer = {
      messages: ok,
      transactionResponse: {
        responseCode: '2',
        transId: '40000000002',
        errors: [{ errorCode: '2', errorText: 'This transaction has been declined.' }],
      },
    };
    expect(chargeResultOfAnet(answer, 100)).toEqual({
      outcome: 'declined',
      by: 'issuer',
      reason: 'This transaction has been declined.',
      code: '2',
      transactionId: '40000000002',
    });
  });

  it('shows card problems to the client and hides request problems behind a general reason', () => {
    const error = (errorCode: string, errorText: string): AnetAnswer => ({
      messages: failed,
      transactionResponse: { responseCode: '3', transId: '0', errors: [{ errorCode, errorText }] },
    });
    expect(chargeResultOfAnet(error('8', 'The credit card has expired.'), 100)).toEqual({
      outcome: 'declined',
      by: 'issuer',
      reason: 'The credit card has expired.',
      code: '8',
    });
    const request = chargeResultOfAnet(error('5', 'A valid amount is required.'), 100);
    expect(request).toMatchObject({
      outcome: 'declined',
      by: 'processor',
      code: '5',
      detail: 'A valid amount is required.',
    });
    expect(request.outcome === 'declined' && request.reason).not.toContain('amount');
  });

  it('keeps a duplicate and a held-for-review charge unknown, with the transaction when named', () => {
    expect(
      chargeResultOfAnet(
        {
          messages: failed,
          transactionResponse: {
            responseCode: '3',
            transId: '0',
            errors: [{ errorCode: '11', errorText: 'A duplicate transaction has been submitted.' }],
          },
        },
        100,
      ),
    ).toEqual({ outcome: 'unknown', error: 'duplicate of an earlier submission' });
    expect(
      chargeResultOfAnet(
        { messages: ok, transactionResponse: { responseCode: '4', transId: '40000000003' } },
        100,
      ),
    ).toEqual({
      outcome: 'unknown',
      error: 'held for review',
      transactionId: '40000000003',
    });
  });

  it('maps a spent token, refused credentials and an internal error', () => {
    expect(chargeResultOfAnet(refusal('E00114', 'Invalid OTS Token.'), 100)).toMatchObject({
      outcome: 'declined',
      by: 'processor',
      code: 'E00114',
      reason: 'The card details have expired or were already used. Please enter them again.',
    });
    expect(
      chargeResultOfAnet(
        refusal('E00007', 'User authentication failed due to invalid authentication values.'),
        100,
      ),
    ).toMatchObject({
      outcome: 'declined',
      by: 'processor',
      code: 'E00007',
    });
    expect(
      chargeResultOfAnet(refusal('E00001', 'An error occurred during processing. Please try again.'), 100),
    ).toMatchObject({
      outcome: 'unknown',
    });
  });
});

describe('Authorize.net error texts', () => {
  it('never carry the value a schema error quotes', () => {
    const text =
      "The 'AnetApi/xml/v1/schema/AnetApiSchema.xsd:transactionKey' element is invalid - The value 'SECRETKEY12345678' is invalid according to its datatype 'String' - The actual length is greater than the MaxLength value.";
    expect(safeText(text)).not.toContain('SECRETKEY12345678');
    const result = chargeResultOfAnet(refusal('E00003', text), 100);
    expect(JSON.stringify(result)).not.toContain('SECRETKEY12345678');
    expect(result).toMatchObject({ outcome: 'declined', by: 'processor', code: 'E00003' });
  });
});

describe('Authorize.net refunds', () => {
  const details = (transactionStatus: string): AnetAnswer => ({
    messages: ok,
    transaction: {
      transId: '1',
      transactionStatus,
      authAmount: 80,
      settleAmount: 80,
      payment: { creditCard: { cardNumber: 'XXXX0027' } },
    },
  });

  it('refunds only a settled original, to its last four digits', () => {
    expect(refundableOriginal(details('settledSuccessfully'))).toEqual({ lastFour: '0027' });
    expect(refundableOriginal(details('capturedPendingSettlement'))).toMatchObject({
      outcome: 'rejected',
      code: 'void_instead',
    });
    expect(refundableOriginal(details('voided'))).toMatchObject({
      outcome: 'rejected',
      code: 'already_voided',
    });
    expect(refundableOriginal(refusal('E00040', 'The record cannot be found.'))).toMatchObject({
      code: 'not_found',
    });
  });

  it('names a refund over what remains (reason 55)', () => {
    const answer: AnetAnswer = {
      messages: failed,
      transactionResponse: {
        responseCode: '3',
        transId: '0',
        errors: [
          {
            errorCode: '55',
            errorText:
              'The sum of credits against the referenced transaction would exceed original debit amount.',
          },
        ],
      },
    };
    expect(refundResultOfAnet(answer, 5001)).toMatchObject({
      outcome: 'rejected',
      code: 'exceeds_remaining',
      processorCode: '55',
    });
  });
});

describe('Authorize.net transaction status', () => {
  it.each([
    ['capturedPendingSettlement', 'approved', false, 30],
    ['settledSuccessfully', 'approved', true, 30],
    ['voided', 'voided', false, 30],
    ['declined', 'declined', false, 30],
    ['FDSPendingReview', 'pending', false, 30],
  ])('%s → %s (settled: %s)', (transactionStatus, status, settled, dollars) => {
    expect(
      transactionOfAnet({
        transId: '7',
        transactionStatus,
        authAmount: dollars,
        settleAmount: transactionStatus === 'voided' ? 0 : dollars,
      }),
    ).toMatchObject({ transactionId: '7', status, settled, amount: dollars * 100 });
  });
});

describe('Authorize.net connection messages', () => {
  it('names the API Login ID and Transaction Key, and the environment they must belong to', () => {
    const refused = refusal('E00007', 'User authentication failed due to invalid authentication values.');
    expect(credentialMessage(refused, false)).toMatch(/API Login ID and Transaction Key.*production account/);
    expect(credentialMessage(refused, true)).toMatch(/sandbox account/);
  });
});

describe('X-ANET-Signature', () => {
  const key = randomBytes(64).toString('hex').toUpperCase();
  const body = JSON.stringify({
    notificationId: 'd0e8e7fe-c3e7-4add-a480-27bc5ce28a3e',
    eventType: 'net.authorize.payment.authcapture.created',
    eventDate: '2026-11-20T10:00:00.1234567Z',
    webhookId: 'w1',
    payload: { responseCode: 1, authAmount: 45, entityName: 'transaction', id: '40000000001' },
  });
  const sign = (text: string) =>
    `sha512=${createHmac('sha512', key).update(text).digest('hex').toUpperCase()}`;
  const now = Date.parse('2026-11-20T10:05:00Z');

  it('accepts the HMAC-SHA512 of the raw body, in either hex case', () => {
    expect(() => verifyAnetSignature(body, sign(body), key)).not.toThrow();
    expect(() =>
      verifyAnetSignature(Buffer.from(body), sign(body).toLowerCase().replace('SHA512', 'sha512'), key),
    ).not.toThrow();
  });

  it('refuses a tampered body, another key, and a missing or malformed header', () => {
    expect(() => verifyAnetSignature(body.replace('45', '46'), sign(body), key)).toThrow(
      expect.objectContaining({ reason: 'bad_signature' }),
    );
    const otherKey = randomBytes(64).toString('hex');
    expect(() => verifyAnetSignature(body, sign(body), otherKey)).toThrow(
      expect.objectContaining({ reason: 'bad_signature' }),
    );
    expect(() => verifyAnetSignature(body, undefined, key)).toThrow(
      expect.objectContaining({ reason: 'missing_signature' }),
    );
    expect(() => verifyAnetSignature(body, 'sha256=abc', key)).toThrow(
      expect.objectContaining({ reason: 'malformed' }),
    );
  });

  it('reads the notification, and refuses one whose signed eventDate is too old', () => {
    expect(anetEventOf(body, now, 60 * 60 * 1000)).toEqual({
      id: 'd0e8e7fe-c3e7-4add-a480-27bc5ce28a3e',
      type: 'net.authorize.payment.authcapture.created',
      transactionId: '40000000001',
    });
    expect(() => anetEventOf(body, now, 60 * 1000)).toThrow(expect.objectContaining({ reason: 'stale' }));
    expect(() => anetEventOf('not json', now, 1000)).toThrow(
      expect.objectContaining({ reason: 'malformed' }),
    );
  });

  it('checks through the processor with its Signature Key, and refuses all without one', () => {
    const credentials = {
      apiLoginId: 'login',
      transactionKey: 'Sandbox123456789',
      publicClientKey: 'PublicClientKey0123456789',
    };
    const processor = new AuthorizeNetProcessor({ ...credentials, signatureKey: key, now: () => now });
    expect(processor.verifyWebhook({ 'X-ANET-Signature': sign(body) }, body)).toMatchObject({
      transactionId: '40000000001',
    });
    expect(() =>
      new AuthorizeNetProcessor(credentials).verifyWebhook({ 'X-ANET-Signature': sign(body) }, body),
    ).toThrow(expect.objectContaining({ reason: 'not_configured' }));
  });
});

describe('Authorize.net clientConfig', () => {
  const credentials = {
    apiLoginId: 'login',
    transactionKey: 'Sandbox123456789',
    publicClientKey: 'PublicClientKey0123456789',
  };

  it('loads Accept.js from the environment the account lives in, with the public values only', () => {
    expect(new AuthorizeNetProcessor(credentials).clientConfig()).toEqual({
      processor: 'authorize_net',
      apiLoginId: 'login',
      publicClientKey: 'PublicClientKey0123456789',
      scriptUrl: ACCEPT_JS_URLS.production,
    });
    expect(
      new AuthorizeNetProcessor({ ...credentials, endpoint: AUTHORIZE_NET_ENDPOINTS.sandbox }).clientConfig(),
    ).toMatchObject({
      scriptUrl: ACCEPT_JS_URLS.sandbox,
    });
    expect(JSON.stringify(new AuthorizeNetProcessor(credentials).clientConfig())).not.toContain(
      'Sandbox123456789',
    );
  });
});
