import type Stripe from 'stripe';
import { brandOf, passesLuhn } from '../cards';
import { invalidRequest, missingParam, StripeApiError, unknownParam } from './stripe-errors';
import type { FormObject, FormValue } from './stripe-form';
import { findTestCardNumber, type TestPaymentMethod } from './stripe-test-payment-methods';

/**
 * `POST /v1/payment_methods` with raw card details (https://docs.stripe.com/api/payment_methods/create),
 * the call Stripe.js makes from its card iframe with the publishable key. The card number only
 * picks which test card the new PaymentMethod behaves as; it is not kept.
 */

export interface CardPaymentMethodInput {
  /** The test card the number is: its brand, last four, funding and charge outcome. */
  readonly behavesAs: TestPaymentMethod;
  readonly expMonth: number;
  readonly expYear: number;
  readonly billingDetails: Stripe.PaymentMethod.BillingDetails;
}

const TOP_LEVEL = new Set(['type', 'card', 'billing_details', 'metadata', 'expand']);
const CARD = new Set(['number', 'exp_month', 'exp_year', 'cvc']);
const BILLING = new Set(['name', 'email', 'phone', 'address']);
const ADDRESS = new Set(['line1', 'line2', 'city', 'state', 'postal_code', 'country']);

/** Stripe's text when a secret key sends a card number without raw card data access. */
export const UNSAFE_RAW_CARD_MESSAGE =
  'Sending credit card numbers directly to the Stripe API is generally unsafe. We suggest you use test tokens that map to the test card you are using, see https://stripe.com/docs/testing. To enable raw card data APIs in test mode, see https://support.stripe.com/questions/enabling-access-to-raw-card-data-apis.';

/** A card error (HTTP 402, `type: card_error`), as the API answers a card it will not take. */
export function cardError(
  code: string,
  message: string,
  param: string,
  declineCode?: string,
): StripeApiError {
  const error: Stripe.StripeRawError = {
    type: 'card_error',
    code,
    message,
    param,
    doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`,
  };
  if (declineCode) error.decline_code = declineCode;
  return new StripeApiError({ status: 402, error, executed: true });
}

export function readCardPaymentMethod(params: FormObject, now: Date): CardPaymentMethodInput {
  checkKeys(params, TOP_LEVEL, '');
  const type = text(params['type']);
  if (type === undefined) throw missingParam('type');
  if (type !== 'card') {
    throw invalidRequest(`Invalid type: must be one of card (the sandbox takes cards only).`, {
      param: 'type',
    });
  }
  const card = object(params['card'], 'card');
  if (!card) throw missingParam('card');
  checkKeys(card, CARD, 'card');
  const number = text(card['number'])?.replace(/[\s-]/g, '');
  if (number === undefined || number === '') throw missingParam('card[number]');
  if (!/^\d{12,19}$/.test(number)) {
    throw cardError('invalid_number', 'The card number is not a valid credit card number.', 'number');
  }
  if (!passesLuhn(number)) throw cardError('incorrect_number', 'Your card number is incorrect.', 'number');

  const monthText = text(card['exp_month']);
  const yearText = text(card['exp_year']);
  if (monthText === undefined) throw missingParam('card[exp_month]');
  if (yearText === undefined) throw missingParam('card[exp_year]');
  const expMonth = /^\d{1,2}$/.test(monthText) ? Number(monthText) : NaN;
  if (!(expMonth >= 1 && expMonth <= 12)) {
    throw cardError('invalid_expiry_month', "Your card's expiration month is invalid.", 'exp_month');
  }
  let expYear = /^\d{2}$|^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
  if (yearText.length === 2) expYear += 2000;
  const thisYear = now.getUTCFullYear();
  if (!(expYear >= thisYear && expYear <= thisYear + 50)) {
    throw cardError('invalid_expiry_year', "Your card's expiration year is invalid.", 'exp_year');
  }
  if (expYear === thisYear && expMonth < now.getUTCMonth() + 1) {
    throw cardError('invalid_expiry_month', "Your card's expiration month is invalid.", 'exp_month');
  }

  const cvc = text(card['cvc']);
  if (cvc !== undefined) {
    const digits = brandOf(number) === 'amex' ? /^\d{4}$/ : /^\d{3}$/;
    if (!digits.test(cvc)) throw cardError('invalid_cvc', "Your card's security code is invalid.", 'cvc');
  }

  const behavesAs = findTestCardNumber(number);
  if (!behavesAs) {
    // Test mode takes only Stripe's test cards (https://docs.stripe.com/testing).
    throw cardError(
      'card_declined',
      'Your card was declined. Your request was in test mode, but used a non test (live) card. For a list of valid test cards, visit: https://stripe.com/docs/testing.',
      'number',
      'test_mode_live_card',
    );
  }
  return { behavesAs, expMonth, expYear, billingDetails: billingDetails(params['billing_details']) };
}

function billingDetails(value: FormValue | undefined): Stripe.PaymentMethod.BillingDetails {
  const details = object(value, 'billing_details');
  const out: Stripe.PaymentMethod.BillingDetails = {
    address: null,
    email: null,
    name: null,
    phone: null,
    tax_id: null,
  };
  if (!details) return out;
  checkKeys(details, BILLING, 'billing_details');
  out.name = text(details['name']) ?? null;
  out.email = text(details['email']) ?? null;
  out.phone = text(details['phone']) ?? null;
  const address = object(details['address'], 'billing_details[address]');
  if (address) {
    checkKeys(address, ADDRESS, 'billing_details[address]');
    out.address = {
      line1: text(address['line1']) ?? null,
      line2: text(address['line2']) ?? null,
      city: text(address['city']) ?? null,
      state: text(address['state']) ?? null,
      postal_code: text(address['postal_code']) ?? null,
      country: text(address['country']) ?? null,
    };
  }
  return out;
}

function checkKeys(params: FormObject, allowed: ReadonlySet<string>, prefix: string): void {
  for (const key of Object.keys(params)) {
    if (!allowed.has(key)) throw unknownParam(prefix ? `${prefix}[${key}]` : key);
  }
}

function text(value: FormValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function object(value: FormValue | undefined, param: string): FormObject | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidRequest(`Invalid object`, { param });
  }
  return value;
}
