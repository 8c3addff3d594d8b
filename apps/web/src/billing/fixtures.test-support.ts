import type { InvoiceDetail, InvoiceView } from '@arbor/contracts';
import { CLIENT_ID } from '../clients/fixtures.test-support';
import { PRACTICE_ID, USER_ID } from '../test/fake-gateway';

export const INVOICE_ID = '01937a1e-0000-7000-8000-0000000000e1';

export function invoiceView(overrides: Partial<InvoiceView> = {}): InvoiceView {
  return {
    id: INVOICE_ID,
    number: 'INV-000042',
    practiceId: PRACTICE_ID,
    clientId: CLIENT_ID,
    providerId: USER_ID,
    description: 'Session, November 30',
    subtotal: 12500,
    tax: 1109,
    total: 13609,
    currency: 'USD',
    taxRule: { ratePercent: 8.875, pricesIncludeTax: false, clientState: 'NY' },
    status: 'unpaid',
    amountPaid: 0,
    amountRefunded: 0,
    issuedAt: '2026-11-30T16:00:00.000Z',
    statusChangedAt: '2026-11-30T16:00:00.000Z',
    ...overrides,
  };
}

export function invoiceDetail(overrides: Partial<InvoiceDetail> = {}): InvoiceDetail {
  return {
    ...invoiceView(overrides),
    history: [
      { from: null, status: 'unpaid', at: '2026-11-30T16:00:00.000Z', actorId: USER_ID, reason: null },
    ],
    payments: [],
    refunds: [],
    ...overrides,
  };
}
