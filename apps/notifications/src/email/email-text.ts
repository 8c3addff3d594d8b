import type { AlertKind, AlertView } from '@arbor/contracts';

/** The alerts that are also emailed (the issue: a client hears of a new invoice by email too). */
export const EMAILED_KINDS: readonly AlertKind[] = ['invoice.sent'];

export interface EmailText {
  readonly subject: string;
  readonly text: string;
}

/**
 * The email of an alert says what the alert says, and where to sign in: the link goes through
 * the sign-in page to the alert's page of the web app. Nothing is added from elsewhere, so the
 * email can hold no more than the alert (no amount, no description).
 */
export function emailOfAlert(
  alert: Pick<AlertView, 'title' | 'body' | 'link'>,
  webOrigin: string,
): EmailText {
  const signIn = new URL('/sign-in', webOrigin);
  if (alert.link) signIn.searchParams.set('next', alert.link);
  return {
    subject: alert.title,
    text: [
      alert.body,
      '',
      `Sign in to Arbor: ${signIn.toString()}`,
      '',
      'For your privacy, this email never holds the details: they are shown once you sign in.',
      '',
    ].join('\n'),
  };
}
