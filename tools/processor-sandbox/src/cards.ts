/**
 * Card-number helpers shared by the three fakes. The sandbox only ever sees test card numbers;
 * it keeps the last four digits and the brand, never logs a number, and never returns one.
 */

import { passesLuhn as luhn } from './browser/card-checks';

export type CardBrand =
  'visa' | 'mastercard' | 'amex' | 'discover' | 'jcb' | 'diners' | 'unionpay' | 'unknown';

/** Luhn (mod 10) check, as every card network defines it, on a 12–19 digit number. */
export function passesLuhn(number: string): boolean {
  return /^\d{12,19}$/.test(number) && luhn(number);
}

/** Brand from the issuer identification number ranges published by the networks. */
export function brandOf(number: string): CardBrand {
  if (/^4/.test(number)) return 'visa';
  if (/^(5[1-5]|2(2[2-9][1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720))/.test(number)) return 'mastercard';
  if (/^3[47]/.test(number)) return 'amex';
  if (/^(6011|65|64[4-9])/.test(number)) return 'discover';
  // JCB: 3528–3589, and the legacy 3088/3096/3112/3158/3337 ranges (Authorize.net's test JCB is 3088…).
  if (/^(35(2[89]|[3-8]\d)|3088|3096|3112|3158|3337)/.test(number)) return 'jcb';
  if (/^3(0[0-5]|[68])/.test(number)) return 'diners';
  if (/^62/.test(number)) return 'unionpay';
  return 'unknown';
}

export function lastFour(number: string): string {
  return number.slice(-4);
}

export interface ExpiryDate {
  readonly month: number;
  /** Four-digit year. */
  readonly year: number;
}

/**
 * Reads the expiry formats the processors accept: `MMYY`, `MM/YY`, `MMYYYY`, `MM/YYYY` and
 * `YYYY-MM` (Authorize.net's `expirationDate`, Converge's `ssl_exp_date`).
 */
export function parseExpiry(value: string): ExpiryDate | null {
  const trimmed = value.trim();
  let match = /^(\d{4})-(\d{2})$/.exec(trimmed);
  if (match) return valid(Number(match[2]), Number(match[1]));
  match = /^(\d{2})\/?(\d{2}|\d{4})$/.exec(trimmed);
  if (match) {
    const year = match[2]!.length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
    return valid(Number(match[1]), year);
  }
  return null;
}

function valid(month: number, year: number): ExpiryDate | null {
  return month >= 1 && month <= 12 ? { month, year } : null;
}

/** A card is expired after the last day of its expiry month. */
export function isExpired(expiry: ExpiryDate, now: Date): boolean {
  const nowMonths = now.getUTCFullYear() * 12 + now.getUTCMonth() + 1;
  return expiry.year * 12 + expiry.month < nowMonths;
}
