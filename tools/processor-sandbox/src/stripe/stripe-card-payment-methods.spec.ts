import { StripeApiError } from './stripe-errors';
import { parseStripeForm } from './stripe-form';
import { readCardPaymentMethod } from './stripe-card-payment-methods';

const NOW = new Date('2030-06-15T00:00:00Z');

function read(body: string) {
  return readCardPaymentMethod(parseStripeForm(body), NOW);
}

function refusal(body: string) {
  try {
    read(body);
  } catch (caught) {
    if (caught instanceof StripeApiError) return caught.reply;
    throw caught;
  }
  throw new Error('expected a refusal');
}

const CARD = 'type=card&card[exp_month]=12&card[exp_year]=2031&card[cvc]=123';

describe('POST /v1/payment_methods card details', () => {
  it('maps 4242… to the behaviour of pm_card_visa, with the expiry and billing details sent', () => {
    const input = read(
      `${CARD}&card[number]=4242424242424242&billing_details[name]=Ada&billing_details[address][postal_code]=46201`,
    );
    expect(input.behavesAs).toMatchObject({
      id: 'pm_card_visa',
      last4: '4242',
      outcome: { kind: 'succeeds' },
    });
    expect(input).toMatchObject({ expMonth: 12, expYear: 2031 });
    expect(input.billingDetails).toMatchObject({ name: 'Ada', address: { postal_code: '46201' } });
  });

  it.each([
    ['4000000000000002', 'generic_decline'],
    ['4000000000009995', 'insufficient_funds'],
    ['4000000000009987', 'lost_card'],
  ])('maps the decline card %s to %s at charge time', (number, declineCode) => {
    expect(read(`${CARD}&card[number]=${number}`).behavesAs.outcome).toMatchObject({
      kind: 'declines',
      declineCode,
    });
  });

  it.each([
    ['card[number]=4242424242424241', 'incorrect_number', 'number'],
    ['card[number]=4242abcd', 'invalid_number', 'number'],
    ['card[number]=4242424242424242&card[exp_year]=2029', 'invalid_expiry_year', 'exp_year'],
    ['card[number]=4242424242424242&card[exp_month]=13', 'invalid_expiry_month', 'exp_month'],
    [
      'card[number]=4242424242424242&card[exp_month]=5&card[exp_year]=2030',
      'invalid_expiry_month',
      'exp_month',
    ],
    ['card[number]=4242424242424242&card[cvc]=12', 'invalid_cvc', 'cvc'],
    ['card[number]=371449635398431&card[cvc]=123', 'invalid_cvc', 'cvc'],
  ])('answers %s with the card_error %s', (change, code, param) => {
    const params = new URLSearchParams(CARD);
    for (const [k, v] of new URLSearchParams(change)) params.set(k, v);
    const reply = refusal(decodeURIComponent(params.toString()));
    expect(reply.status).toBe(402);
    expect(reply.error).toMatchObject({ type: 'card_error', code, param });
  });

  it('declines a Luhn-valid number that is not a Stripe test card, as test mode does', () => {
    expect(refusal(`${CARD}&card[number]=4111111111111111`).error).toMatchObject({
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'test_mode_live_card',
    });
  });

  it('refuses missing and unknown parameters like the API', () => {
    expect(refusal('type=card&card[exp_month]=12').error).toMatchObject({
      code: 'parameter_missing',
      param: 'card[number]',
    });
    expect(refusal(`${CARD}&card[number]=4242424242424242&card[pin]=1`).error).toMatchObject({
      code: 'parameter_unknown',
      param: 'card[pin]',
    });
    expect(refusal('card[number]=4242424242424242').error).toMatchObject({
      code: 'parameter_missing',
      param: 'type',
    });
  });
});
