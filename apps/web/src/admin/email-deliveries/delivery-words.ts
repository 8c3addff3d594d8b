import type { AlertKind, FailedEmailAbout } from '@arbor/contracts';

const ALERT_WORDS: Record<AlertKind, string> = {
  'invoice.sent': 'New invoice alert',
  'invoice.receipt': 'Payment receipt',
  'invoice.paid': 'Invoice paid alert',
};

/** What the email was about, as an Admin would name it. */
export function aboutWords(about: FailedEmailAbout): string {
  if (about.kind === 'alert') return ALERT_WORDS[about.alertKind];
  return about.invitationKind === 'staff' ? 'Staff invitation' : 'Client portal invitation';
}

/**
 * The mail server's last answer (nodemailer's error text: SMTP reply codes, socket errors) in
 * words an Admin can act on. The raw answer is shown beside it for whoever fixes the mail server.
 */
export function serverAnswerWords(lastError: string): string {
  if (/EAUTH|\b53[05]\b/.test(lastError)) {
    return 'The mail server refused Arbor’s sign-in: check the mail server settings.';
  }
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ECONNRESET/.test(lastError)) {
    return 'Arbor could not reach its mail server.';
  }
  if (/ETIMEDOUT|timeout/i.test(lastError)) return 'The mail server did not answer in time.';
  if (/\b55[0-4]\b|\b5\.1\.\d\b/.test(lastError)) {
    return 'The receiving mail server refused this address: check it is spelled right and still in use.';
  }
  if (/\b5\d\d\b/.test(lastError)) return 'The mail server refused this email.';
  if (/\b4\d\d\b/.test(lastError)) return 'The mail server turned this email away for now, on every try.';
  return 'The email could not be sent.';
}
