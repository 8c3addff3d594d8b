/**
 * Real: the processor sandbox over HTTP on 127.0.0.1, driven with `fetch` as raw requests (the
 * Authorize.net JSON body and its byte-order-marked answer; Converge's `xmldata` form field and
 * XML answer). Faked: Authorize.net and Converge themselves — the sandbox answers in their place.
 * What is checked: the look-ups that find a charge by the reference it was sent with.
 */
import { randomInt } from 'node:crypto';
import { convergeRequest } from '../test/converge-client';
import { startProcessorSandbox, type ProcessorSandbox } from './sandbox';

type Json = Record<string, unknown>;

let sandbox: ProcessorSandbox;

beforeAll(async () => {
  sandbox = await startProcessorSandbox({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await sandbox.close();
});

describe('Authorize.net reporting lists over HTTP', () => {
  const merchantAuthentication = { name: `login${randomInt(1_000_000)}`, transactionKey: 'Sandbox123456789' };

  async function anet(root: string, body: Json = {}): Promise<Json> {
    const response = await fetch(`${sandbox.url}/xml/v1/request.api`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ [root]: { merchantAuthentication, ...body } }),
    });
    const text = Buffer.from(await response.arrayBuffer()).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    return JSON.parse(text.slice(1)) as Json;
  }

  it('lists an unsettled charge with its invoice number, then finds it in its settled batch', async () => {
    const charged = await anet('createTransactionRequest', {
      transactionRequest: {
        transactionType: 'authCaptureTransaction',
        amount: '12.00',
        payment: { creditCard: { cardNumber: '4111111111111111', expirationDate: '2035-12' } },
        order: { invoiceNumber: 'ref-over-http' },
      },
    });
    const transId = (charged['transactionResponse'] as Json)['transId'];
    const unsettled = await anet('getUnsettledTransactionListRequest', {
      sorting: { orderBy: 'submitTimeUTC', orderDescending: false },
      paging: { limit: 1000, offset: 1 },
    });
    expect(unsettled).toMatchObject({
      transactions: [
        { transId, invoiceNumber: 'ref-over-http', transactionStatus: 'capturedPendingSettlement' },
      ],
      totalNumInResultSet: 1,
      messages: { resultCode: 'Ok' },
    });

    sandbox.settle();
    const day = 24 * 3600 * 1000;
    const batches = await anet('getSettledBatchListRequest', {
      includeStatistics: false,
      firstSettlementDate: new Date(Date.now() - day).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      lastSettlementDate: new Date(Date.now() + day).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
    const [batch] = batches['batchList'] as Json[];
    const list = await anet('getTransactionListRequest', { batchId: batch!['batchId'] });
    expect(list).toMatchObject({
      transactions: [{ transId, invoiceNumber: 'ref-over-http', transactionStatus: 'settledSuccessfully' }],
      messages: { resultCode: 'Ok' },
    });
  });
});

describe('Converge txnquery by invoice number over HTTP', () => {
  it('answers the sale with the invoice number, and an empty txnlist for one never sent', async () => {
    const endpoint = `${sandbox.url}/VirtualMerchantDemo/processxml.do`;
    const credentials = {
      ssl_merchant_id: String(100000 + randomInt(899999)),
      ssl_user_id: 'apiuser',
      ssl_pin: 'PIN0123456789ABCDEF',
    };
    await convergeRequest(endpoint, {
      ...credentials,
      ssl_transaction_type: 'ccsale',
      ssl_amount: '12.00',
      ssl_card_number: '4000000000000002',
      ssl_exp_date: '1235',
      ssl_invoice_number: 'ref-over-http',
    });
    const today = new Date();
    const date = `${String(today.getUTCMonth() + 1).padStart(2, '0')}/${String(today.getUTCDate()).padStart(2, '0')}/${today.getUTCFullYear()}`;
    const query = (invoice: string) =>
      convergeRequest(endpoint, {
        ...credentials,
        ssl_transaction_type: 'txnquery',
        ssl_search_start_date: date,
        ssl_search_end_date: date,
        ssl_invoice_number: invoice,
      });
    expect(await query('ref-over-http')).toMatchObject({
      txnlist: {
        ssl_txn_count: '1',
        txn: { ssl_invoice_number: 'ref-over-http', ssl_amount: '12.00', ssl_transaction_type: 'SALE' },
      },
    });
    expect(await query('never-sent')).toMatchObject({ txnlist: { ssl_txn_count: '0' } });
  });
});
