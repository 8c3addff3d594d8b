import type { InvoiceStatus } from '@arbor/contracts';

/** An amount in minor units as the reader would write it, in the invoice's own currency. */
export function formatMoney(minor: number, currency: string): string {
  const format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

/** The status in the product's words, and a colour that reads as it does (AA on light badges). */
export const STATUS_LABEL: Record<InvoiceStatus, string> = {
  unpaid: 'Unpaid',
  paid: 'Paid',
  partially_refunded: 'Partially refunded',
  refunded: 'Refunded',
  forgiven: 'Forgiven',
  void: 'Void',
};

/**
 * Only colours whose light badge text reads at WCAG AA (4.5:1): the theme's red, green and blue
 * and Mantine's dark. Mantine's yellow, teal and gray light badges are 2–3:1 (axe fails them).
 */
export const STATUS_COLOUR: Record<InvoiceStatus, string> = {
  unpaid: 'red',
  paid: 'green',
  partially_refunded: 'blue',
  refunded: 'dark',
  forgiven: 'dark',
  void: 'dark',
};

/**
 * Dollars as typed ("125", "125.5", "1,250.00") to cents, exactly: read as digits, never through a
 * float, so "0.29" is 29 and not 28.999…. `undefined` when it is not an amount of whole cents.
 */
export function centsOf(typed: string): number | undefined {
  const match = /^\s*\$?\s*(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d{0,2}))?\s*$/.exec(typed);
  if (!match || (match[1] === undefined && !match[2])) return undefined;
  const dollars = Number((match[1] ?? '0').replace(/,/g, ''));
  const cents = Number((match[2] ?? '').padEnd(2, '0'));
  return dollars * 100 + cents;
}
