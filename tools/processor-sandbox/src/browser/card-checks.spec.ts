// The checks the browser scripts run, loaded the way the server side loads them.
import * as checks from './card-checks';

const NOW = new Date(2030, 5, 15);
const card = { number: '4242 4242 4242 4242', expiry: '12 / 31', cvc: '123', postalCode: '46201' };

describe('Stripe card Element state', () => {
  it('is complete for a valid card, with its brand', () => {
    expect(checks.stripeCardState(card, NOW, true)).toEqual({
      empty: false,
      complete: true,
      brand: 'visa',
      error: undefined,
    });
  });

  it('is empty and incomplete with nothing typed, without an error until submitted', () => {
    const blank = { number: '', expiry: '', cvc: '', postalCode: '' };
    expect(checks.stripeCardState(blank, NOW, false)).toMatchObject({ empty: true, complete: false });
    expect(checks.stripeCardState(blank, NOW, false).error).toBeUndefined();
    expect(checks.stripeCardState(blank, NOW, true).error).toEqual({
      type: 'validation_error',
      code: 'incomplete_number',
      message: 'Your card number is incomplete.',
    });
  });

  it.each([
    [{ number: '4242 4242 4242 4241' }, 'invalid_number'],
    [{ expiry: '05 / 30' }, 'invalid_expiry_month_past'],
    [{ expiry: '12 / 29' }, 'invalid_expiry_year_past'],
    [{ expiry: '13 / 31' }, 'invalid_expiry_month'],
    [{ expiry: '12 / 3' }, 'incomplete_expiry'],
    [{ cvc: '12' }, 'incomplete_cvc'],
    [{ number: '3782 822463 10005', cvc: '123' }, 'incomplete_cvc'],
    [{ postalCode: '' }, 'incomplete_zip'],
  ])('refuses %j with %s', (change, code) => {
    expect(checks.stripeCardState({ ...card, ...change }, NOW, true).error?.code).toBe(code);
  });

  it('takes a four-digit CVC for Amex, and no ZIP when the field is hidden', () => {
    const amex = { number: '3782 822463 10005', expiry: '1231', cvc: '1234' };
    expect(checks.stripeCardState(amex, NOW, true)).toMatchObject({ complete: true, brand: 'amex' });
  });
});

describe('Accept.js checks', () => {
  const authData = { apiLoginID: 'login1', clientKey: 'ClientKey0123456789' };
  const cardData = { cardNumber: '4111111111111111', month: '12', year: '2031', cardCode: '123' };

  it('passes valid card and auth data', () => {
    expect(checks.acceptErrors({ authData, cardData }, NOW)).toEqual([]);
  });

  it('lists every failing field with Accept.js codes', () => {
    const errors = checks.acceptErrors(
      {
        authData: { apiLoginID: '', clientKey: '' },
        cardData: { cardNumber: '411', month: '0', year: 'x', zip: '' },
      },
      NOW,
    );
    expect(errors.map((e) => e.code)).toEqual(['E_WC_05', 'E_WC_07', 'E_WC_06', 'E_WC_10', 'E_WC_18']);
  });

  it('refuses a past expiry (E_WC_08), a bad CVV (E_WC_15) and missing data (E_WC_04)', () => {
    expect(checks.acceptErrors({ authData, cardData: { ...cardData, month: '5', year: '30' } }, NOW)).toEqual(
      [{ code: 'E_WC_08', text: 'Expiration date must be in the future.' }],
    );
    expect(checks.acceptErrors({ authData, cardData: { ...cardData, cardCode: '12345' } }, NOW)).toEqual([
      { code: 'E_WC_15', text: 'Please provide valid CVV.' },
    ]);
    expect(checks.acceptErrors({ cardData }, NOW)).toEqual([
      { code: 'E_WC_04', text: 'Please provide mandatory field to library.' },
    ]);
  });

  it('accepts the current month as not yet expired', () => {
    expect(
      checks.acceptErrors({ authData, cardData: { ...cardData, month: '6', year: '2030' } }, NOW),
    ).toEqual([]);
  });
});
