import { newOpaqueToken } from '../opaque-token';

/** The secret in an invitation link: base64url of 32 random bytes (the contracts' `InvitationToken`). */
export function newInvitationToken(): string {
  return newOpaqueToken();
}

export function invitationUrl(webOrigin: string, token: string): string {
  return `${webOrigin}/invitations/${token}`;
}

/** An invitation works once, until it expires; anything else looks like no invitation at all. */
export function invitationUsable(
  invitation: { acceptedAt: Date | null; expiresAt: Date } | undefined,
  now: Date,
): boolean {
  return !!invitation && !invitation.acceptedAt && now.getTime() < invitation.expiresAt.getTime();
}
