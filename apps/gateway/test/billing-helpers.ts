import { expect } from '@jest/globals';
import { eventually } from '@arbor/testing';
import { createClient, portalSignIn } from './clients-helpers';
import type { Client } from './identity-helpers';

/** The Admin connects the practice's Stripe account (test keys: the processor sandbox answers them). */
export async function connectStripe(
  api: Client,
  admin: { practiceId: string; adminToken: string },
): Promise<void> {
  const processor = await api.call('POST', `/practices/${admin.practiceId}/payment-processors`, {
    token: admin.adminToken,
    body: {
      description: 'Our Stripe account',
      type: 'stripe',
      credentials: {
        secretKey: 'sk_test_51HsupersecretStripeKey0001',
        publishableKey: 'pk_test_51HpublishableKey00000001',
      },
    },
  });
  expect(processor.status).toBe(201);
}

/** Client Billing on for these providers; retried while service-enablement has not yet heard of them. */
export async function enableClientBilling(
  api: Client,
  admin: { practiceId: string; adminToken: string },
  providerIds: string[],
): Promise<void> {
  await eventually(async () => {
    const enabled = await api.call('PATCH', `/practices/${admin.practiceId}/services/client_billing`, {
      token: admin.adminToken,
      body: { enabled: true, providerIds },
    });
    expect(enabled.status).toBe(200);
  });
}

/**
 * A provider's new clients (`<firstName> Client`, `<firstname>@client.test`), each of whom accepts
 * their portal invitation and signs in: their ids and access tokens, in order.
 */
export async function portalClients(
  api: Client,
  provider: { practiceId: string; token: string },
  firstNames: string[],
  password: string,
): Promise<Array<{ id: string; token: string }>> {
  const clients = [];
  for (const firstName of firstNames) {
    const email = `${firstName.toLowerCase()}@client.test`;
    const created = await createClient(api, provider.token, provider.practiceId, {
      firstName,
      lastName: 'Client',
      email,
    });
    const session = await portalSignIn(api, created.portalInviteUrl, email, password);
    clients.push({ id: created.id, token: session.accessToken });
  }
  return clients;
}
