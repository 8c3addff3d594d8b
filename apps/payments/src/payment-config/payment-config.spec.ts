import { AUTHORIZE_NET_ENDPOINTS } from '../processors/authorize-net.processor';
import { CONVERGE_ENDPOINTS } from '../processors/converge.client';
import { createProcessor, sandboxEndpoints } from '../processors/processor-factory';
import { paymentConfigOf, sandboxScriptUrls } from './payment-config';

const stripe = {
  secretKey: 'sk_test_NotARealKeyForUnitTests01',
  publishableKey: 'pk_test_NotARealKeyForUnitTests01',
  webhookSecret: 'whsec_WEBHOOKsecretWEBHOOK1',
};
const anet = {
  apiLoginId: 'login7Public',
  transactionKey: 'TxnKeySECRET1234',
  publicClientKey: 'PublicClientKey0123456789abcdef',
  signatureKey: 'AB'.repeat(64),
};
const elavon = { merchantId: '9876543', userId: 'apiuser42', pin: 'PINsecret'.repeat(7).slice(0, 64) };
const session = { processor: 'elavon', sessionToken: 'sess-token-0001' } as const;
const SANDBOX = 'http://127.0.0.1:12111';

describe('the payment page configuration', () => {
  it('names the real scripts in production: Stripe.js, Accept.js and Checkout.js of production', () => {
    expect(paymentConfigOf(createProcessor('stripe', stripe).clientConfig(), undefined, undefined)).toEqual({
      processor: 'stripe',
      scriptUrl: 'https://js.stripe.com/v3/',
      publishableKey: stripe.publishableKey,
    });
    expect(
      paymentConfigOf(createProcessor('authorize_net', anet).clientConfig(), undefined, undefined),
    ).toEqual({
      processor: 'authorize_net',
      scriptUrl: 'https://js.authorize.net/v1/Accept.js',
      apiLoginId: anet.apiLoginId,
      publicClientKey: anet.publicClientKey,
    });
    expect(paymentConfigOf(createProcessor('elavon', elavon).clientConfig(), session, undefined)).toEqual({
      processor: 'elavon',
      scriptUrl: 'https://api.convergepay.com/hosted-payments/Checkout.js',
      transactionToken: 'sess-token-0001',
    });
  });

  it('names the test scripts for accounts in the processors’ own test environments', () => {
    const sandboxAnet = createProcessor('authorize_net', anet, {
      authorizeNet: AUTHORIZE_NET_ENDPOINTS.sandbox,
    });
    expect(paymentConfigOf(sandboxAnet.clientConfig(), undefined, undefined).scriptUrl).toBe(
      'https://jstest.authorize.net/v1/Accept.js',
    );
    const demoConverge = createProcessor('elavon', elavon, { converge: CONVERGE_ENDPOINTS.demo });
    expect(paymentConfigOf(demoConverge.clientConfig(), session, undefined).scriptUrl).toBe(
      'https://api.demo.convergepay.com/hosted-payments/Checkout.js',
    );
  });

  it('names the processor sandbox’s look-alikes when a sandbox is configured', () => {
    const endpoints = sandboxEndpoints(SANDBOX);
    const scripts = sandboxScriptUrls(SANDBOX);
    const scriptOf = (config: { scriptUrl: string }) => config.scriptUrl;
    expect(
      scriptOf(
        paymentConfigOf(createProcessor('stripe', stripe, endpoints).clientConfig(), undefined, scripts),
      ),
    ).toBe(`${SANDBOX}/js/stripe/v3/`);
    expect(
      scriptOf(
        paymentConfigOf(createProcessor('authorize_net', anet, endpoints).clientConfig(), undefined, scripts),
      ),
    ).toBe(`${SANDBOX}/js/authorize-net/v1/Accept.js`);
    expect(
      scriptOf(
        paymentConfigOf(createProcessor('elavon', elavon, endpoints).clientConfig(), session, scripts),
      ),
    ).toBe(`${SANDBOX}/hosted-payments/Checkout.js`);
  });

  it('never carries a secret key, transaction key, signature key, webhook secret, PIN, merchant or user id', () => {
    const answers = [
      paymentConfigOf(createProcessor('stripe', stripe).clientConfig(), undefined, undefined),
      paymentConfigOf(createProcessor('authorize_net', anet).clientConfig(), undefined, undefined),
      paymentConfigOf(createProcessor('elavon', elavon).clientConfig(), session, sandboxScriptUrls(SANDBOX)),
    ];
    const text = JSON.stringify(answers);
    for (const secret of [
      stripe.secretKey,
      stripe.webhookSecret,
      anet.transactionKey,
      anet.signatureKey,
      elavon.pin,
      elavon.merchantId,
      elavon.userId,
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(answers.map((answer) => Object.keys(answer).sort())).toEqual([
      ['processor', 'publishableKey', 'scriptUrl'],
      ['apiLoginId', 'processor', 'publicClientKey', 'scriptUrl'],
      ['processor', 'scriptUrl', 'transactionToken'],
    ]);
  });

  it('drops whatever else an adapter’s public configuration might one day hold', () => {
    const leaky = { ...createProcessor('stripe', stripe).clientConfig(), secretKey: stripe.secretKey };
    expect(JSON.stringify(paymentConfigOf(leaky, undefined, undefined))).not.toContain(stripe.secretKey);
  });

  it('refuses to answer Converge without a session token (Checkout.js cannot start without one)', () => {
    expect(() =>
      paymentConfigOf(createProcessor('elavon', elavon).clientConfig(), undefined, undefined),
    ).toThrow(/session token/);
  });
});
