import { expect } from '@jest/globals';
import { eventually } from '@arbor/testing';
import { inviteTokenOf, login, type Client } from './identity-helpers';

export interface CreatedClient {
  id: string;
  providerIds: string[];
  portalInviteUrl: string | null;
  [field: string]: unknown;
}

/**
 * Creates a client as `token`'s actor. Retried until it answers 201: a provider who has just
 * joined reaches client-records as identity's membership event, after the invitation is
 * accepted. A retry cannot make a second client (an email is unique in the practice).
 */
export async function createClient(
  api: Client,
  token: string,
  practiceId: string,
  body: Record<string, unknown>,
): Promise<CreatedClient> {
  return eventually(async () => {
    const created = await api.call('POST', `/practices/${practiceId}/clients`, { token, body });
    expect([created.status, created.body]).toEqual([201, expect.anything()]);
    return created.body as unknown as CreatedClient;
  });
}

/** The Admin sets a client's providers; retried while client-records has not yet heard of one of them. */
export async function assignProviders(
  api: Client,
  adminToken: string,
  practiceId: string,
  clientId: string,
  providerIds: string[],
): Promise<void> {
  await eventually(async () => {
    const assigned = await api.call('PUT', `/practices/${practiceId}/clients/${clientId}/providers`, {
      token: adminToken,
      body: { providerIds },
    });
    expect([assigned.status, assigned.body['providerIds']]).toEqual([200, providerIds]);
  });
}

/** The client accepts their portal invitation, signs in and acts as the client: their access token. */
export async function portalSignIn(
  api: Client,
  portalInviteUrl: string | null,
  email: string,
  password: string,
): Promise<{ userId: string; accessToken: string }> {
  expect(portalInviteUrl).toEqual(expect.any(String));
  const accepted = await api.call('POST', `/invitations/${inviteTokenOf(portalInviteUrl!)}/accept`, {
    body: { password },
  });
  expect(accepted.status).toBe(200);
  const session = await login(api, email, password);
  const me = await api.call('GET', '/me', { token: session.accessToken });
  expect([me.status, me.body['activeRole']]).toEqual([200, 'client']);
  return { userId: accepted.body['userId'] as string, accessToken: session.accessToken };
}
