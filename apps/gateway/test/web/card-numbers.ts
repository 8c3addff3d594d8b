/**
 * Finds what looks like a payment card number in text: a run of 13–19 digits, written straight
 * or in groups separated by one space or dash (`4242 4242 4242 4242`, `4242-4242-4242-4242`),
 * that passes the Luhn check and starts like a card of a network (Visa 4, Mastercard 51–55 and
 * 2221–2720, Amex/Diners/JCB 3, Discover/UnionPay 6). The network prefix is what keeps
 * timestamps out: epoch milliseconds start with 1 and `20…` dates are no Mastercard range.
 *
 * A run touching a letter or digit is part of something else (hex of ciphertext, base64, an
 * id) and is not read: a card number hidden inside ciphertext could not be found anyway.
 */
const RUN = /(?<![A-Za-z0-9])\d+(?:[ -]\d+)*(?![A-Za-z0-9])/g;
const NETWORK_PREFIX = /^(?:4|5[1-5]|2(?:22[1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720)|3|6)/;

// The card networks' Luhn check, as the processor sandbox applies it to the cards it is given. The
// sandbox is a tool, not a library, and has no import alias: test support reaches it by path.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { passesLuhn } from '../../../../tools/processor-sandbox/src/cards';

export { passesLuhn };

export function looksLikeCardNumber(digits: string): boolean {
  return /^\d{13,19}$/.test(digits) && NETWORK_PREFIX.test(digits) && passesLuhn(digits);
}

/**
 * Every card-like number in `text`, as its digits. Within a grouped run, any consecutive groups
 * count (so a card followed by its expiry or CVC is still found). `allowed` are digit strings
 * known not to be cards, such as the processor tokens the test paid with (a Converge token is 16
 * digits ending in the card's last four, and may pass Luhn).
 */
export function findCardNumbers(text: string, allowed: ReadonlySet<string> = new Set()): string[] {
  const found = new Set<string>();
  for (const [run] of text.matchAll(RUN)) {
    const groups = run.split(/[ -]/);
    for (let start = 0; start < groups.length; start += 1) {
      let digits = '';
      for (let end = start; end < groups.length && digits.length < 19; end += 1) {
        digits += groups[end];
        if (looksLikeCardNumber(digits) && !allowed.has(digits)) found.add(digits);
      }
    }
  }
  return [...found];
}

/** A found number as a failure message may show it: first six and last four, as PCI DSS allows. */
export function masked(digits: string): string {
  return `${digits.slice(0, 6)}${'•'.repeat(digits.length - 10)}${digits.slice(-4)}`;
}
