import { InvitationToken } from '@arbor/contracts';
import { invitationUrl, invitationUsable, newInvitationToken } from './invitation';

describe('invitations', () => {
  const now = new Date('2026-03-01T08:00:00Z');
  const later = new Date('2026-03-08T08:00:00Z');

  it('are usable once, before they expire', () => {
    expect(invitationUsable({ acceptedAt: null, expiresAt: later }, now)).toBe(true);
    expect(invitationUsable({ acceptedAt: now, expiresAt: later }, now)).toBe(false);
    expect(invitationUsable({ acceptedAt: null, expiresAt: now }, now)).toBe(false);
    expect(invitationUsable({ acceptedAt: null, expiresAt: now }, later)).toBe(false);
    expect(invitationUsable(undefined, now)).toBe(false);
  });

  it('carry a token the contract accepts, in a link to the web app', () => {
    const token = newInvitationToken();
    expect(InvitationToken.safeParse(token).success).toBe(true);
    expect(newInvitationToken()).not.toBe(token);
    expect(invitationUrl('https://app.example.org', token)).toBe(
      `https://app.example.org/invitations/${token}`,
    );
  });
});
