/**
 * Stripe's test PaymentMethods (https://docs.stripe.com/testing#cards and
 * https://docs.stripe.com/testing#declined-payments): ids usable in test mode without a browser,
 * each standing for a test card number and its documented outcome. Decline messages and codes
 * are those of the decline-code reference (https://docs.stripe.com/declines/codes).
 */

export type TestCardOutcome =
  | { readonly kind: 'succeeds' }
  | { readonly kind: 'requires_action' }
  | {
      readonly kind: 'declines';
      /** `error.code`: `card_declined`, or a specific code such as `expired_card`. */
      readonly code: string;
      readonly declineCode: string;
      readonly message: string;
      readonly param?: string;
    };

export type DeclineOutcome = Extract<TestCardOutcome, { kind: 'declines' }>;

export interface TestPaymentMethod {
  readonly id: string;
  /** The test card number the id stands for (what a browser types into Stripe.js). */
  readonly number: string;
  readonly brand: 'visa' | 'mastercard' | 'amex' | 'discover' | 'diners' | 'jcb' | 'unionpay';
  readonly last4: string;
  readonly funding: 'credit' | 'debit' | 'prepaid';
  readonly country: string;
  readonly outcome: TestCardOutcome;
}

const ok: TestCardOutcome = { kind: 'succeeds' };

function declined(
  declineCode: string,
  message: string,
  code = 'card_declined',
  param?: string,
): TestCardOutcome {
  return param
    ? { kind: 'declines', code, declineCode, message, param }
    : { kind: 'declines', code, declineCode, message };
}

const GENERIC = declined('generic_decline', 'Your card was declined.');
const INSUFFICIENT = declined('insufficient_funds', 'Your card has insufficient funds.');
const LOST = declined('lost_card', 'Your card was declined.');
const STOLEN = declined('stolen_card', 'Your card was declined.');
const EXPIRED = declined('expired_card', 'Your card has expired.', 'expired_card', 'exp_month');
const CVC = declined('incorrect_cvc', "Your card's security code is incorrect.", 'incorrect_cvc', 'cvc');
const PROCESSING = declined(
  'processing_error',
  'An error occurred while processing your card. Try again in a little bit.',
  'processing_error',
);
const VELOCITY = declined(
  'card_velocity_exceeded',
  'Your card was declined for making repeated attempts too frequently or exceeding its amount limit.',
);
const FRAUD = declined('fraudulent', 'Your card was declined.');

/**
 * How a card that needs 3-D Secure is declined when the integration cannot authenticate
 * (`error_on_requires_action=true`): `authentication_required`, "The card was declined because
 * the transaction requires authentication" (https://docs.stripe.com/declines/codes).
 */
export const AUTHENTICATION_REQUIRED: DeclineOutcome = {
  kind: 'declines',
  code: 'authentication_required',
  declineCode: 'authentication_required',
  message: 'Your card was declined. This transaction requires authentication.',
};

const table: TestPaymentMethod[] = [
  {
    id: 'pm_card_visa',
    number: '4242424242424242',
    brand: 'visa',
    last4: '4242',
    funding: 'credit',
    country: 'US',
    outcome: ok,
  },
  {
    id: 'pm_card_visa_debit',
    number: '4000056655665556',
    brand: 'visa',
    last4: '5556',
    funding: 'debit',
    country: 'US',
    outcome: ok,
  },
  {
    id: 'pm_card_mastercard',
    number: '5555555555554444',
    brand: 'mastercard',
    last4: '4444',
    funding: 'credit',
    country: 'US',
    outcome: ok,
  },
  {
    id: 'pm_card_mastercard_debit',
    number: '5200828282828210',
    brand: 'mastercard',
    last4: '8210',
    funding: 'debit',
    country: 'US',
    outcome: ok,
  },
  {
    id: 'pm_card_mastercard_prepaid',
    number: '5105105105105100',
    brand: 'mastercard',
    last4: '5100',
    funding: 'prepaid',
    country: 'US',
    outcome: ok,
  },
  {
    id: 'pm_card_amex',
    number: '371449635398431',
    brand: 'amex',
    last4: '8431',
    funding: 'credit',
    country: 'US',
    outcome: ok,
  },
  {
    id: 'pm_card_discover',
    number: '6011111111111117',
    brand: 'discover',
    last4: '1117',
    funding: 'credit',
    country: 'US',
    outcome: ok,
  },
  {
    id: 'pm_card_diners',
    number: '3056930009020004',
    brand: 'diners',
    last4: '0004',
    funding: 'credit',
    country: 'US',
    outcome: ok,
  },
  {
    id: 'pm_card_jcb',
    number: '3566002020360505',
    brand: 'jcb',
    last4: '0505',
    funding: 'credit',
    country: 'JP',
    outcome: ok,
  },
  {
    id: 'pm_card_unionpay',
    number: '6200000000000005',
    brand: 'unionpay',
    last4: '0005',
    funding: 'credit',
    country: 'CN',
    outcome: ok,
  },
  ...aliases(['pm_card_visa_chargeDeclined', 'pm_card_chargeDeclined'], '4000000000000002', GENERIC),
  ...aliases(
    ['pm_card_visa_chargeDeclinedInsufficientFunds', 'pm_card_chargeDeclinedInsufficientFunds'],
    '4000000000009995',
    INSUFFICIENT,
  ),
  ...aliases(
    ['pm_card_visa_chargeDeclinedLostCard', 'pm_card_chargeDeclinedLostCard'],
    '4000000000009987',
    LOST,
  ),
  ...aliases(
    ['pm_card_visa_chargeDeclinedStolenCard', 'pm_card_chargeDeclinedStolenCard'],
    '4000000000009979',
    STOLEN,
  ),
  ...aliases(
    ['pm_card_chargeDeclinedExpiredCard', 'pm_card_visa_chargeDeclinedExpiredCard'],
    '4000000000000069',
    EXPIRED,
  ),
  ...aliases(
    ['pm_card_chargeDeclinedIncorrectCvc', 'pm_card_visa_chargeDeclinedIncorrectCvc'],
    '4000000000000127',
    CVC,
  ),
  ...aliases(
    ['pm_card_chargeDeclinedProcessingError', 'pm_card_visa_chargeDeclinedProcessingError'],
    '4000000000000119',
    PROCESSING,
  ),
  ...aliases(['pm_card_visa_chargeDeclinedVelocityLimitExceeded'], '4000000000006975', VELOCITY),
  ...aliases(['pm_card_radarBlock', 'pm_card_chargeDeclinedFraudulent'], '4100000000000019', FRAUD),
  ...aliases(['pm_card_authenticationRequired'], '4000002760003184', { kind: 'requires_action' }),
  ...aliases(['pm_card_threeDSecure2Required'], '4000000000003220', { kind: 'requires_action' }),
];

function aliases(ids: string[], number: string, outcome: TestCardOutcome): TestPaymentMethod[] {
  return ids.map((id) => ({
    id,
    number,
    brand: 'visa',
    last4: number.slice(-4),
    funding: 'credit',
    country: 'US',
    outcome,
  }));
}

const byId = new Map(table.map((pm) => [pm.id, pm]));

export function findTestPaymentMethod(id: string): TestPaymentMethod | undefined {
  return byId.get(id);
}

const byNumber = new Map<string, TestPaymentMethod>();
for (const pm of table) if (!byNumber.has(pm.number)) byNumber.set(pm.number, pm);

/** The test PaymentMethod a test card number behaves as, when it is one of Stripe's test cards. */
export function findTestCardNumber(number: string): TestPaymentMethod | undefined {
  return byNumber.get(number);
}

export function allTestPaymentMethods(): readonly TestPaymentMethod[] {
  return table;
}
