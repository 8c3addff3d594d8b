import { ConvergeFake, parseSearchDate, type ConvergeAnswer } from './converge.service';

const CREDENTIALS = { ssl_merchant_id: '123456', ssl_user_id: 'apiuser', ssl_pin: 'PIN1234567890' };

function setup() {
  let now = new Date('2030-03-04T17:05:06Z');
  const fake = new ConvergeFake(() => now);
  const call = (txn: Record<string, string>) => fake.handle({ ...CREDENTIALS, ...txn });
  const sale = (amount: string, invoice: string) =>
    call({
      ssl_transaction_type: 'ccsale',
      ssl_amount: amount,
      ssl_card_number: '4000000000000002',
      ssl_exp_date: '1235',
      ssl_invoice_number: invoice,
    });
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  return { fake, call, sale, advance };
}

const rows = (answer: ConvergeAnswer) => {
  if (answer.kind !== 'txnlist') throw new Error(`expected a txnlist, got ${JSON.stringify(answer)}`);
  return answer.transactions.map((t) => Object.fromEntries(t));
};

describe('ConvergeFake txnquery by date range and invoice number', () => {
  it('finds the sale with the invoice number in the range, approved or declined, newest first', () => {
    const { call, sale, advance } = setup();
    sale('10.00', 'inv-a');
    advance(1000);
    sale('10.05', 'inv-a'); // cents 05: the demo's DECLINED
    sale('10.00', 'inv-b');
    const found = rows(
      call({
        ssl_transaction_type: 'txnquery',
        ssl_search_start_date: '03/04/2030',
        ssl_search_end_date: '03/04/2030',
        ssl_invoice_number: 'inv-a',
      }),
    );
    expect(found).toHaveLength(2);
    expect(found[0]).toMatchObject({
      ssl_invoice_number: 'inv-a',
      ssl_amount: '10.05',
      ssl_result_message: 'DECLINED',
      ssl_txn_time: '03/04/2030 05:05:07 PM',
      ssl_trans_status: 'OPN',
    });
    expect(found[1]).toMatchObject({ ssl_amount: '10.00', ssl_result_message: 'APPROVAL' });
  });

  it('answers an empty txnlist when nothing matches, and 4009 without a date range or id', () => {
    const { call, sale } = setup();
    sale('10.00', 'inv-a');
    expect(
      call({
        ssl_transaction_type: 'txnquery',
        ssl_search_start_date: '03/05/2030 12:00:00 AM',
        ssl_search_end_date: '03/06/2030',
        ssl_invoice_number: 'inv-a',
      }),
    ).toEqual({ kind: 'txnlist', transactions: [] });
    expect(
      rows(
        call({
          ssl_transaction_type: 'txnquery',
          ssl_search_start_date: '03/04/2030',
          ssl_invoice_number: 'never',
        }),
      ),
    ).toEqual([]);
    const missing = call({ ssl_transaction_type: 'txnquery', ssl_invoice_number: 'inv-a' });
    expect(missing).toMatchObject({ kind: 'error', error: { errorCode: '4009' } });
    expect(call({ ssl_transaction_type: 'txnquery', ssl_search_start_date: '2030-03-04' })).toMatchObject({
      kind: 'error',
    });
  });

  it('reads search dates as dates or date-times, AM/PM included', () => {
    expect(parseSearchDate('03/04/2030', 'start')).toBe(Date.parse('2030-03-04T00:00:00Z'));
    expect(parseSearchDate('03/04/2030', 'end')).toBe(Date.parse('2030-03-04T23:59:59.999Z'));
    expect(parseSearchDate('03/04/2030 05:05:06 PM', 'start')).toBe(Date.parse('2030-03-04T17:05:06Z'));
    expect(parseSearchDate('03/04/2030 12:00:00 AM', 'start')).toBe(Date.parse('2030-03-04T00:00:00Z'));
    expect(parseSearchDate('2030-03-04', 'start')).toBeUndefined();
  });
});
