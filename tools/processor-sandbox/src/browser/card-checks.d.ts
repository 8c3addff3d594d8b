// Types of card-checks.js, the plain script the browser scripts inline and the server reuses.

export interface StripeValidationError {
  readonly type: 'validation_error';
  readonly code: string;
  readonly message: string;
}

export interface StripeCardState {
  readonly empty: boolean;
  readonly complete: boolean;
  readonly brand: string;
  readonly error: StripeValidationError | undefined;
}

export interface AcceptMessage {
  readonly code: string;
  readonly text: string;
}

export function passesLuhn(number: string): boolean;
export function cardBrand(number: string): string;
export function readExpiry(value: string): { month: number; year: number } | null;
export function stripeCardState(
  fields: { number: string; expiry: string; cvc: string; postalCode?: string },
  now: Date,
  final: boolean,
): StripeCardState;
export function acceptErrors(secureData: unknown, now: Date): AcceptMessage[];
export function acceptMessage(code: string): AcceptMessage;
