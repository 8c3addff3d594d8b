import { AuthorizeNetFake } from './anet.service';

const AUTH = { name: 'sandboxLogin1', transactionKey: 'ABCDEFGH12345678' };
type Json = Record<string, unknown>;

function setup() {
  let now = new Date('2030-03-04T17:00:00Z');
  const fake = new AuthorizeNetFake(
    () => undefined,
    () => now,
  );
  const call = (root: string, body: Json = {}): Json =>
    fake.handle({ [root]: { merchantAuthentication: AUTH, ...body } }) as unknown as Json;
  const charge = (invoiceNumber: string, zip = '12345') =>
    call('createTransactionRequest', {
      transactionRequest: {
        transactionType: 'authCaptureTransaction',
        amount: '25.00',
        payment: { creditCard: { cardNumber: '4111111111111111', expirationDate: '2035-12' } },
        order: { invoiceNumber },
        billTo: { zip },
      },
    });
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  return { fake, call, charge, advance };
}

describe('AuthorizeNetFake reporting lists', () => {
  it('lists unsettled transactions as summaries with their invoice numbers, declines included', () => {
    const { call, charge } = setup();
    const approved = charge('inv-approved') as { transactionResponse: { transId: string } };
    const declined = charge('inv-declined', '46282') as { transactionResponse: { transId: string } };
    const answer = call('getUnsettledTransactionListRequest');
    expect(answer['messages']).toEqual({
      resultCode: 'Ok',
      message: [{ code: 'I00001', text: 'Successful.' }],
    });
    expect(answer['totalNumInResultSet']).toBe(2);
    expect(answer['transactions']).toEqual([
      {
        transId: approved.transactionResponse.transId,
        submitTimeUTC: '2030-03-04T17:00:00.000Z',
        submitTimeLocal: '2030-03-04T10:00:00.000',
        transactionStatus: 'capturedPendingSettlement',
        invoiceNumber: 'inv-approved',
        accountType: 'Visa',
        accountNumber: 'XXXX1111',
        settleAmount: 25,
        marketType: 'eCommerce',
        product: 'Card Not Present',
      },
      expect.objectContaining({
        transId: declined.transactionResponse.transId,
        transactionStatus: 'declined',
        invoiceNumber: 'inv-declined',
        settleAmount: 0,
      }),
    ]);
  });

  it('pages and sorts the unsettled list, and refuses a page size past 1000', () => {
    const { call, charge, advance } = setup();
    for (const n of [1, 2, 3]) {
      charge(`inv-${n}`);
      advance(1000);
    }
    const page = (offset: number) =>
      call('getUnsettledTransactionListRequest', {
        sorting: { orderBy: 'submitTimeUTC', orderDescending: true },
        paging: { limit: 2, offset },
      });
    const invoices = (answer: Json) =>
      ((answer['transactions'] as Json[] | undefined) ?? []).map((t) => t['invoiceNumber']);
    expect(invoices(page(1))).toEqual(['inv-3', 'inv-2']);
    expect(invoices(page(2))).toEqual(['inv-1']);
    expect(page(3)).toEqual({
      totalNumInResultSet: 3,
      messages: { resultCode: 'Ok', message: [{ code: 'I00001', text: 'Successful.' }] },
    });
    expect(
      call('getUnsettledTransactionListRequest', { paging: { limit: 1001, offset: 1 } })['messages'],
    ).toMatchObject({ resultCode: 'Error', message: [{ code: 'E00003' }] });
  });

  it('finds a settled transaction through its batch: getSettledBatchListRequest, then getTransactionListRequest', () => {
    const { fake, call, charge, advance } = setup();
    expect(
      call('getSettledBatchListRequest', {
        firstSettlementDate: '2030-03-04T00:00:00Z',
        lastSettlementDate: '2030-03-05T00:00:00Z',
      }),
    ).toEqual({ messages: { resultCode: 'Ok', message: [{ code: 'I00004', text: 'No records found.' }] } });
    charge('inv-settled');
    advance(60_000);
    const { batchId } = fake.settle();
    expect(call('getUnsettledTransactionListRequest')['totalNumInResultSet']).toBe(0);
    const batches = call('getSettledBatchListRequest', {
      firstSettlementDate: '2030-03-04T00:00:00Z',
      lastSettlementDate: '2030-03-05T00:00:00Z',
    });
    expect(batches['batchList']).toEqual([
      {
        batchId,
        settlementTimeUTC: '2030-03-04T17:01:00.000Z',
        settlementTimeLocal: '2030-03-04T10:01:00.000',
        settlementState: 'settledSuccessfully',
        paymentMethod: 'creditCard',
        marketType: 'eCommerce',
        product: 'Card Not Present',
      },
    ]);
    const list = call('getTransactionListRequest', { batchId });
    expect(list['transactions']).toEqual([
      expect.objectContaining({ invoiceNumber: 'inv-settled', transactionStatus: 'settledSuccessfully' }),
    ]);
    expect(call('getTransactionListRequest', { batchId: 'abc' })['messages']).toMatchObject({
      resultCode: 'Error',
      message: [{ code: 'E00003' }],
    });
  });

  it("lists only the merchant's own transactions", () => {
    const { fake, charge } = setup();
    charge('inv-mine');
    const other = fake.handle({
      getUnsettledTransactionListRequest: {
        merchantAuthentication: { name: 'sandboxLogin2', transactionKey: 'ABCDEFGH12345678' },
      },
    }) as unknown as Json;
    expect(other['totalNumInResultSet']).toBe(0);
  });
});
