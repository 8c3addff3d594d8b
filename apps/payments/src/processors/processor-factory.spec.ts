import { ArborError } from '@arbor/contracts';
import { AuthorizeNetProcessor } from './authorize-net.processor';
import { ConvergeProcessor } from './converge.processor';
import { createProcessor, sandboxEndpoints, type ProcessorCredentialsByType } from './processor-factory';
import { StripeProcessor } from './stripe.processor';

const stripe = { secretKey: 'sk_test_abcdefghij123', publishableKey: 'pk_test_abcdefghij123' };
const anet = {
  apiLoginId: 'login1',
  transactionKey: 'Sandbox123456789',
  publicClientKey: 'PublicClientKey0123456789',
};
const elavon = { merchantId: '123456', userId: 'apiuser', pin: 'PIN1234567' };

describe('createProcessor', () => {
  it('builds the adapter of each type', () => {
    expect(createProcessor('stripe', stripe)).toBeInstanceOf(StripeProcessor);
    expect(createProcessor('authorize_net', anet)).toBeInstanceOf(AuthorizeNetProcessor);
    expect(createProcessor('elavon', elavon)).toBeInstanceOf(ConvergeProcessor);
  });

  it('names the damaged credential field, without echoing its value', () => {
    const damaged = { ...anet, transactionKey: 'short-secret' };
    let caught: unknown;
    try {
      createProcessor('authorize_net', damaged);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ArborError);
    const wire = (caught as ArborError).toWire();
    expect(wire.code).toBe('validation_failed');
    expect(wire.details).toEqual({
      errors: [{ path: 'credentials.transactionKey', message: 'must be the 16-character Transaction Key' }],
    });
    expect(JSON.stringify(wire)).not.toContain('short-secret');
  });

  it('refuses an unknown processor type', () => {
    expect(() =>
      createProcessor('paypal' as 'stripe', stripe as ProcessorCredentialsByType['stripe']),
    ).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });

  it('says which processors replay a charge by its key (only Stripe)', () => {
    expect(createProcessor('stripe', stripe).replaysByKey).toBe(true);
    expect(createProcessor('authorize_net', anet).replaysByKey).toBe(false);
    expect(createProcessor('elavon', elavon).replaysByKey).toBe(false);
  });

  it('uses production endpoints unless told otherwise', () => {
    expect(createProcessor('authorize_net', anet).clientConfig()).toMatchObject({
      scriptUrl: 'https://js.authorize.net/v1/Accept.js',
    });
    expect(createProcessor('elavon', elavon).clientConfig()).toMatchObject({
      scriptUrl: 'https://api.convergepay.com/hosted-payments/Checkout.js',
    });
  });
});

describe('sandboxEndpoints', () => {
  it('points every processor at one sandbox', () => {
    expect(sandboxEndpoints('http://127.0.0.1:12111')).toEqual({
      stripe: { host: '127.0.0.1', port: 12111, protocol: 'http' },
      authorizeNet: 'http://127.0.0.1:12111/xml/v1/request.api',
      converge: 'http://127.0.0.1:12111/VirtualMerchantDemo/processxml.do',
    });
  });
});
