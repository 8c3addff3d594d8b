import { invoicePaidAlert, invoiceReceiptAlert, invoiceSentAlert } from './invoice-alert-text';

describe('invoice alert text', () => {
  it('tells the client only that a new invoice from the practice is waiting, and where to sign in', () => {
    expect(invoiceSentAlert('Maple Counselling')).toEqual({
      kind: 'invoice.sent',
      title: 'New invoice from Maple Counselling',
      body: 'A new invoice from Maple Counselling is waiting for you. Sign in to see it.',
      link: '/portal',
    });
  });

  it("gives the client a receipt with no details, and the provider the invoice's number", () => {
    expect(invoiceReceiptAlert('Maple Counselling')).toEqual({
      kind: 'invoice.receipt',
      title: 'Payment received',
      body: 'Your payment to Maple Counselling was received. Sign in to see your receipt.',
      link: '/portal',
    });
    const clientId = '0193a0c0-0000-7000-8000-000000000001';
    expect(invoicePaidAlert({ number: 'INV-000042', clientId })).toEqual({
      kind: 'invoice.paid',
      title: 'Invoice INV-000042 paid',
      body: 'Invoice INV-000042 has been paid.',
      link: `/clients/${clientId}`,
    });
  });
});
