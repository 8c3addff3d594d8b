/**
 * Real: the processor sandbox over HTTP on 127.0.0.1, driven by a hand-written Converge client
 * (`fetch`, the `xmldata` form field, fast-xml-parser with values kept as strings), as Elavon has no
 * maintained npm client. Faked: Converge itself — the sandbox answers in its place.
 */
import { randomInt } from 'node:crypto';
import { convergeRequest, parseXml, txnOf } from '../../test/converge-client';
import { startProcessorSandbox, type ProcessorSandbox } from '../sandbox';

let sandbox: ProcessorSandbox;
let endpoint: string;
let credentials: Record<string, string>;

beforeAll(async () => {
  sandbox = await startProcessorSandbox();
  endpoint = `${sandbox.url}/VirtualMerchantDemo/processxml.do`;
});

beforeEach(() => {
  credentials = {
    ssl_merchant_id: String(100000 + randomInt(899999)),
    ssl_user_id: 'apiuser',
    ssl_pin: 'PIN0123456789ABCDEF',
  };
});

afterAll(async () => {
  await sandbox.close();
});

async function txn(fields: Record<string, string>): Promise<Record<string, string>> {
  return txnOf(await convergeRequest(endpoint, { ...credentials, ...fields }));
}

async function tokenize(): Promise<string> {
  const answer = await txn({
    ssl_transaction_type: 'ccgettoken',
    ssl_card_number: '4000000000000002',
    ssl_exp_date: '1235',
    ssl_verify: 'N',
  });
  expect(answer).toMatchObject({ ssl_result: '0', ssl_token_response: 'SUCCESS' });
  return answer['ssl_token']!;
}

async function sale(token: string, amount: string, extra: Record<string, string> = {}) {
  return txn({ ssl_transaction_type: 'ccsale', ssl_token: token, ssl_amount: amount, ...extra });
}

describe('Converge XML API through a fetch client', () => {
  it('tokenizes a card and sells against the token, values as strings and XML escaped', async () => {
    const token = await tokenize();
    const answer = await sale(token, '12.00', { ssl_invoice_number: 'INV-007 & <friends>' });
    expect(answer).toMatchObject({
      ssl_result: '0',
      ssl_result_message: 'APPROVAL',
      ssl_transaction_type: 'SALE',
      ssl_amount: '12.00',
      ssl_invoice_number: 'INV-007 & <friends>',
      ssl_card_number: '40**********0002',
      ssl_issuer_response: '00',
    });
    expect(answer['ssl_approval_code']).toMatch(/^[0-9A-Z]{6}$/);
  });

  it('declines by the cent amount of the sale', async () => {
    const token = await tokenize();
    expect(await sale(token, '12.05')).toMatchObject({
      ssl_result: '1',
      ssl_result_message: 'DECLINED',
      ssl_approval_code: '',
    });
  });

  it('voids before settlement but not after, and returns after settlement but not before', async () => {
    const token = await tokenize();
    const open = (await sale(token, '40.00'))['ssl_txn_id']!;
    expect(await txn({ ssl_transaction_type: 'ccreturn', ssl_txn_id: open })).toMatchObject({
      errorCode: '5040',
    });
    expect(await txn({ ssl_transaction_type: 'ccvoid', ssl_txn_id: open })).toMatchObject({
      ssl_result: '0',
      ssl_transaction_type: 'VOID',
    });

    const settled = (await sale(token, '50.00'))['ssl_txn_id']!;
    sandbox.settle();
    expect(await txn({ ssl_transaction_type: 'ccvoid', ssl_txn_id: settled })).toMatchObject({
      errorCode: '5040',
      errorName: 'Invalid Transaction ID',
    });
    expect(
      await txn({ ssl_transaction_type: 'ccreturn', ssl_txn_id: settled, ssl_amount: '20.00' }),
    ).toMatchObject({
      ssl_result: '0',
      ssl_transaction_type: 'RETURN',
      ssl_amount: '20.00',
    });
    expect(
      await txn({ ssl_transaction_type: 'ccreturn', ssl_txn_id: settled, ssl_amount: '30.01' }),
    ).toMatchObject({
      errorCode: '5091',
      errorMessage:
        'The amount exceeded the original transaction amount. Amount must be equal or lower than the original transaction amount.',
    });
    expect((await txn({ ssl_transaction_type: 'ccreturn', ssl_txn_id: settled }))['ssl_amount']).toBe(
      '30.00',
    );
  });

  it('answers txnquery with a txnlist', async () => {
    const token = await tokenize();
    const id = (await sale(token, '9.99'))['ssl_txn_id']!;
    const answer = await convergeRequest(endpoint, {
      ...credentials,
      ssl_transaction_type: 'txnquery',
      ssl_txn_id: id,
    });
    expect(answer).toMatchObject({
      txnlist: { ssl_txn_count: '1', txn: { ssl_txn_id: id, ssl_trans_status: 'OPN', ssl_amount: '9.99' } },
    });
  });

  it('refuses malformed credentials with 4025 and accepts any well-formed ones', async () => {
    const bad = txnOf(
      await convergeRequest(endpoint, {
        ssl_merchant_id: 'abc',
        ssl_user_id: 'apiuser',
        ssl_pin: 'x',
        ssl_transaction_type: 'ccsale',
      }),
    );
    expect(bad).toEqual({
      errorCode: '4025',
      errorName: 'Invalid Credentials',
      errorMessage: 'The credentials supplied in the authorization request are invalid.',
    });
  });

  it('refuses a request without ssl_user_id with 4019', async () => {
    const { ssl_user_id: _omitted, ...withoutUser } = credentials;
    const answer = txnOf(await convergeRequest(endpoint, { ...withoutUser, ssl_transaction_type: 'ccsale' }));
    expect(answer).toEqual({
      errorCode: '4019',
      errorName: 'User ID not supplied',
      errorMessage: 'The User ID was not supplied in the authorization request.',
    });
  });

  it('answers a request that is not XML with 6042', async () => {
    const response = await fetch(endpoint, { method: 'POST', body: 'xmldata=%3Ctxn%3E%3Cbroken' });
    expect(await response.text()).toContain('<errorCode>6042</errorCode>');
  });
});

describe('Converge Hosted Payments session tokens', () => {
  const tokenUrl = () => `${sandbox.url}/hosted-payments/transaction_token`;

  function post(fields: Record<string, string>): Promise<Response> {
    return fetch(tokenUrl(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }

  it('answers a form-encoded request with the session token as plain text', async () => {
    const response = await post({ ...credentials, ssl_transaction_type: 'ccsale', ssl_amount: '25.00' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const token = await response.text();
    expect(token).toMatch(/^[^\s<>]+$/);
    expect(sandbox.convergeSession(token)).toMatchObject({
      merchantId: credentials['ssl_merchant_id'],
      transactionType: 'ccsale',
      amountCents: 2500,
    });
  });

  it('refuses bad credentials with the Converge error code and text, never a token', async () => {
    const response = await post({ ...credentials, ssl_pin: 'not a pin', ssl_transaction_type: 'ccgettoken' });
    const { errorCode, errorName } = txnOf(parseXml(await response.text()));
    expect([errorCode, errorName]).toEqual(['4025', 'Invalid Credentials']);
  });

  it('takes POST only', async () => {
    expect((await fetch(tokenUrl())).status).toBe(405);
  });
});
