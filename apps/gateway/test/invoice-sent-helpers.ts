import { randomUUID } from 'node:crypto';
import { InvoiceSent, type DataOf, type EventEnvelope } from '@arbor/contracts';
import type { EventTap } from '@arbor/service-testing';

/**
 * Stands in for invoicing: a provider's invoice is sent to a client, as invoicing's outbox relay
 * would publish it (notifications alerts the client, in-app and by email).
 */
export async function publishInvoiceSent(
  tap: EventTap,
  invoice: { practiceId: string; clientId: string; providerId: string },
): Promise<void> {
  const data: DataOf<typeof InvoiceSent> = {
    ...invoice,
    invoiceId: randomUUID(),
    number: 'INV-000042',
    status: 'unpaid',
    total: 12_500,
    currency: 'USD',
    amountPaid: 0,
    amountRefunded: 0,
  };
  const envelope: EventEnvelope<typeof data> = {
    id: randomUUID(),
    type: InvoiceSent.pattern,
    occurredAt: new Date().toISOString(),
    practiceId: invoice.practiceId,
    actor: { userId: invoice.providerId, practiceId: invoice.practiceId, role: 'provider' },
    data,
  };
  await tap.publish(InvoiceSent.envelope.parse(envelope));
}
