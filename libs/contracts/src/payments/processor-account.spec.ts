import { CreateProcessorAccountBody } from './create-processor-account.command';
import { fieldErrors } from '../problems';
import { SalesTaxSettings } from './sales-tax.types';

function paths(result: { success: boolean; error?: Parameters<typeof fieldErrors>[0] }): string[] {
  return result.success ? [] : fieldErrors(result.error!).map((error) => error.path);
}

describe('processor account input', () => {
  it('accepts each processor with the fields its dashboard gives', () => {
    for (const account of [
      {
        description: 'Main',
        type: 'stripe',
        credentials: { secretKey: 'sk_test_51Habcdefghij', publishableKey: 'pk_test_51Habcdefghij' },
      },
      {
        description: 'ANet',
        type: 'authorize_net',
        credentials: {
          apiLoginId: '5KP3u95bQpv',
          transactionKey: '346HZ32z3fP4hTG2',
          publicClientKey: '7pVZn5M2ha5jEhhsb6Cn8Lq92T5vQF',
        },
      },
      {
        description: 'Converge',
        type: 'elavon',
        credentials: { merchantId: '0017340', userId: 'webpage', pin: 'ABC123DEF456' },
      },
    ]) {
      expect([account.type, paths(CreateProcessorAccountBody.safeParse(account))]).toEqual([
        account.type,
        [],
      ]);
    }
  });

  it('names the missing or malformed credential field, and refuses an unknown processor', () => {
    expect(
      paths(
        CreateProcessorAccountBody.safeParse({
          description: 'x',
          type: 'stripe',
          credentials: { secretKey: 'nope' },
        }),
      ),
    ).toEqual(['credentials.secretKey', 'credentials.publishableKey']);
    expect(
      paths(CreateProcessorAccountBody.safeParse({ description: 'x', type: 'paypal', credentials: {} })),
    ).toEqual(['type']);
  });
});

describe('sales tax settings', () => {
  it.each([
    [{ mode: 'flat', ratePercent: -1, pricesIncludeTax: false }, ['ratePercent']],
    [{ mode: 'flat', ratePercent: 100.5, pricesIncludeTax: false }, ['ratePercent']],
    [{ mode: 'flat', ratePercent: 8.87501, pricesIncludeTax: false }, ['ratePercent']],
    [{ mode: 'flat', pricesIncludeTax: false }, ['ratePercent']],
    [{ mode: 'by_state', stateRates: { NY: 8.875, XX: 5 }, pricesIncludeTax: false }, ['stateRates.XX']],
    [{ mode: 'sometimes', pricesIncludeTax: false }, ['mode']],
  ])('refuses %j naming %j', (settings, expected) => {
    const result = SalesTaxSettings.safeParse(settings);
    expect(paths(result).map((path) => path.split('.').slice(0, 2).join('.'))).toEqual(expected);
  });

  it('accepts 4 decimal places, 0 and 100', () => {
    for (const ratePercent of [0, 100, 8.875, 6.0001]) {
      expect(SalesTaxSettings.safeParse({ mode: 'flat', ratePercent, pricesIncludeTax: true }).success).toBe(
        true,
      );
    }
  });
});
