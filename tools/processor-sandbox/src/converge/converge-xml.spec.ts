import { buildTxn, buildTxnList, ConvergeXmlError, parseTxn } from './converge-xml';

describe('Converge XML', () => {
  it('reads every value as a string, keeping leading zeros', () => {
    expect(
      parseTxn(
        '<txn><ssl_merchant_id>0012345</ssl_merchant_id><ssl_amount>10.00</ssl_amount><ssl_invoice_number/></txn>',
      ),
    ).toEqual({ ssl_merchant_id: '0012345', ssl_amount: '10.00', ssl_invoice_number: '' });
  });

  it('unescapes entities on the way in and escapes them on the way out', () => {
    expect(parseTxn('<txn><ssl_description>Tom &amp; Jerry &lt;3</ssl_description></txn>')).toEqual({
      ssl_description: 'Tom & Jerry <3',
    });
    expect(buildTxn([['ssl_description', 'Tom & Jerry <3']])).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><txn><ssl_description>Tom &amp; Jerry &lt;3</ssl_description></txn>',
    );
  });

  it('writes empty values as empty elements, in the given order', () => {
    expect(
      buildTxn([
        ['ssl_result', '0'],
        ['ssl_approval_code', ''],
      ]),
    ).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><txn><ssl_result>0</ssl_result><ssl_approval_code></ssl_approval_code></txn>',
    );
  });

  it('writes a txnlist with its count', () => {
    expect(buildTxnList([])).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><txnlist><ssl_txn_count>0</ssl_txn_count></txnlist>',
    );
    expect(buildTxnList([[['ssl_txn_id', 'a']]])).toContain(
      '<ssl_txn_count>1</ssl_txn_count><txn><ssl_txn_id>a</ssl_txn_id></txn>',
    );
  });

  it.each(['<nottxn/>', '<txn><a><b>1</b></a></txn>', 'not xml at all', '<txn><a>1</a><a>2</a></txn>'])(
    'refuses %p',
    (xml) => expect(() => parseTxn(xml)).toThrow(ConvergeXmlError),
  );
});
