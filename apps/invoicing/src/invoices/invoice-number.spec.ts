import { InvoiceNumber } from '@arbor/contracts';
import { formatInvoiceNumber } from './invoice-number';

describe('invoice numbers', () => {
  it.each([
    [1, 'INV-000001'],
    [123, 'INV-000123'],
    [999_999, 'INV-999999'],
    [1_000_000, 'INV-1000000'],
  ])('writes %d as %s, which the contract accepts', (sequence, written) => {
    expect(formatInvoiceNumber(sequence)).toBe(written);
    expect(InvoiceNumber.parse(written)).toBe(written);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %d, which no counter can issue', (sequence) => {
    expect(() => formatInvoiceNumber(sequence)).toThrow(RangeError);
  });
});
