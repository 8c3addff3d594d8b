import type { AlertText } from '../alerts/alerts.service';

/** When identity's practice.created was never heard (the practice predates this service). */
export const UNKNOWN_PRACTICE_NAME = 'your practice';

/** Where a client lands in the web app; the invoice itself is shown there, behind the login. */
export const PORTAL_PATH = '/portal';

/*
 * What clients are told about their invoices. Alerts are shown on any screen and emailed, so they
 * say only that something is waiting and where to sign in: never the amount, the description or
 * the invoice number (the architecture's rule: health data stays behind the login).
 */

export function invoiceSentAlert(practiceName: string): AlertText {
  return {
    kind: 'invoice.sent',
    title: `New invoice from ${practiceName}`,
    body: `A new invoice from ${practiceName} is waiting for you. Sign in to see it.`,
    link: PORTAL_PATH,
  };
}

export function invoiceReceiptAlert(practiceName: string): AlertText {
  return {
    kind: 'invoice.receipt',
    title: 'Payment received',
    body: `Your payment to ${practiceName} was received. Sign in to see your receipt.`,
    link: PORTAL_PATH,
  };
}

/** The issuing provider's alert: staff see the number (no amount; it is shown behind the link). */
export function invoicePaidAlert(invoice: { number: string; clientId: string }): AlertText {
  return {
    kind: 'invoice.paid',
    title: `Invoice ${invoice.number} paid`,
    body: `Invoice ${invoice.number} has been paid.`,
    link: `/clients/${invoice.clientId}`,
  };
}
