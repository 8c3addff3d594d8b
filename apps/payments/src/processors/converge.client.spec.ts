import {
  CONVERGE_ENDPOINTS,
  ConvergeClient,
  ConvergeNoAnswerError,
  buildTxnXml,
  hostedPaymentsUrl,
  parseConvergeXml,
} from './converge.client';

describe('Converge XML', () => {
  it('escapes values, so a description cannot break out of its element', () => {
    const xml = buildTxnXml({
      ssl_description: 'Session & notes <ssl_amount>0.01</ssl_amount>',
      ssl_amount: '12.00',
    });
    expect(xml).toBe(
      '<txn><ssl_description>Session &amp; notes &lt;ssl_amount&gt;0.01&lt;/ssl_amount&gt;</ssl_description><ssl_amount>12.00</ssl_amount></txn>',
    );
    expect(parseConvergeXml(xml)).toEqual({
      kind: 'txn',
      fields: { ssl_description: 'Session & notes <ssl_amount>0.01</ssl_amount>', ssl_amount: '12.00' },
    });
  });

  it('refuses field names that are not Converge fields', () => {
    expect(() => buildTxnXml({ 'ssl_a><evil': 'x' })).toThrow(/not a Converge field name/);
    expect(() => buildTxnXml({ amount: '1' })).toThrow(/not a Converge field name/);
  });

  it('keeps every value a string: leading zeros, decimals, empty elements', () => {
    const answer = parseConvergeXml(
      '<?xml version="1.0" encoding="UTF-8"?><txn><ssl_approval_code>000123</ssl_approval_code><ssl_amount>10.10</ssl_amount><ssl_result>0</ssl_result><ssl_avs_response></ssl_avs_response><ssl_token>4421912014039990</ssl_token></txn>',
    );
    expect(answer).toEqual({
      kind: 'txn',
      fields: {
        ssl_approval_code: '000123',
        ssl_amount: '10.10',
        ssl_result: '0',
        ssl_avs_response: '',
        ssl_token: '4421912014039990',
      },
    });
  });

  it('reads an error answer', () => {
    expect(
      parseConvergeXml(
        '<txn><errorCode>4025</errorCode><errorName>Invalid Credentials</errorName><errorMessage>The credentials supplied in the authorization request are invalid.</errorMessage></txn>',
      ),
    ).toEqual({
      kind: 'error',
      code: '4025',
      name: 'Invalid Credentials',
      message: 'The credentials supplied in the authorization request are invalid.',
    });
  });

  it('reads a txnlist of none, one and several', () => {
    expect(parseConvergeXml('<txnlist><ssl_txn_count>0</ssl_txn_count></txnlist>')).toEqual({
      kind: 'txnlist',
      transactions: [],
    });
    expect(
      parseConvergeXml(
        '<txnlist><ssl_txn_count>1</ssl_txn_count><txn><ssl_txn_id>A</ssl_txn_id></txn></txnlist>',
      ),
    ).toEqual({
      kind: 'txnlist',
      transactions: [{ ssl_txn_id: 'A' }],
    });
    expect(
      parseConvergeXml(
        '<txnlist><ssl_txn_count>2</ssl_txn_count><txn><ssl_txn_id>A</ssl_txn_id></txn><txn><ssl_txn_id>B</ssl_txn_id></txn></txnlist>',
      ),
    ).toMatchObject({ transactions: [{ ssl_txn_id: 'A' }, { ssl_txn_id: 'B' }] });
  });

  it('refuses what is not a Converge answer', () => {
    expect(() => parseConvergeXml('<html><body>Service Unavailable</body></html>')).toThrow();
  });

  it('finds Hosted Payments beside the XML API', () => {
    expect(hostedPaymentsUrl(CONVERGE_ENDPOINTS.demo, 'Checkout.js')).toBe(
      'https://api.demo.convergepay.com/hosted-payments/Checkout.js',
    );
    expect(hostedPaymentsUrl(CONVERGE_ENDPOINTS.production, 'transaction_token')).toBe(
      'https://api.convergepay.com/hosted-payments/transaction_token',
    );
  });
});

describe('ConvergeClient', () => {
  const config = {
    url: CONVERGE_ENDPOINTS.demo,
    merchantId: '123456',
    userId: 'apiuser',
    pin: 'PIN123',
    timeoutMs: 1000,
  };
  const answering = (status: number, body: string) => {
    const calls: { url: string; body: string }[] = [];
    const fetch: typeof globalThis.fetch = (url, init) => {
      calls.push({ url: url instanceof Request ? url.url : url.toString(), body: init?.body as string });
      return Promise.resolve(new Response(body, { status }));
    };
    return { calls, fetch };
  };

  it('posts the txn as the form field xmldata, credentials included', async () => {
    const { calls, fetch } = answering(200, '<txn><ssl_result>0</ssl_result></txn>');
    await new ConvergeClient({ ...config, fetch }).send('ccsale', { ssl_token: 'T', ssl_amount: '1.00' });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(CONVERGE_ENDPOINTS.demo);
    const xml = new URLSearchParams(calls[0]!.body).get('xmldata');
    expect(xml).toBe(
      '<txn><ssl_merchant_id>123456</ssl_merchant_id><ssl_user_id>apiuser</ssl_user_id><ssl_pin>PIN123</ssl_pin><ssl_transaction_type>ccsale</ssl_transaction_type><ssl_token>T</ssl_token><ssl_amount>1.00</ssl_amount></txn>',
    );
  });

  it('treats a non-200 or an unreadable answer as no answer', async () => {
    await expect(
      new ConvergeClient({ ...config, fetch: answering(503, 'busy').fetch }).send('txnquery', {}),
    ).rejects.toThrow(new ConvergeNoAnswerError('HTTP 503'));
    await expect(
      new ConvergeClient({ ...config, fetch: answering(200, '<html/>').fetch }).send('txnquery', {}),
    ).rejects.toThrow(ConvergeNoAnswerError);
  });

  it('gets a Checkout.js session token, and refuses an error page as one', async () => {
    const good = answering(200, 'zQ2pX3r/9AAAAXoK+DKA\n');
    expect(await new ConvergeClient({ ...config, fetch: good.fetch }).createSessionToken()).toBe(
      'zQ2pX3r/9AAAAXoK+DKA',
    );
    expect(good.calls[0]!.url).toBe('https://api.demo.convergepay.com/hosted-payments/transaction_token');
    expect(Object.fromEntries(new URLSearchParams(good.calls[0]!.body))).toEqual({
      ssl_merchant_id: '123456',
      ssl_user_id: 'apiuser',
      ssl_pin: 'PIN123',
      ssl_transaction_type: 'ccgettoken',
    });
    await expect(
      new ConvergeClient({
        ...config,
        fetch: answering(200, '<html>Error</html>').fetch,
      }).createSessionToken(),
    ).rejects.toThrow(ConvergeNoAnswerError);
  });
});
