import {
  CloseInvoiceBody,
  INVOICE_REASON_MAX,
  InvoiceNumber,
  InvoicePaid,
  InvoiceStatus,
  RecordPaymentBody,
  TERMINAL_INVOICE_STATUSES,
} from './index';

describe('invoicing contracts', () => {
  it('reads invoice numbers as INV- and at least six digits, nothing else', () => {
    for (const valid of ['INV-000001', 'INV-000123', 'INV-1000000']) {
      expect(InvoiceNumber.safeParse(valid).success).toBe(true);
    }
    for (const invalid of ['INV-123', 'inv-000123', 'INV-00012a', ' INV-000123', 'INV-000123\n']) {
      expect(InvoiceNumber.safeParse(invalid).success).toBe(false);
    }
  });

  it('names the six statuses of API.md, three of them final', () => {
    expect(InvoiceStatus.options).toEqual([
      'unpaid',
      'paid',
      'partially_refunded',
      'refunded',
      'forgiven',
      'void',
    ]);
    expect(TERMINAL_INVOICE_STATUSES).toEqual(['refunded', 'forgiven', 'void']);
  });

  it('keeps a description out of a paid event, even when a sender adds one', () => {
    const data = InvoicePaid.data.parse({
      practiceId: '0190a6f4-5c3e-7000-8000-000000000001',
      invoiceId: '0190a6f4-5c3e-7000-8000-000000000002',
      number: 'INV-000007',
      clientId: '0190a6f4-5c3e-7000-8000-000000000003',
      providerId: '0190a6f4-5c3e-7000-8000-000000000004',
      status: 'paid',
      total: 10_825,
      currency: 'USD',
      amountPaid: 10_825,
      amountRefunded: 0,
      method: 'card',
      amount: 10_825,
      description: 'Session: anxiety follow-up',
    });
    expect(data).not.toHaveProperty('description');
  });

  it('wants a reason to forgive or void, trimmed, not empty, not too long', () => {
    expect(CloseInvoiceBody.parse({ reason: '  hardship  ' })).toEqual({ reason: 'hardship' });
    for (const reason of ['', '   ', 'x'.repeat(INVOICE_REASON_MAX + 1), 'bad\u0000']) {
      expect(CloseInvoiceBody.safeParse({ reason }).success).toBe(false);
    }
    expect(CloseInvoiceBody.safeParse({ reason: 'ok', amount: 1 }).success).toBe(false);
  });

  it('refuses an offline payment of nothing, of less than nothing, of a fraction, or by card', () => {
    expect(RecordPaymentBody.parse({ method: 'check', reference: ' #1042 ' })).toEqual({
      method: 'check',
      reference: '#1042',
    });
    for (const body of [
      { method: 'cash', amount: 0 },
      { method: 'cash', amount: -100 },
      { method: 'cash', amount: 10.5 },
      { method: 'cash', amount: 2 ** 60 },
      { method: 'card' },
      { method: 'cash', currency: 'EUR' },
    ]) {
      expect(RecordPaymentBody.safeParse(body).success).toBe(false);
    }
  });
});
