// Real: identity, service-enablement, client-records, payments and invoicing as built apps in their
// own processes, each with its own database; the processor sandbox in its own (answering like
// Stripe, Authorize.net and Converge, and serving its look-alikes of their browser scripts); the
// gateway in this process; RabbitMQ, PostgreSQL, Redis. Faked: nothing. What the browser does with
// the answer (Accept.js, Checkout.js) is done here with fetch, as those scripts do it.
import { randomUUID } from 'node:crypto';
import { eventually } from '@arbor/testing';
import { enableClientBilling, portalClients } from './billing-helpers';
import { inviteProvider, signUpAsAdmin } from './identity-helpers';
import { startPlatform, type Platform } from './platform';

const PASSWORD = 'maple-syrup-on-tuesdays';

/** One account of each processor; the secrets are distinctive, so a leak of any is easy to see. */
const ACCOUNTS = {
  stripe: {
    secretKey: 'sk_test_51SECRETstripeKeyNeverShown01',
    publishableKey: 'pk_test_51PublishableKeyForTheBrowser1',
    webhookSecret: 'whsec_WEBHOOKsecretNeverShown0001',
  },
  authorize_net: {
    apiLoginId: 'loginPublic42',
    transactionKey: 'TxnKEYneverShown',
    publicClientKey: 'PublicClientKeyForTheBrowser0123456789ab',
  },
  elavon: { merchantId: '8675309', userId: 'apiuserArbor', pin: 'PINneverShownPINneverShown0001' },
} as const;
type ProcessorType = keyof typeof ACCOUNTS;
const SECRETS = [
  ACCOUNTS.stripe.secretKey,
  ACCOUNTS.stripe.webhookSecret,
  ACCOUNTS.authorize_net.transactionKey,
  ACCOUNTS.elavon.pin,
];

describe('the payment page configuration through the gateway', () => {
  let platform: Platform;
  let sandbox: string;
  const maple = { id: '', adminToken: '', providerToken: '' };
  const accountIds = {} as Record<ProcessorType, string>;
  const cara = { id: '', token: '' };
  const olive = { id: '', token: '' };

  const configOf = (invoiceId: string, token = cara.token) =>
    platform.api.call('GET', `/portal/invoices/${invoiceId}/payment-config`, { token });

  /** The provider invoices a client; retried while invoicing has not yet heard of the client. */
  function invoice(clientId: string): Promise<{ id: string; total: number }> {
    return eventually(async () => {
      const created = await platform.api.call('POST', `/practices/${maple.id}/clients/${clientId}/invoices`, {
        token: maple.providerToken,
        body: { description: 'Session, 50 minutes', amount: 12_500 },
      });
      expect(created.status).toBe(201);
      return created.body as { id: string; total: number };
    });
  }

  function pay(invoiceId: string, paymentToken: string) {
    return platform.api.call('POST', `/portal/invoices/${invoiceId}/pay`, {
      token: cara.token,
      body: { paymentToken },
    });
  }

  async function activate(type: ProcessorType): Promise<void> {
    const switched = await platform.api.call(
      'PATCH',
      `/practices/${maple.id}/payment-processors/${accountIds[type]}`,
      { token: maple.adminToken, body: { active: true } },
    );
    expect([switched.status, switched.body['active']]).toEqual([200, true]);
  }

  /** The browser loads the script the answer names: the sandbox serves its look-alike there. */
  async function expectScriptServed(scriptUrl: string): Promise<void> {
    const script = await fetch(scriptUrl);
    expect([script.status, script.headers.get('content-type')]).toEqual([
      200,
      expect.stringMatching(/javascript/),
    ]);
  }

  beforeAll(async () => {
    platform = await startPlatform('payment_config', [
      'identity',
      'service-enablement',
      'client-records',
      'payments',
      'invoicing',
    ]);
    sandbox = platform.sandboxUrl!;
    const admin = await signUpAsAdmin(platform.api, 'Maple Counselling', 'ada@maple.test', PASSWORD);
    maple.id = admin.practiceId;
    maple.adminToken = admin.adminToken;
    const provider = await inviteProvider(platform.api, admin, {
      name: 'Pat Provider',
      email: 'pat@maple.test',
      password: PASSWORD,
    });
    maple.providerToken = provider.accessToken;
    // The first account is the active one; the others wait to be switched to.
    for (const type of ['stripe', 'authorize_net', 'elavon'] as const) {
      const created = await platform.api.call('POST', `/practices/${maple.id}/payment-processors`, {
        token: maple.adminToken,
        body: { description: `Our ${type} account`, type, credentials: ACCOUNTS[type] },
      });
      expect(created.status).toBe(201);
      accountIds[type] = created.body['id'] as string;
    }
    await enableClientBilling(platform.api, admin, [provider.userId]);
    const provided = { practiceId: maple.id, token: maple.providerToken };
    const [caraClient, oliveClient] = await portalClients(
      platform.api,
      provided,
      ['Cara', 'Olive'],
      PASSWORD,
    );
    Object.assign(cara, caraClient);
    Object.assign(olive, oliveClient);
  });

  afterAll(() => platform?.close());

  it('gives the client of a Stripe practice its publishable key and Stripe.js, uncached; Stripe.js’s PaymentMethod pays', async () => {
    const unpaid = await invoice(cara.id);
    const config = await configOf(unpaid.id);
    expect([config.status, config.body]).toEqual([
      200,
      {
        processor: 'stripe',
        scriptUrl: `${sandbox}/js/stripe/v3/`,
        publishableKey: ACCOUNTS.stripe.publishableKey,
      },
    ]);
    expect(config.headers.get('cache-control')).toBe('no-store');
    // The web app's policy lets the page load the script, frame its fields and call its API.
    const policy = config.headers.get('content-security-policy') ?? '';
    for (const directive of ['script-src', 'frame-src', 'connect-src']) {
      expect(policy).toContain(`${directive} 'self' ${sandbox};`);
    }
    await expectScriptServed(config.body['scriptUrl'] as string);
    // What Stripe.js does with the publishable key: the card to Stripe, a PaymentMethod back.
    const created = await fetch(`${sandbox}/v1/payment_methods`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${config.body['publishableKey'] as string}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'type=card&card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=2031&card[cvc]=123',
    });
    const paymentMethod = ((await created.json()) as { id?: string }).id;
    expect(paymentMethod).toMatch(/^pm_/);
    const paid = await pay(unpaid.id, paymentMethod!);
    expect([paid.status, paid.body['status']]).toEqual([200, 'paid']);
  });

  it('gives an Authorize.net practice’s client the keys Accept.js tokenizes with, and the nonce pays', async () => {
    await activate('authorize_net');
    const unpaid = await invoice(cara.id);
    const config = await configOf(unpaid.id);
    expect([config.status, config.body]).toEqual([
      200,
      {
        processor: 'authorize_net',
        scriptUrl: `${sandbox}/js/authorize-net/v1/Accept.js`,
        apiLoginId: ACCOUNTS.authorize_net.apiLoginId,
        publicClientKey: ACCOUNTS.authorize_net.publicClientKey,
      },
    ]);
    await expectScriptServed(config.body['scriptUrl'] as string);
    // What Accept.js does with them: the card to Authorize.net, a one-use nonce back.
    const accept = await fetch(`${sandbox}/xml/v1/request.api`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        securePaymentContainerRequest: {
          merchantAuthentication: {
            name: config.body['apiLoginId'],
            clientKey: config.body['publicClientKey'],
          },
          data: {
            type: 'TOKEN',
            id: randomUUID(),
            token: { cardNumber: '4111111111111111', expirationDate: '122035' },
          },
        },
      }),
    });
    const nonce = (
      JSON.parse((await accept.text()).replace(/^\uFEFF/, '')) as { opaqueData?: { dataValue: string } }
    ).opaqueData?.dataValue;
    expect(nonce).toEqual(expect.any(String));
    const paid = await pay(unpaid.id, nonce!);
    expect([paid.status, paid.body['status']]).toEqual([200, 'paid']);
  });

  it('gives an Elavon practice’s client a fresh Converge session token each time, which Checkout.js pays with', async () => {
    await activate('elavon');
    const unpaid = await invoice(cara.id);
    const first = await configOf(unpaid.id);
    expect([first.status, first.body]).toEqual([
      200,
      {
        processor: 'elavon',
        scriptUrl: `${sandbox}/hosted-payments/Checkout.js`,
        transactionToken: expect.any(String),
      },
    ]);
    const second = await configOf(unpaid.id);
    expect(second.body['transactionToken']).not.toBe(first.body['transactionToken']);
    await expectScriptServed(first.body['scriptUrl'] as string);
    // What Checkout.js does with it: the card and the session token to Converge, an ssl_token back.
    const hosted = await fetch(`${sandbox}/hosted-payments/service/payment/hpe/process`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        fields: {
          ssl_txn_auth_token: second.body['transactionToken'],
          ssl_card_number: '4000000000000002',
          ssl_exp_date: '1235',
        },
      }),
    });
    const answer = (await hosted.json()) as Record<string, string>;
    expect(answer['ssl_token']).toEqual(expect.any(String));
    const paid = await pay(unpaid.id, answer['ssl_token']!);
    expect([paid.status, paid.body['status']]).toEqual([200, 'paid']);
  });

  it('answers another client’s invoice 404, a paid one 409 naming paid, and staff 403', async () => {
    await activate('stripe');
    const olives = await invoice(olive.id);
    expect((await configOf(olives.id)).status).toBe(404);
    expect((await configOf(randomUUID())).status).toBe(404);
    expect((await configOf(olives.id, olive.token)).status).toBe(200);

    const paidOne = await invoice(cara.id);
    expect((await pay(paidOne.id, 'pm_card_visa')).status).toBe(200);
    const paid = await configOf(paidOne.id);
    expect([paid.status, paid.body['currentStatus']]).toEqual([409, 'paid']);

    for (const staff of [maple.providerToken, maple.adminToken]) {
      expect((await configOf(olives.id, staff)).status).toBe(403);
    }
  });

  it('answers 409 once the practice’s processor is deleted: it takes no card payments', async () => {
    const unpaid = await invoice(cara.id);
    for (const type of ['stripe', 'authorize_net', 'elavon'] as const) {
      const deleted = await platform.api.call(
        'DELETE',
        `/practices/${maple.id}/payment-processors/${accountIds[type]}`,
        { token: maple.adminToken },
      );
      expect(deleted.status).toBe(204);
    }
    const refused = await configOf(unpaid.id);
    expect([refused.status, refused.body['detail']]).toEqual([
      409,
      expect.stringMatching(/no active payment processor/),
    ]);
  });

  it('never lets a secret key, transaction key or PIN reach a log line', () => {
    const logs = `${platform.output('payments')}\n${platform.output('invoicing')}`;
    expect(logs).toContain('payments started');
    for (const secret of SECRETS) expect(logs).not.toContain(secret);
  });
});
