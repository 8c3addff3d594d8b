import { anetListEntries, type AnetAnswer } from './authorize-net.client';
import { isLastPage, readList } from './authorize-net.processor';
import type { ConvergeAnswer } from './converge.client';
import { referenceResultOf, searchDate } from './converge.processor';

const OK = { resultCode: 'Ok' as const, message: [{ code: 'I00001', text: 'Successful.' }] };

describe('Authorize.net reporting lists', () => {
  it('reads entries written as the JSON API writes them, or wrapped as in the XML form', () => {
    const entry = { transId: '1', invoiceNumber: 'ref' };
    expect(anetListEntries<typeof entry, 'transaction'>([entry], 'transaction')).toEqual([entry]);
    expect(anetListEntries<typeof entry, 'transaction'>({ transaction: [entry] }, 'transaction')).toEqual([
      entry,
    ]);
    expect(anetListEntries<typeof entry, 'transaction'>({ transaction: entry }, 'transaction')).toEqual([
      entry,
    ]);
    expect(anetListEntries(undefined, 'transaction')).toEqual([]);
    expect(anetListEntries({}, 'transaction')).toEqual([]);
  });

  it('reads on past a full page only while totalNumInResultSet says more follow', () => {
    const answer = (total?: number): AnetAnswer => ({
      messages: OK,
      ...(total === undefined ? {} : { totalNumInResultSet: total }),
    });
    expect(isLastPage(answer(2500), 999, 1)).toBe(true);
    expect(isLastPage(answer(2500), 1000, 2)).toBe(false);
    expect(isLastPage(answer(2500), 1000, 3)).toBe(true);
    expect(isLastPage(answer(2000), 1000, 2)).toBe(true);
    expect(isLastPage(answer(), 1000, 1)).toBe(false);
  });

  it('takes a refused list call as no answer, never as an empty list', () => {
    const empty: AnetAnswer = { messages: OK, totalNumInResultSet: 0 };
    expect(readList(empty)).toBe(empty);
    expect(() =>
      readList({
        messages: { resultCode: 'Error', message: [{ code: 'E00007', text: 'User authentication failed' }] },
      }),
    ).toThrow(/E00007/);
  });
});

describe('Converge txnquery by reference', () => {
  const list = (...rows: Record<string, string>[]): ConvergeAnswer => ({
    kind: 'txnlist',
    transactions: rows,
  });
  const sale = (fields: Record<string, string>) => ({
    ssl_txn_id: 'T1',
    ssl_transaction_type: 'SALE',
    ssl_trans_status: 'OPN',
    ssl_amount: '42.00',
    ssl_invoice_number: 'ref-1',
    ssl_result_message: 'APPROVAL',
    ...fields,
  });

  it('finds the one sale with the reference, checking the reference itself', () => {
    expect(referenceResultOf(list(sale({ ssl_invoice_number: 'other' }), sale({})), 'ref-1')).toMatchObject({
      outcome: 'found',
      transaction: { transactionId: 'T1', status: 'approved', amount: 4_200 },
    });
    expect(referenceResultOf(list(sale({ ssl_result_message: 'DECLINED' })), 'ref-1')).toMatchObject({
      outcome: 'found',
      transaction: { status: 'declined' },
    });
  });

  it('counts a voided sale but not a return of it', () => {
    expect(referenceResultOf(list(sale({ ssl_transaction_type: 'VOID' })), 'ref-1')).toMatchObject({
      outcome: 'found',
      transaction: { status: 'voided' },
    });
    expect(referenceResultOf(list(sale({ ssl_transaction_type: 'RETURN' })), 'ref-1')).toEqual({
      outcome: 'not_found',
    });
  });

  it('answers not_found for an empty list, and unknown for two sales or a refusal', () => {
    expect(referenceResultOf(list(), 'ref-1')).toEqual({ outcome: 'not_found' });
    expect(referenceResultOf(list(sale({}), sale({ ssl_txn_id: 'T2' })), 'ref-1')).toMatchObject({
      outcome: 'unknown',
      error: expect.stringContaining('2 sales'),
    });
    expect(
      referenceResultOf({ kind: 'error', code: '4025', name: 'Invalid Credentials', message: '' }, 'ref-1'),
    ).toEqual({ outcome: 'unknown', error: 'Converge answered 4025' });
  });

  it('writes search dates as MM/DD/YYYY', () => {
    expect(searchDate(new Date('2030-03-04T23:59:59Z'))).toBe('03/04/2030');
  });
});
