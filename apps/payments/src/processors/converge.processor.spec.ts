import type { ConvergeAnswer } from './converge.client';
import {
  ConvergeProcessor,
  chargeResultOfConverge,
  connectionResultOf,
  declineReasonOf,
  explainRefusal,
  refundResultOfConverge,
  transactionOfConverge,
  voidResultOfConverge,
} from './converge.processor';
import { WebhookRejectedError } from './payment-processor';

const txn = (fields: Record<string, string>): ConvergeAnswer => ({ kind: 'txn', fields });
const error = (code: string, name: string, message: string): ConvergeAnswer => ({
  kind: 'error',
  code,
  name,
  message,
});

describe('Converge charge mapping', () => {
  it('approves ssl_result 0 with the transaction id, the amount charged and no card number', () => {
    const result = chargeResultOfConverge(
      txn({
        ssl_result: '0',
        ssl_txn_id: '201126ABC-5E7B0D2A',
        ssl_amount: '42.00',
        ssl_approval_code: '000123',
        ssl_card_number: '40**********0002',
        ssl_card_short_description: 'VISA',
      }),
    );
    expect(result).toEqual({
      outcome: 'approved',
      transactionId: '201126ABC-5E7B0D2A',
      amount: 4200,
      raw: { approvalCode: '000123', cardType: 'VISA', last4: '0002' },
    });
  });

  it.each([
    ['DECLINED', '05', 'Your card was declined.'],
    ['PICK UP CARD', '04', 'Your card was declined.'],
    ['CALL AUTH. CENTER', '01', 'Your card was declined. Please call your card issuer.'],
    ['EXPIRED CARD', '54', 'Your card has expired.'],
    ['AMOUNT ERROR', '13', 'Your card issuer refused this amount.'],
    ['INVALID CARD', '14', 'Your card number is invalid.'],
    ['SOMETHING NEW', '99', 'Your card was declined.'],
  ])('declines %s (%s) in words fit for the client', (message, issuer, reason) => {
    expect(
      chargeResultOfConverge(
        txn({ ssl_result: '1', ssl_txn_id: 'T1', ssl_result_message: message, ssl_issuer_response: issuer }),
      ),
    ).toEqual({
      outcome: 'declined',
      by: 'issuer',
      reason,
      code: issuer,
      detail: message,
      transactionId: 'T1',
    });
    expect(declineReasonOf(message)).toBe(reason);
  });

  it('declines on the processor side for credentials and a bad token', () => {
    expect(
      chargeResultOfConverge(error('4025', 'Invalid Credentials', 'The credentials supplied are invalid.')),
    ).toMatchObject({
      outcome: 'declined',
      by: 'processor',
      code: '4025',
    });
    expect(
      chargeResultOfConverge(error('5087', 'Invalid Token', 'The token supplied appears to be invalid.')),
    ).toMatchObject({
      by: 'processor',
      reason: 'The card details could not be used. Please enter them again.',
    });
  });
});

describe('Converge refunds and voids', () => {
  it('names a return over what remains (5091)', () => {
    expect(
      refundResultOfConverge(
        error(
          '5091',
          'Invalid amount',
          'The amount exceeded the original transaction amount. Amount must be equal or lower than the original transaction amount.',
        ),
      ),
    ).toMatchObject({ outcome: 'rejected', code: 'exceeds_remaining', processorCode: '5091' });
  });

  it('decides on the code, not the text: a merchant may reword 5091 and 4019', () => {
    expect(
      refundResultOfConverge(error('5091', 'Montant', 'Veuillez vérifier le montant du remboursement.')),
    ).toMatchObject({ outcome: 'rejected', code: 'exceeds_remaining', processorCode: '5091' });
    expect(refundResultOfConverge(error('4019', 'Missing user', 'Please log in.'))).toMatchObject({
      code: 'credentials_refused',
      processorCode: '4019',
    });
    // A void sends no amount: a 5091 there is not about what remains.
    expect(
      voidResultOfConverge(error('5091', 'Invalid amount', 'The amount exceeded the original.'), 'x'),
    ).toMatchObject({ code: 'invalid_request', processorCode: '5091' });
  });

  it("explains a 5040 from the transaction's state", () => {
    const refusal = {
      outcome: 'rejected',
      code: 'not_found',
      processorCode: '5040',
      reason: 'Invalid Transaction ID',
    } as const;
    const list = (fields: Record<string, string>): ConvergeAnswer => ({
      kind: 'txnlist',
      transactions: [fields],
    });
    expect(
      explainRefusal(list({ ssl_transaction_type: 'SALE', ssl_trans_status: 'OPN' }), refusal, 'refund').code,
    ).toBe('void_instead');
    expect(
      explainRefusal(list({ ssl_transaction_type: 'SALE', ssl_trans_status: 'STL' }), refusal, 'void').code,
    ).toBe('refund_instead');
    expect(
      explainRefusal(list({ ssl_transaction_type: 'VOID', ssl_trans_status: 'OPN' }), refusal, 'void').code,
    ).toBe('already_voided');
    expect(explainRefusal({ kind: 'txnlist', transactions: [] }, refusal, 'void').code).toBe('not_found');
  });

  it('reads a txnquery row as a transaction', () => {
    expect(
      transactionOfConverge({
        ssl_txn_id: 'T1',
        ssl_transaction_type: 'SALE',
        ssl_trans_status: 'STL',
        ssl_result_message: 'APPROVAL',
        ssl_amount: '30.00',
      }),
    ).toMatchObject({ transactionId: 'T1', status: 'approved', settled: true, amount: 3000 });
    expect(
      transactionOfConverge({ ssl_txn_id: 'T2', ssl_transaction_type: 'VOID', ssl_amount: '1.00' }),
    ).toMatchObject({
      status: 'voided',
      settled: false,
    });
    expect(
      transactionOfConverge({
        ssl_txn_id: 'T3',
        ssl_transaction_type: 'SALE',
        ssl_result_message: 'DECLINED',
      }).status,
    ).toBe('declined');
  });
});

describe('Converge connection messages', () => {
  it('names the three credentials on 4025 and accepts an answer past authentication', () => {
    expect(connectionResultOf(error('4025', 'Invalid Credentials', '…'))).toEqual({
      ok: false,
      message: expect.stringMatching(/Merchant ID, User ID and PIN/),
    });
    expect(connectionResultOf(error('4013', 'PIN Not Supplied', '…')).message).toMatch(/PIN is missing/);
    expect(connectionResultOf(error('4019', 'User ID not supplied', '…')).message).toMatch(
      /User ID is missing/,
    );
    expect(connectionResultOf({ kind: 'txnlist', transactions: [] }).ok).toBe(true);
    expect(connectionResultOf(error('5040', 'Invalid Transaction ID', '…')).ok).toBe(true);
  });
});

describe('Converge without webhooks', () => {
  const processor = new ConvergeProcessor({ merchantId: '123456', userId: 'apiuser', pin: 'PIN123' });

  it('says plainly that it has none', () => {
    expect(() => processor.verifyWebhook()).toThrow(WebhookRejectedError);
    expect(() => processor.verifyWebhook()).toThrow(
      expect.objectContaining({ reason: 'not_supported', code: 'not_found' }),
    );
  });

  it("loads Checkout.js from the account's environment and asks for a session per payment", () => {
    expect(processor.clientConfig()).toEqual({
      processor: 'elavon',
      scriptUrl: 'https://api.convergepay.com/hosted-payments/Checkout.js',
      sessionRequired: true,
    });
  });
});
