/**
 * Real: the processor sandbox over HTTP on 127.0.0.1, driven by the official `authorizenet` Node
 * SDK (contracts + controllers, `setEnvironment(url)`, its own axios transport), plain `fetch`
 * for the raw bytes, and a local HTTP endpoint receiving webhooks, checked by HMAC-SHA512.
 * Faked: Authorize.net itself — the sandbox answers in its place.
 */
import { createHmac, randomInt } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APIContracts, APIControllers } from 'authorizenet';
import { executeWithTimeout } from '../../test/authorize-net-client';
import { startWebhookReceiver, type WebhookReceiver } from '../../test/webhook-receiver';
import { startProcessorSandbox, type ProcessorSandbox } from '../sandbox';
import type { AnetAnswer, AnetWebhookNotification } from './anet-types';

type Json = Record<string, unknown>;

let sandbox: ProcessorSandbox;
let endpoint: string;
let merchantAuthentication: { name: string; transactionKey: string };

beforeAll(async () => {
  sandbox = await startProcessorSandbox({ port: 0, host: '127.0.0.1' });
  endpoint = `${sandbox.url}/xml/v1/request.api`;
});

beforeEach(() => {
  // A fresh merchant per test, so duplicate detection and state never leak between tests.
  merchantAuthentication = { name: `login${randomInt(1_000_000)}`, transactionKey: 'Sandbox123456789' };
});

afterAll(async () => {
  await sandbox.close();
});

async function createTransaction(transactionRequest: Json): Promise<AnetAnswer> {
  const request = new APIContracts.CreateTransactionRequest({
    merchantAuthentication,
    refId: 'ref-1',
    transactionRequest,
  });
  return (await executeWithTimeout(
    new APIControllers.CreateTransactionController(request.getJSON()),
    endpoint,
  )) as AnetAnswer;
}

function cardSale(amount: number, extra: Json = {}): Promise<AnetAnswer> {
  return createTransaction({
    transactionType: APIContracts.TransactionTypeEnum.AUTHCAPTURETRANSACTION,
    amount,
    payment: { creditCard: { cardNumber: '4111111111111111', expirationDate: '2035-12', cardCode: '900' } },
    ...extra,
  });
}

function refund(refTransId: string, amount: number): Promise<AnetAnswer> {
  return createTransaction({
    transactionType: APIContracts.TransactionTypeEnum.REFUNDTRANSACTION,
    amount,
    payment: { creditCard: { cardNumber: '1111', expirationDate: 'XXXX' } },
    refTransId,
  });
}

function voidTransaction(refTransId: string): Promise<AnetAnswer> {
  return createTransaction({ transactionType: APIContracts.TransactionTypeEnum.VOIDTRANSACTION, refTransId });
}

async function details(transId: string): Promise<AnetAnswer> {
  const request = new APIContracts.GetTransactionDetailsRequest({ merchantAuthentication, transId });
  return (await executeWithTimeout(
    new APIControllers.GetTransactionDetailsController(request.getJSON()),
    endpoint,
  )) as AnetAnswer;
}

describe('Authorize.net through the official SDK', () => {
  it('tests credentials: any well-formed pair passes, a malformed one gets E00007', async () => {
    const good = new APIContracts.AuthenticateTestRequest({ merchantAuthentication });
    expect(
      await executeWithTimeout(new APIControllers.AuthenticateTestController(good.getJSON()), endpoint),
    ).toEqual({
      messages: { resultCode: 'Ok', message: [{ code: 'I00001', text: 'Successful.' }] },
    });
    const bad = new APIContracts.AuthenticateTestRequest({
      merchantAuthentication: { name: 'login', transactionKey: 'short' },
    });
    const answer = (await executeWithTimeout(
      new APIControllers.AuthenticateTestController(bad.getJSON()),
      endpoint,
    )) as AnetAnswer;
    expect(answer.messages).toEqual({
      resultCode: 'Error',
      message: [{ code: 'E00007', text: 'User authentication failed due to invalid authentication values.' }],
    });
  });

  it('charges a test card, and declines one billed to ZIP 46282', async () => {
    const approved = await cardSale(25.5);
    expect(approved.messages.resultCode).toBe('Ok');
    expect(approved.refId).toBe('ref-1');
    expect(approved.transactionResponse).toMatchObject({
      responseCode: '1',
      accountNumber: 'XXXX1111',
      accountType: 'Visa',
      cvvResultCode: 'M',
      messages: [{ code: '1', description: 'This transaction has been approved.' }],
    });

    const declined = await cardSale(26.5, { billTo: { firstName: 'Ada', lastName: 'Client', zip: '46282' } });
    expect(declined.transactionResponse).toMatchObject({
      responseCode: '2',
      errors: [{ errorCode: '2', errorText: 'This transaction has been declined.' }],
    });
  });

  it('pays with an Accept nonce from securePaymentContainerRequest, once', async () => {
    const tokenRequest = new APIContracts.SecurePaymentContainerRequest({
      merchantAuthentication: {
        name: merchantAuthentication.name,
        clientKey: 'PublicClientKey0123456789abcdef',
      },
      refId: 'tok',
      data: {
        type: 'TOKEN',
        id: 'b1a7c8e4',
        token: { cardNumber: '4007000000027', expirationDate: '122035', cardCode: '900' },
      },
    });
    const token = (await executeWithTimeout(
      new APIControllers.SecurePaymentContainerController(tokenRequest.getJSON()),
      endpoint,
    )) as AnetAnswer;
    expect(token.messages.resultCode).toBe('Ok');
    expect(token.opaqueData!.dataDescriptor).toBe('COMMON.ACCEPT.INAPP.PAYMENT');

    const pay = () =>
      createTransaction({
        transactionType: APIContracts.TransactionTypeEnum.AUTHCAPTURETRANSACTION,
        amount: 60,
        payment: { opaqueData: token.opaqueData },
      });
    expect((await pay()).transactionResponse).toMatchObject({ responseCode: '1', accountNumber: 'XXXX0027' });
    expect((await pay()).messages.message[0]!).toEqual({ code: 'E00114', text: 'Invalid OTS Token.' });
  });

  it('voids before settlement, but not after', async () => {
    const sale = await cardSale(30);
    const transId = sale.transactionResponse!.transId;
    const voided = await voidTransaction(transId);
    expect(voided.transactionResponse).toMatchObject({ responseCode: '1', transId });
    expect((await details(transId)).transaction!.transactionStatus).toBe('voided');

    const other = (await cardSale(31)).transactionResponse!.transId;
    sandbox.settle();
    const late = await voidTransaction(other);
    expect(late.messages.message[0]!.code).toBe('E00027');
    expect(late.transactionResponse!.errors).toEqual([
      { errorCode: '16', errorText: 'The transaction cannot be found.' },
    ]);
  });

  it('refunds only after settlement: in part, the rest, never more than was charged', async () => {
    const transId = (await cardSale(80)).transactionResponse!.transId;
    const early = await refund(transId, 80);
    expect(early.transactionResponse!.errors).toEqual([
      {
        errorCode: '54',
        errorText: 'The referenced transaction does not meet the criteria for issuing a credit.',
      },
    ]);

    expect((await fetch(`${sandbox.url}/_sandbox/settle`, { method: 'POST' })).status).toBe(200);
    expect((await details(transId)).transaction).toMatchObject({
      transactionStatus: 'settledSuccessfully',
      batch: { settlementState: 'settledSuccessfully' },
    });

    const partial = await refund(transId, 30);
    expect(partial.transactionResponse).toMatchObject({ responseCode: '1', refTransID: transId });
    const tooMuch = await refund(transId, 50.01);
    expect(tooMuch.transactionResponse!.errors![0]!).toEqual({
      errorCode: '55',
      errorText: 'The sum of credits against the referenced transaction would exceed original debit amount.',
    });
    expect((await refund(transId, 50)).transactionResponse!.responseCode).toBe('1');
    const refundDetails = await details(partial.transactionResponse!.transId);
    expect(refundDetails.transaction).toMatchObject({
      transactionType: 'refundTransaction',
      transactionStatus: 'refundPendingSettlement',
      refTransId: transId,
      authAmount: 30,
    });
  });

  it('starts every answer with a UTF-8 byte-order mark', async () => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ authenticateTestRequest: { merchantAuthentication } }),
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect(JSON.parse(text.replace(/^\uFEFF/, ''))).toEqual({
      messages: { resultCode: 'Ok', message: [{ code: 'I00001', text: 'Successful.' }] },
    });
  });

  it('never calls back on a network error, so the call times out', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const request = new APIContracts.AuthenticateTestRequest({ merchantAuthentication });
    await expect(
      executeWithTimeout(
        new APIControllers.AuthenticateTestController(request.getJSON()),
        `http://127.0.0.1:${port}/xml/v1/request.api`,
        500,
      ),
    ).rejects.toThrow(/timed out/);
  });
});

describe('Authorize.net webhooks', () => {
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });

  afterAll(async () => {
    await receiver.close();
  });

  it('signs notifications with X-ANET-Signature: sha512=<HMAC-SHA512 of the body, upper-case hex>', async () => {
    const { signatureKey } = sandbox.setAuthorizeNetWebhook({ url: receiver.url });
    const transId = (await cardSale(45)).transactionResponse!.transId;
    const hook = await receiver.next((h) => h.body.includes(transId));

    const expected = createHmac('sha512', signatureKey).update(hook.body).digest('hex').toUpperCase();
    expect(hook.headers['x-anet-signature']).toBe(`sha512=${expected}`);
    const notification = JSON.parse(hook.body) as AnetWebhookNotification;
    expect(notification).toMatchObject({
      eventType: 'net.authorize.payment.authcapture.created',
      payload: { responseCode: 1, authAmount: 45, entityName: 'transaction', id: transId },
    });
    const tampered = createHmac('sha512', signatureKey)
      .update(hook.body.replace('45', '46'))
      .digest('hex')
      .toUpperCase();
    expect(hook.headers['x-anet-signature']).not.toBe(`sha512=${tampered}`);
  });

  it('delivers a triggered notification on demand', async () => {
    const transId = (await cardSale(46)).transactionResponse!.transId;
    await sandbox.webhooksIdle();
    const response = await fetch(`${sandbox.url}/_sandbox/webhooks/authorize-net/trigger`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ eventType: 'net.authorize.payment.void.created', transId }),
    });
    const delivery = (await response.json()) as { status: number; eventId: string };
    expect(delivery.status).toBe(200);
    const hook = await receiver.next((h) => h.body.includes(delivery.eventId));
    expect((JSON.parse(hook.body) as AnetWebhookNotification).eventType).toBe(
      'net.authorize.payment.void.created',
    );
  });
});
