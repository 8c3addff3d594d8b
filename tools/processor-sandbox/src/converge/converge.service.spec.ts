import { ConvergeFake, type ConvergeAnswer } from './converge.service';

const CREDENTIALS = { ssl_merchant_id: '123456', ssl_user_id: 'apiuser', ssl_pin: 'PIN1234567890' };

function fields(answer: ConvergeAnswer): Record<string, string> {
  if (answer.kind !== 'txn') throw new Error(`expected a txn, got ${JSON.stringify(answer)}`);
  return Object.fromEntries(answer.fields);
}

function errorCode(answer: ConvergeAnswer): string {
  if (answer.kind !== 'error') throw new Error(`expected an error, got ${JSON.stringify(answer)}`);
  return answer.error.errorCode;
}

function setup() {
  const fake = new ConvergeFake(() => new Date('2030-03-04T17:05:06Z'));
  const call = (txn: Record<string, string>) => fake.handle({ ...CREDENTIALS, ...txn });
  const token = fields(
    call({ ssl_transaction_type: 'ccgettoken', ssl_card_number: '4000000000000002', ssl_exp_date: '1235' }),
  )['ssl_token']!;
  const sale = (amount: string) =>
    fields(call({ ssl_transaction_type: 'ccsale', ssl_amount: amount, ssl_token: token }));
  return { fake, call, token, sale };
}

describe('ConvergeFake', () => {
  it('tokenizes a test card into a 16-digit token ending in its last four', () => {
    const { token, call } = setup();
    expect(token).toMatch(/^\d{12}0002$/);
    const answer = fields(
      call({ ssl_transaction_type: 'ccgettoken', ssl_card_number: '4000000000000002', ssl_exp_date: '1235' }),
    );
    expect(answer).toMatchObject({
      ssl_result: '0',
      ssl_token_response: 'SUCCESS',
      ssl_transaction_type: 'GETTOKEN',
      ssl_card_number: '40**********0002',
    });
  });

  it('approves a token sale with Converge fields and formats', () => {
    const { sale, token } = setup();
    const answer = sale('10.00');
    expect(answer).toMatchObject({
      ssl_result: '0',
      ssl_result_message: 'APPROVAL',
      ssl_transaction_type: 'SALE',
      ssl_amount: '10.00',
      ssl_issuer_response: '00',
      ssl_card_short_description: 'VISA',
      ssl_txn_time: '03/04/2030 05:05:06 PM',
      ssl_token: token,
    });
    expect(answer['ssl_txn_id']).toMatch(
      /^040330[0-9A-Z]{3}-[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/,
    );
    expect(answer['ssl_approval_code']).toMatch(/^[0-9A-Z]{6}$/);
  });

  it.each([
    ['10.05', 'DECLINED'],
    ['10.51', 'DECLINED'],
    ['10.04', 'PICK UP CARD'],
    ['10.54', 'EXPIRED CARD'],
  ])('declines a sale of %s with %s', (amount, message) => {
    const { sale } = setup();
    expect(sale(amount)).toMatchObject({
      ssl_result: '1',
      ssl_result_message: message,
      ssl_approval_code: '',
    });
  });

  it('voids before settlement, not after; returns after settlement, not before', () => {
    const { fake, call, sale } = setup();
    const first = sale('20.00')['ssl_txn_id']!;
    expect(errorCode(call({ ssl_transaction_type: 'ccreturn', ssl_txn_id: first }))).toBe('5040');
    expect(fields(call({ ssl_transaction_type: 'ccvoid', ssl_txn_id: first }))).toMatchObject({
      ssl_result: '0',
      ssl_transaction_type: 'VOID',
    });
    expect(errorCode(call({ ssl_transaction_type: 'ccvoid', ssl_txn_id: first }))).toBe('5040');

    const second = sale('30.00')['ssl_txn_id']!;
    expect(fake.settle().settled).toBe(2);
    expect(errorCode(call({ ssl_transaction_type: 'ccvoid', ssl_txn_id: second }))).toBe('5040');
    expect(
      fields(call({ ssl_transaction_type: 'ccreturn', ssl_txn_id: second, ssl_amount: '10.00' })),
    ).toMatchObject({
      ssl_result: '0',
      ssl_transaction_type: 'RETURN',
      ssl_amount: '10.00',
    });
    expect(
      errorCode(call({ ssl_transaction_type: 'ccreturn', ssl_txn_id: second, ssl_amount: '20.01' })),
    ).toBe('5091');
    expect(fields(call({ ssl_transaction_type: 'ccreturn', ssl_txn_id: second }))['ssl_amount']).toBe(
      '20.00',
    );
  });

  it('answers txnquery with a txnlist showing the batch status', () => {
    const { fake, call, sale } = setup();
    const id = sale('12.00')['ssl_txn_id']!;
    const before = call({ ssl_transaction_type: 'txnquery', ssl_txn_id: id });
    expect(before.kind === 'txnlist' && Object.fromEntries(before.transactions[0]!)).toMatchObject({
      ssl_trans_status: 'OPN',
      ssl_transaction_type: 'SALE',
      ssl_amount: '12.00',
    });
    fake.settle();
    const after = call({ ssl_transaction_type: 'txnquery', ssl_txn_id: id });
    expect(after.kind === 'txnlist' && Object.fromEntries(after.transactions[0]!)['ssl_trans_status']).toBe(
      'STL',
    );
    expect(call({ ssl_transaction_type: 'txnquery', ssl_txn_id: 'nope' })).toEqual({
      kind: 'txnlist',
      transactions: [],
    });
  });

  it('refuses bad cards, amounts, tokens and transaction types with Converge error codes', () => {
    const { call } = setup();
    expect(
      errorCode(
        call({
          ssl_transaction_type: 'ccgettoken',
          ssl_card_number: '4000000000000003',
          ssl_exp_date: '1235',
        }),
      ),
    ).toBe('5000');
    expect(
      errorCode(
        call({
          ssl_transaction_type: 'ccgettoken',
          ssl_card_number: '4000000000000002',
          ssl_exp_date: '1320',
        }),
      ),
    ).toBe('5001');
    expect(errorCode(call({ ssl_transaction_type: 'ccsale', ssl_amount: 'ten', ssl_token: 'x' }))).toBe(
      '5091',
    );
    expect(errorCode(call({ ssl_transaction_type: 'ccsale', ssl_token: 'x' }))).toBe('4009');
    expect(
      errorCode(call({ ssl_transaction_type: 'ccsale', ssl_amount: '1.00', ssl_token: '1234567890123456' })),
    ).toBe('5087');
    expect(errorCode(call({ ssl_transaction_type: 'ccfly' }))).toBe('4010');
  });

  it("words 4009 and 4010 as Elavon's error table does", () => {
    const { call } = setup();
    expect(call({ ssl_transaction_type: 'ccvoid' })).toEqual({
      kind: 'error',
      error: {
        errorCode: '4009',
        errorName: 'Required Field Not Supplied',
        errorMessage: 'One or more required fields were not included.',
      },
    });
    expect(call({ ssl_transaction_type: 'ccfly' })).toEqual({
      kind: 'error',
      error: {
        errorCode: '4010',
        errorName: 'Invalid Transaction Type',
        errorMessage: 'The authorization request included an invalid Transaction Type',
      },
    });
  });

  it('keeps each merchant id apart', () => {
    const { fake, sale } = setup();
    const id = sale('8.00')['ssl_txn_id']!;
    const other = fake.handle({
      ...CREDENTIALS,
      ssl_merchant_id: '654321',
      ssl_transaction_type: 'ccvoid',
      ssl_txn_id: id,
    });
    expect(errorCode(other)).toBe('5040');
  });
});

describe('ConvergeFake Hosted Payments session tokens', () => {
  const fake = new ConvergeFake(() => new Date('2030-03-04T17:05:06Z'));

  function refusal(txn: Record<string, string>): string {
    const answer = fake.createSessionToken(txn);
    if (answer.kind !== 'error') throw new Error(`expected a refusal, got ${JSON.stringify(answer)}`);
    return answer.error.errorCode;
  }

  it('issues a token bound to the merchant, the transaction type and the amount', () => {
    const sale = fake.createSessionToken({
      ...CREDENTIALS,
      ssl_transaction_type: 'CCSALE',
      ssl_amount: '12.50',
    });
    const getToken = fake.createSessionToken({ ...CREDENTIALS, ssl_transaction_type: 'ccgettoken' });
    if (sale.kind !== 'token' || getToken.kind !== 'token') throw new Error('expected two tokens');
    expect(sale.token).not.toBe(getToken.token);
    expect(fake.hostedSession(sale.token)).toEqual({
      merchantId: '123456',
      userId: 'apiuser',
      transactionType: 'ccsale',
      amountCents: 1250,
      issuedAt: new Date('2030-03-04T17:05:06Z'),
    });
    expect(fake.hostedSession(getToken.token)).toMatchObject({ transactionType: 'ccgettoken' });
    expect(fake.hostedSession(getToken.token)).not.toHaveProperty('amountCents');
    expect(fake.hostedSession('not-issued')).toBeUndefined();
  });

  it('refuses with the XML API codes: credentials, transaction type, amount', () => {
    const { ssl_user_id: _omitted, ...withoutUser } = CREDENTIALS;
    expect(refusal({ ...withoutUser, ssl_transaction_type: 'ccgettoken' })).toBe('4019');
    expect(refusal({ ...CREDENTIALS, ssl_pin: 'not a pin', ssl_transaction_type: 'ccgettoken' })).toBe(
      '4025',
    );
    expect(refusal({ ...CREDENTIALS })).toBe('4009');
    expect(refusal({ ...CREDENTIALS, ssl_transaction_type: 'ccreturn', ssl_amount: '1.00' })).toBe('4010');
    expect(refusal({ ...CREDENTIALS, ssl_transaction_type: 'ccsale' })).toBe('4009');
    expect(refusal({ ...CREDENTIALS, ssl_transaction_type: 'ccsale', ssl_amount: '-3' })).toBe('5091');
  });
});
