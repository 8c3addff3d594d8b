import type { AlertKind, AlertView, InvitationKind } from '@arbor/contracts';

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

/** What an invitation's email is made of: identity's invitation event, nothing else. */
export interface InvitationText {
  readonly kind: InvitationKind;
  readonly practiceName: string;
  readonly inviteeName: string;
  readonly inviterName: string;
  readonly inviteUrl: string;
  readonly expiresAt: Date;
}

/**
 * An invitation says who invited whom to which practice, and gives the link (single use, so it
 * is shown to the invitee alone, in this email). Nothing about care: a client-portal invitation
 * says only that the practice set up an account.
 */
export function emailOfInvitation(invitation: InvitationText): EmailText {
  const { practiceName, inviteeName, inviterName } = invitation;
  const what =
    invitation.kind === 'staff'
      ? `${inviterName} invited you to join ${practiceName} on Arbor.`
      : `${inviterName} at ${practiceName} set up an Arbor client portal account for you.`;
  return {
    subject:
      invitation.kind === 'staff'
        ? `${inviterName} invited you to ${practiceName} on Arbor`
        : `Your client portal with ${practiceName}`,
    text: [
      `Hello ${inviteeName},`,
      '',
      what,
      '',
      `Accept the invitation: ${invitation.inviteUrl}`,
      '',
      `The link works once, until ${untilText(invitation.expiresAt)}. If you did not expect this email, ignore it.`,
      '',
    ].join('\n'),
  };
}

/** `2026-12-08 12:40 UTC`: one unambiguous time for every reader, whatever their time zone. */
function untilText(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
