/**
 * Real: the processor sandbox over HTTP, its three browser scripts running in headless Chromium
 * (playwright-core) on a test page served from another origin (so CORS and the card iframe's
 * postMessage origin checks are really exercised), and the server-side charge of each token the
 * way payments makes it — the official `stripe` SDK, Authorize.net JSON, Converge XML `ccsale`.
 * Faked: the processors themselves — the sandbox answers in their place.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import Stripe from 'stripe';
import { convergeRequest, txnOf } from '../../test/converge-client';
import { startProcessorSandbox, type ProcessorSandbox } from '../sandbox';

// A script that never calls back should fail its test in seconds, not at the tier's two minutes.
jest.setTimeout(20_000);

let sandbox: ProcessorSandbox;
let pages: Server;
let pageOrigin: string;
let browser: Browser;
let page: Page;
/** Every request the browser made, by URL, to check what left the page. */
let requests: string[];

const nextYear = String(new Date().getUTCFullYear() + 1);

/** The test pages: each loads one script from the sandbox's origin and exposes a promise API. */
function pageHtml(name: string): string {
  const scripts: Record<string, string> = {
    stripe: `<script src="${sandbox.url}/js/stripe/v3/"></script>
<div id="card-element"></div>
<script>
  window.changes = [];
  window.ready = new Promise((resolve) => {
    const params = new URLSearchParams(location.search);
    const stripe = Stripe(params.get('key'));
    const card = stripe.elements().create('card');
    card.on('change', (event) => window.changes.push(event));
    card.on('ready', () => resolve(true));
    card.mount('#card-element');
    window.tokenize = () => stripe.createPaymentMethod({ type: 'card', card, billing_details: { name: 'Ada Lovelace' } });
  });
</script>`,
    accept: `<script src="${sandbox.url}/js/authorize-net/v1/Accept.js"></script>
<script>
  window.dispatch = (secureData) => new Promise((resolve) => Accept.dispatchData(secureData, resolve));
</script>`,
    converge: `<script src="${sandbox.url}/hosted-payments/Checkout.js"></script>
<script>
  window.pay = (paymentData) => new Promise((resolve) => ConvergeEmbeddedPayment.pay(paymentData, {
    onError: (error) => resolve({ outcome: 'error', error }),
    onDeclined: (response) => resolve({ outcome: 'declined', response }),
    onApproval: (response) => resolve({ outcome: 'approval', response }),
  }));
</script>`,
  };
  return `<!doctype html><html><head><meta charset="utf-8"><title>${name}</title></head><body>${scripts[name] ?? ''}</body></html>`;
}

beforeAll(async () => {
  sandbox = await startProcessorSandbox({ port: 0, host: '127.0.0.1' });
  pages = createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://pages').pathname.slice(1);
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(pageHtml(name));
  });
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
  pageOrigin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
});

beforeEach(async () => {
  page = await browser.newPage();
  requests = [];
  page.on('request', (request) => requests.push(request.url()));
});

afterEach(async () => {
  await page.close();
});

afterAll(async () => {
  await browser.close();
  await new Promise<void>((resolve) => pages.close(() => resolve()));
  await sandbox.close();
});

it('serves the pages and the sandbox from different origins', () => {
  expect(new URL(sandbox.url).origin).not.toBe(pageOrigin);
});

describe('Stripe.js look-alike', () => {
  const publishableKey = () => `pk_test_${randomUUID().replace(/-/g, '')}`;
  const secret = () =>
    new Stripe(`sk_test_${randomUUID().replace(/-/g, '')}`, {
      host: '127.0.0.1',
      port: sandbox.port,
      protocol: 'http',
      maxNetworkRetries: 0,
    });

  async function openCard() {
    await page.goto(`${pageOrigin}/stripe?key=${publishableKey()}`);
    await page.evaluate(() => (globalThis as unknown as { ready: Promise<boolean> }).ready);
    return page.frameLocator('iframe[title="Secure card payment input frame"]');
  }

  async function fillCard(number: string, expiry = `12 / ${nextYear.slice(2)}`, cvc = '123') {
    const frame = await openCard();
    await frame.getByLabel('Card number').fill(number);
    await frame.getByLabel('Expiration date (MM / YY)').fill(expiry);
    await frame.getByLabel('CVC').fill(cvc);
    await frame.getByLabel('ZIP').fill('46201');
  }

  function tokenize(): Promise<{
    paymentMethod?: Stripe.PaymentMethod;
    error?: { type: string; code: string; message: string; decline_code?: string };
  }> {
    return page.evaluate(() => (globalThis as unknown as { tokenize: () => Promise<never> }).tokenize());
  }

  function charge(stripe: Stripe, paymentMethod: string) {
    return stripe.paymentIntents.create({
      amount: 4200,
      currency: 'usd',
      payment_method: paymentMethod,
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
  }

  it('tokenizes 4242… in the iframe and the PaymentMethod is charged with a secret key', async () => {
    await fillCard('4242 4242 4242 4242');
    const result = await tokenize();
    expect(result.error).toBeUndefined();
    expect(result.paymentMethod).toMatchObject({
      object: 'payment_method',
      type: 'card',
      card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: Number(nextYear) },
      billing_details: { name: 'Ada Lovelace', address: { postal_code: '46201' } },
    });
    // The page cannot read the card: the inputs are in a frame of another origin.
    const reach = await page.evaluate(() => {
      const { document } = globalThis as unknown as {
        document: { querySelector(selector: string): { contentDocument: unknown } | null };
      };
      return document.querySelector('iframe')?.contentDocument === null ? 'blocked' : 'readable';
    });
    expect(reach).toBe('blocked');
    const changes = await page.evaluate(() => (globalThis as unknown as { changes: unknown[] }).changes);
    expect(changes.at(-1)).toMatchObject({ elementType: 'card', complete: true, empty: false });

    const stripe = secret();
    const intent = await charge(stripe, result.paymentMethod!.id);
    expect(intent.status).toBe('succeeded');
    // The PaymentMethod now belongs to that account: another one cannot use it.
    const other = await charge(secret(), result.paymentMethod!.id).catch((e: unknown) => e);
    expect(other).toMatchObject({ type: 'StripeInvalidRequestError', code: 'resource_missing' });
  });

  it('tokenizes the decline card 4000 0000 0000 0002, and the charge is declined', async () => {
    await fillCard('4000 0000 0000 0002');
    const result = await tokenize();
    expect(result.paymentMethod?.card?.last4).toBe('0002');
    const declined = await charge(secret(), result.paymentMethod!.id).catch((e: unknown) => e);
    expect(declined).toMatchObject({
      type: 'StripeCardError',
      code: 'card_declined',
      decline_code: 'generic_decline',
    });
  });

  it('refuses a number failing Luhn in the iframe, before any request to Stripe', async () => {
    await fillCard('4242 4242 4242 4241');
    const changes = await page.evaluate(() => (globalThis as unknown as { changes: unknown[] }).changes);
    expect(changes.at(-1)).toMatchObject({ complete: false, error: { code: 'invalid_number' } });
    const result = await tokenize();
    expect(result).toEqual({
      error: { type: 'validation_error', code: 'invalid_number', message: 'Your card number is invalid.' },
    });
    expect(requests.filter((url) => url.includes('/v1/payment_methods'))).toEqual([]);
  });

  it('ignores a message that claims to come from the card frame but comes from the page', async () => {
    await openCard();
    const changes = await page.evaluate(async () => {
      const win = globalThis as unknown as {
        postMessage(message: unknown, targetOrigin: string): void;
        changes: Array<{ brand?: string }>;
      };
      win.postMessage(
        {
          source: 'arbor-sandbox-stripe-frame',
          type: 'change',
          complete: true,
          empty: false,
          brand: 'forged',
        },
        '*',
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      return win.changes;
    });
    expect(changes.filter((change) => change.brand === 'forged')).toEqual([]);
  });

  it('refuses a past expiry and an incomplete CVC in the iframe', async () => {
    await fillCard('4242 4242 4242 4242', '01 / 20');
    expect((await tokenize()).error).toMatchObject({ code: 'invalid_expiry_year_past' });
    await fillCard('4242 4242 4242 4242', `12 / ${nextYear.slice(2)}`, '12');
    expect((await tokenize()).error).toMatchObject({ code: 'incomplete_cvc' });
  });

  it('answers the raw-card call with a publishable key and CORS, and refuses it with a secret key', async () => {
    const body = 'type=card&card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=' + nextYear;
    const withPublishable = await fetch(`${sandbox.url}/v1/payment_methods`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${publishableKey()}`, Origin: pageOrigin },
      body,
    });
    expect(withPublishable.status).toBe(200);
    expect(withPublishable.headers.get('access-control-allow-origin')).toBe('*');
    const withSecret = await fetch(`${sandbox.url}/v1/payment_methods`, {
      method: 'POST',
      headers: { Authorization: `Bearer sk_test_${randomUUID().replace(/-/g, '')}` },
      body,
    });
    expect(withSecret.status).toBe(400);
    expect(((await withSecret.json()) as { error: { message: string } }).error.message).toMatch(
      /^Sending credit card numbers directly to the Stripe API is generally unsafe/,
    );
  });
});

describe('Accept.js look-alike', () => {
  const merchant = () => ({
    apiLoginID: `login${randomInt(1_000_000)}`,
    clientKey: 'SandboxClientKey0123456789',
  });

  const visa = { cardNumber: '4111111111111111', month: '12', year: nextYear };

  interface AcceptResponse {
    opaqueData?: { dataDescriptor: string; dataValue: string };
    messages: { resultCode: string; message: Array<{ code: string; text: string }> };
  }

  async function dispatch(authData: object, cardData: object): Promise<AcceptResponse> {
    await page.goto(`${pageOrigin}/accept`);
    return page.evaluate(
      (secureData) =>
        (globalThis as unknown as { dispatch: (s: object) => Promise<AcceptResponse> }).dispatch(secureData),
      { authData, cardData },
    );
  }

  async function anet(body: object): Promise<Record<string, unknown>> {
    const response = await fetch(`${sandbox.url}/xml/v1/request.api`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return JSON.parse((await response.text()).replace(/^\uFEFF/, '')) as Record<string, unknown>;
  }

  /** The charge payments makes with the nonce. */
  function charge(name: string, dataValue: string) {
    return anet({
      createTransactionRequest: {
        merchantAuthentication: { name, transactionKey: 'Sandbox123456789' },
        transactionRequest: {
          transactionType: 'authCaptureTransaction',
          amount: '42.00',
          payment: { opaqueData: { dataDescriptor: 'COMMON.ACCEPT.INAPP.PAYMENT', dataValue } },
        },
      },
    });
  }

  it('tokenizes 4111… into a one-use nonce that createTransactionRequest charges', async () => {
    const auth = merchant();
    const response = await dispatch(auth, { ...visa, cardCode: '123' });
    expect(response).toMatchObject({
      opaqueData: { dataDescriptor: 'COMMON.ACCEPT.INAPP.PAYMENT', dataValue: expect.any(String) },
      messages: { resultCode: 'Ok', message: [{ code: 'I_WC_01', text: 'Successful.' }] },
    });
    const paid = await charge(auth.apiLoginID, response.opaqueData!.dataValue);
    expect(paid).toMatchObject({
      messages: { resultCode: 'Ok' },
      transactionResponse: { responseCode: '1', accountNumber: 'XXXX1111' },
    });
    const again = await charge(auth.apiLoginID, response.opaqueData!.dataValue);
    expect(again).toMatchObject({ messages: { resultCode: 'Error', message: [{ code: 'E00114' }] } });
  });

  it('tokenizes a card with the declining ZIP 46282, and the charge is declined', async () => {
    const auth = merchant();
    const response = await dispatch(auth, { ...visa, zip: '46282' });
    const paid = await charge(auth.apiLoginID, response.opaqueData!.dataValue);
    expect(paid).toMatchObject({ transactionResponse: { responseCode: '2' } });
  });

  it('refuses bad card data itself with E_WC_ codes, before any request', async () => {
    const response = await dispatch(merchant(), {
      cardNumber: '4111111111111112',
      month: '13',
      year: nextYear,
      cardCode: '12a',
    });
    expect(response).toEqual({
      messages: {
        resultCode: 'Error',
        message: [
          { code: 'E_WC_05', text: 'Please provide valid credit card number.' },
          { code: 'E_WC_06', text: 'Please provide valid expiration month.' },
          { code: 'E_WC_15', text: 'Please provide valid CVV.' },
        ],
      },
    });
    expect(requests.filter((url) => url.includes('/xml/v1/request.api'))).toEqual([]);
  });

  it('passes on the API refusing the credentials as E_WC_21', async () => {
    const response = await dispatch(
      { apiLoginID: 'bad login!', clientKey: 'SandboxClientKey0123456789' },
      visa,
    );
    expect(response.messages).toEqual({
      resultCode: 'Error',
      message: [
        { code: 'E_WC_21', text: 'User authentication failed due to invalid authentication values.' },
      ],
    });
  });
});

describe('Converge Checkout.js look-alike', () => {
  const merchant = () => ({
    ssl_merchant_id: String(randomInt(100_000, 9_999_999)),
    ssl_user_id: 'apiuser123',
    ssl_pin: 'PIN0123456789',
  });

  async function sessionToken(credentials: Record<string, string>): Promise<string> {
    const response = await fetch(`${sandbox.url}/hosted-payments/transaction_token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...credentials, ssl_transaction_type: 'ccgettoken' }).toString(),
    });
    return response.text();
  }

  interface PayResult {
    outcome: 'error' | 'declined' | 'approval';
    error?: string;
    response?: Record<string, string>;
  }

  async function pay(paymentData: Record<string, string>): Promise<PayResult> {
    await page.goto(`${pageOrigin}/converge`);
    return page.evaluate(
      (data) => (globalThis as unknown as { pay: (d: object) => Promise<PayResult> }).pay(data),
      paymentData,
    );
  }

  function sale(credentials: Record<string, string>, token: string, amount: string) {
    return convergeRequest(`${sandbox.url}/VirtualMerchantDemo/processxml.do`, {
      ...credentials,
      ssl_transaction_type: 'ccsale',
      ssl_amount: amount,
      ssl_token: token,
    }).then(txnOf);
  }

  const card = {
    ssl_card_number: '4000000000000002',
    ssl_exp_date: `12${nextYear.slice(2)}`,
    ssl_cvv2cvc2: '123',
  };

  it('turns the card into an ssl_token through a ccgettoken session, and ccsale charges it', async () => {
    const credentials = merchant();
    const token = await sessionToken(credentials);
    const result = await pay({ ssl_txn_auth_token: token, ...card });
    expect(result.outcome).toBe('approval');
    expect(result.response).toMatchObject({
      ssl_result: '0',
      ssl_token_response: 'SUCCESS',
      ssl_card_number: '40**********0002',
      ssl_token: expect.stringMatching(/^\d{12}0002$/),
    });
    const paid = await sale(credentials, result.response!['ssl_token']!, '42.00');
    expect(paid).toMatchObject({ ssl_result: '0', ssl_result_message: 'APPROVAL' });
    const declined = await sale(credentials, result.response!['ssl_token']!, '42.05');
    expect(declined).toMatchObject({ ssl_result: '1', ssl_result_message: 'DECLINED' });
  });

  it('spends the session token once: paying again is an error', async () => {
    const token = await sessionToken(merchant());
    expect((await pay({ ssl_txn_auth_token: token, ...card })).outcome).toBe('approval');
    expect(await pay({ ssl_txn_auth_token: token, ...card })).toEqual({
      outcome: 'error',
      error: 'The token supplied in the authorization request appears to be invalid.',
    });
  });

  it('refuses a payment without a session token itself, and a bad card number through onError', async () => {
    expect((await pay({ ...card, ssl_txn_auth_token: '' })).outcome).toBe('error');
    expect(requests.filter((url) => url.includes('/hosted-payments/service/'))).toEqual([]);
    const token = await sessionToken(merchant());
    expect(await pay({ ssl_txn_auth_token: token, ...card, ssl_card_number: '4000000000000003' })).toEqual({
      outcome: 'error',
      error: 'The Credit Card Number supplied in the authorization request appears to be invalid.',
    });
  });
});
