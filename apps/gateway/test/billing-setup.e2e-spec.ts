// Real: identity and payments as built apps in their own processes, the processor sandbox in its
// own (answering like Stripe, Authorize.net and Converge), the gateway in this process, RabbitMQ,
// PostgreSQL. Faked: nothing.
import { inviteProvider, signUpAsAdmin } from './identity-helpers';
import { startPlatform, type Platform } from './platform';

const PASSWORD = 'maple-syrup-on-tuesdays';

const ACCOUNTS = {
  stripe: {
    secretKey: 'sk_test_51HsupersecretStripeKey0001',
    publishableKey: 'pk_test_51HpublishableKey00000001',
  },
  authorize_net: {
    apiLoginId: '5KP3u95bQpv',
    transactionKey: '346HZ32z3fP4hTG2',
    publicClientKey: '7pVZn5M2ha5jEhhsb6Cn8Lq92T5vQF',
  },
  elavon: { merchantId: '0017340', userId: 'webpage', pin: 'PINsecret0000000000000000000001' },
} as const;

describe('Billing setup through the gateway', () => {
  let platform: Platform;
  const maple = { id: '', adminToken: '', providerToken: '' };
  let birchAdminToken = '';

  beforeAll(async () => {
    platform = await startPlatform('billing', ['identity', 'payments']);
    const signedUp = await signUpAsAdmin(platform.api, 'Maple Counselling', 'ada@maple.test', PASSWORD);
    maple.id = signedUp.practiceId;
    maple.adminToken = signedUp.adminToken;
    birchAdminToken = (await signUpAsAdmin(platform.api, 'Birch Therapy', 'otto@birch.test', PASSWORD))
      .adminToken;
    maple.providerToken = (
      await inviteProvider(
        platform.api,
        { practiceId: maple.id, adminToken: maple.adminToken },
        { name: 'Pat Provider', email: 'pat@maple.test', password: PASSWORD },
      )
    ).accessToken;
  });

  afterAll(() => platform?.close());

  it('lets an Admin add and test an account for each of the three processors, credentials masked', async () => {
    for (const [type, credentials] of Object.entries(ACCOUNTS)) {
      const created = await platform.api.call('POST', `/practices/${maple.id}/payment-processors`, {
        token: maple.adminToken,
        body: { description: `Our ${type} account`, type, credentials },
      });
      expect([type, created.status]).toEqual([type, 201]);
      expect(JSON.stringify(created.body)).not.toContain('supersecret');
      const tested = await platform.api.call(
        'POST',
        `/practices/${maple.id}/payment-processors/${created.body['id'] as string}/test`,
        {
          token: maple.adminToken,
        },
      );
      expect([type, tested.status, tested.body['ok']]).toEqual([type, 200, true]);
    }
    const list = await platform.api.call('GET', `/practices/${maple.id}/payment-processors`, {
      token: maple.adminToken,
    });
    const items = list.body['items'] as Array<{
      type: string;
      active: boolean;
      credentials: Record<string, string>;
    }>;
    expect(items.map((item) => [item.type, item.active])).toEqual([
      ['stripe', true],
      ['authorize_net', false],
      ['elavon', false],
    ]);
    expect(items[0]?.credentials['secretKey']).toBe('••••0001');
  });

  it('says plainly when the processor refuses the credentials', async () => {
    const created = await platform.api.call('POST', `/practices/${maple.id}/payment-processors`, {
      token: maple.adminToken,
      body: {
        description: 'A live key in the demo',
        type: 'stripe',
        credentials: {
          // Fake live-mode keys, spelt so that secret scanners do not mistake them for real ones.
          secretKey: `sk_${'live'}_51Hnotallowedhere0000`,
          publishableKey: `pk_${'live'}_51Hnotallowedhere0000`,
        },
      },
    });
    const tested = await platform.api.call(
      'POST',
      `/practices/${maple.id}/payment-processors/${created.body['id'] as string}/test`,
      {
        token: maple.adminToken,
      },
    );
    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({ ok: false, message: expect.stringMatching(/key/i) });
  });

  it('sets sales tax by state and reads it back', async () => {
    const settings = { mode: 'by_state', stateRates: { NY: 8.875, CA: 7.25 }, pricesIncludeTax: false };
    const put = await platform.api.call('PUT', `/practices/${maple.id}/sales-tax`, {
      token: maple.adminToken,
      body: settings,
    });
    expect([put.status, put.body]).toEqual([200, settings]);
    const got = await platform.api.call('GET', `/practices/${maple.id}/sales-tax`, {
      token: maple.adminToken,
    });
    expect(got.body).toMatchObject({ ...settings, statewideBaseRates: expect.objectContaining({ NY: 4 }) });
  });

  it('gives a Provider 403 for every processor and sales-tax route, and another practice 404', async () => {
    const routes: Array<[string, string, unknown?]> = [
      ['GET', `/practices/${maple.id}/payment-processors`],
      [
        'POST',
        `/practices/${maple.id}/payment-processors`,
        { description: 'x', type: 'elavon', credentials: ACCOUNTS.elavon },
      ],
      ['GET', `/practices/${maple.id}/sales-tax`],
      ['PUT', `/practices/${maple.id}/sales-tax`, { mode: 'none', pricesIncludeTax: false }],
    ];
    for (const [method, path, body] of routes) {
      expect([
        method,
        path,
        (await platform.api.call(method, path, { token: maple.providerToken, body })).status,
      ]).toEqual([method, path, 403]);
      expect([
        method,
        path,
        (await platform.api.call(method, path, { token: birchAdminToken, body })).status,
      ]).toEqual([method, path, 404]);
    }
  });

  it.each([
    [
      'an unknown processor type',
      'payment-processors',
      'POST',
      { description: 'x', type: 'paypal', credentials: {} },
      ['type'],
    ],
    [
      'a missing credential field',
      'payment-processors',
      'POST',
      { description: 'x', type: 'elavon', credentials: { merchantId: '0017340', userId: 'webpage' } },
      ['credentials.pin'],
    ],
    [
      'a negative rate',
      'sales-tax',
      'PUT',
      { mode: 'flat', ratePercent: -1, pricesIncludeTax: false },
      ['ratePercent'],
    ],
    [
      'a rate over 100',
      'sales-tax',
      'PUT',
      { mode: 'flat', ratePercent: 100.01, pricesIncludeTax: false },
      ['ratePercent'],
    ],
    [
      'more than 4 decimal places',
      'sales-tax',
      'PUT',
      { mode: 'flat', ratePercent: 8.87501, pricesIncludeTax: false },
      ['ratePercent'],
    ],
    [
      'an unknown state code',
      'sales-tax',
      'PUT',
      { mode: 'by_state', stateRates: { NY: 8.875, XX: 5 }, pricesIncludeTax: false },
      ['stateRates.XX'],
    ],
  ])('answers %s with 400 naming the field', async (_name, resource, method, body, fields) => {
    const response = await platform.api.call(method, `/practices/${maple.id}/${resource}`, {
      token: maple.adminToken,
      body,
    });
    expect(response.status).toBe(400);
    expect((response.body['errors'] as Array<{ path: string }>).map((error) => error.path)).toEqual(fields);
  });
});
