import type { AnetAnswer } from './anet-types';
import type { AnetTransactionEvent } from './anet.service';
import { AuthorizeNetFake } from './anet.service';

const AUTH = { name: 'sandboxLogin1', transactionKey: 'ABCDEFGH12345678' };
type Json = Record<string, unknown>;

function setup(now = () => new Date()) {
  const events: AnetTransactionEvent[] = [];
  const fake = new AuthorizeNetFake((event) => events.push(event), now);
  const call = (root: string, body: Json): AnetAnswer =>
    fake.handle({ [root]: { merchantAuthentication: AUTH, ...body } });
  const charge = (amount: string, extra: Json = {}, card = '4111111111111111'): AnetAnswer =>
    call('createTransactionRequest', {
      transactionRequest: {
        transactionType: 'authCaptureTransaction',
        amount,
        payment: { creditCard: { cardNumber: card, expirationDate: '2035-12', cardCode: '900' } },
        ...extra,
      },
    });
  return { fake, events, call, charge };
}

describe('AuthorizeNetFake', () => {
  it('answers authenticateTestRequest for well-formed credentials and E00007 otherwise', () => {
    const { fake, call } = setup();
    expect(call('authenticateTestRequest', {})).toEqual({
      messages: { resultCode: 'Ok', message: [{ code: 'I00001', text: 'Successful.' }] },
    });
    expect(
      fake.handle({
        authenticateTestRequest: { merchantAuthentication: { name: 'x', transactionKey: 'y' }, refId: '7' },
      }),
    ).toEqual({
      refId: '7',
      messages: {
        resultCode: 'Error',
        message: [
          { code: 'E00007', text: 'User authentication failed due to invalid authentication values.' },
        ],
      },
    });
  });

  it('approves a test card with the reference answer shape', () => {
    const { charge, events } = setup();
    const response = charge('12.34');
    expect(response.messages).toEqual({
      resultCode: 'Ok',
      message: [{ code: 'I00001', text: 'Successful.' }],
    });
    expect(response.transactionResponse).toMatchObject({
      responseCode: '1',
      cvvResultCode: 'M',
      accountNumber: 'XXXX1111',
      accountType: 'Visa',
      messages: [{ code: '1', description: 'This transaction has been approved.' }],
    });
    expect(response.transactionResponse!.authCode).toMatch(/^[0-9A-Z]{6}$/);
    expect(response.transactionResponse!.transId).toMatch(/^\d{11}$/);
    expect(events).toEqual([
      expect.objectContaining({ eventType: 'net.authorize.payment.authcapture.created' }),
    ]);
  });

  it('declines on billing ZIP 46282 as a successful call with responseCode 2', () => {
    const { charge } = setup();
    const response = charge('20.00', { billTo: { firstName: 'Ada', lastName: 'Client', zip: '46282' } });
    expect(response.messages.resultCode).toBe('Ok');
    expect(response.transactionResponse).toMatchObject({
      responseCode: '2',
      errors: [{ errorCode: '2', errorText: 'This transaction has been declined.' }],
    });
  });

  it('reports invalid card data, amounts and expired cards as errors (responseCode 3, E00027)', () => {
    const { charge } = setup();
    const bad = charge('10.00', {}, '4111111111111112');
    expect(bad.messages.message[0]!.code).toBe('E00027');
    expect(bad.transactionResponse!.errors).toEqual([
      { errorCode: '6', errorText: 'The credit card number is invalid.' },
    ]);
    expect(charge('abc').transactionResponse!.errors![0]!.errorCode).toBe('5');
  });

  it('refuses a duplicate inside the window unless duplicateWindow is 0', () => {
    const { charge } = setup();
    expect(charge('33.00').transactionResponse!.responseCode).toBe('1');
    expect(charge('33.00').transactionResponse!.errors).toEqual([
      { errorCode: '11', errorText: 'A duplicate transaction has been submitted.' },
    ]);
    const settings = {
      transactionSettings: { setting: [{ settingName: 'duplicateWindow', settingValue: '0' }] },
    };
    expect(charge('33.00', settings).transactionResponse!.responseCode).toBe('1');
  });

  it('voids before settlement and not after; refunds after settlement and not before', () => {
    const { fake, call, charge } = setup();
    const voidOf = (id: string) =>
      call('createTransactionRequest', {
        transactionRequest: { transactionType: 'voidTransaction', refTransId: id },
      });
    const refundOf = (id: string, amount: string) =>
      call('createTransactionRequest', {
        transactionRequest: {
          transactionType: 'refundTransaction',
          amount,
          payment: { creditCard: { cardNumber: '1111', expirationDate: 'XXXX' } },
          refTransId: id,
        },
      });

    const first = charge('40.00').transactionResponse!.transId;
    expect(refundOf(first, '40.00').transactionResponse!.errors).toEqual([
      {
        errorCode: '54',
        errorText: 'The referenced transaction does not meet the criteria for issuing a credit.',
      },
    ]);
    expect(voidOf(first).transactionResponse).toMatchObject({ responseCode: '1', transId: first });
    expect(voidOf(first).transactionResponse!.errors![0]!.errorCode).toBe('310');

    const second = charge('41.00').transactionResponse!.transId;
    expect(fake.settle().settled).toBe(1);
    expect(voidOf(second).transactionResponse!.errors![0]!.errorCode).toBe('16');
    expect(refundOf(second, '11.00').transactionResponse).toMatchObject({
      responseCode: '1',
      refTransID: second,
    });
    expect(refundOf(second, '30.01').transactionResponse!.errors![0]!.errorCode).toBe('55');
    expect(refundOf(second, '30.00').transactionResponse!.responseCode).toBe('1');
  });

  it('reports transaction details, with the batch once settled', () => {
    const { fake, call, charge } = setup();
    const id = charge('15.50', { order: { invoiceNumber: 'INV-9' } }).transactionResponse!.transId;
    const before = call('getTransactionDetailsRequest', { transId: id });
    expect(before.transaction).toMatchObject({
      transId: id,
      transactionType: 'authCaptureTransaction',
      transactionStatus: 'capturedPendingSettlement',
      responseCode: 1,
      authAmount: 15.5,
      order: { invoiceNumber: 'INV-9' },
      payment: { creditCard: { cardNumber: 'XXXX1111', expirationDate: 'XXXX', cardType: 'Visa' } },
    });
    expect(before.transaction!.batch).toBeUndefined();
    fake.settle();
    const after = call('getTransactionDetailsRequest', { transId: id });
    expect(after.transaction!.transactionStatus).toBe('settledSuccessfully');
    expect(after.transaction!.batch!.settlementState).toBe('settledSuccessfully');
    expect(call('getTransactionDetailsRequest', { transId: '1' }).messages.message[0]!).toEqual({
      code: 'E00040',
      text: 'The record cannot be found.',
    });
  });

  it('issues one-time Accept nonces that expire after 15 minutes', () => {
    let now = new Date('2030-01-01T00:00:00Z');
    const { call } = setup(() => now);
    const tokenize = () =>
      call('securePaymentContainerRequest', {
        merchantAuthentication: { name: AUTH.name, clientKey: 'PublicClientKey1234567890' },
        data: {
          type: 'TOKEN',
          id: 'id-1',
          token: { cardNumber: '4007000000027', expirationDate: '122035', cardCode: '900' },
        },
      });
    const pay = (opaqueData: AnetAnswer['opaqueData'], amount: string) =>
      call('createTransactionRequest', {
        transactionRequest: { transactionType: 'authCaptureTransaction', amount, payment: { opaqueData } },
      });

    const token = tokenize();
    expect(token.opaqueData!.dataDescriptor).toBe('COMMON.ACCEPT.INAPP.PAYMENT');
    expect(pay(token.opaqueData, '9.00').transactionResponse).toMatchObject({
      responseCode: '1',
      accountNumber: 'XXXX0027',
    });
    expect(pay(token.opaqueData, '9.01').messages.message[0]!).toEqual({
      code: 'E00114',
      text: 'Invalid OTS Token.',
    });

    const late = tokenize();
    now = new Date(now.getTime() + 16 * 60 * 1000);
    expect(pay(late.opaqueData, '9.02').messages.message[0]!.code).toBe('E00114');
  });

  it('keeps each login a merchant of its own', () => {
    const { fake, charge } = setup();
    const id = charge('5.00').transactionResponse!.transId;
    const other = fake.handle({
      getTransactionDetailsRequest: {
        merchantAuthentication: { name: 'otherLogin', transactionKey: 'ABCDEFGH12345678' },
        transId: id,
      },
    });
    expect(other.messages.message[0]?.code).toBe('E00040');
  });
});
