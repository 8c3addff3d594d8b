import type { InvoiceNumber } from '@arbor/contracts';

/** `INV-000123`: six digits at least, more once a practice passes 999999 invoices. */
export function formatInvoiceNumber(sequence: number): InvoiceNumber {
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    throw new RangeError(`an invoice number is a positive integer, not ${sequence}`);
  }
  return `INV-${String(sequence).padStart(6, '0')}`;
}
