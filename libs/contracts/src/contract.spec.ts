import { z } from 'zod';
import { command, event, query } from './contract';
import { ArborError, fieldErrors, type WireError } from './problems';

describe('message contracts', () => {
  it('accepts versioned names and refuses anything else', () => {
    expect(command('invoicing.invoice.create.v1', { payload: z.object({}), reply: z.object({}) }).kind).toBe(
      'command',
    );
    expect(query('client-records.client.get.v12', { payload: z.object({}), reply: z.object({}) }).kind).toBe(
      'query',
    );
    for (const bad of [
      'invoicing.invoice.create',
      'invoicing.create.v1',
      'Invoicing.invoice.create.v1',
      'a.b.c.v0',
    ]) {
      expect(() => command(bad, { payload: z.object({}), reply: z.object({}) })).toThrow(/does not follow/);
    }
  });

  it('validates a whole event envelope, its data typed by the contract', () => {
    const Sent = event('invoicing.invoice.sent.v1', { data: z.object({ invoiceId: z.uuid() }) });
    const envelope = {
      id: '0190b1a2-7c1e-7d3f-8a2b-123456789abc',
      type: 'invoicing.invoice.sent.v1',
      occurredAt: '2026-11-26T10:00:00.000Z',
      practiceId: '0190b1a2-7c1e-7d3f-8a2b-123456789abd',
      actor: {
        userId: '0190b1a2-7c1e-7d3f-8a2b-123456789abe',
        practiceId: '0190b1a2-7c1e-7d3f-8a2b-123456789abd',
        role: 'provider',
      },
      data: { invoiceId: '0190b1a2-7c1e-7d3f-8a2b-123456789abf' },
    };
    expect(Sent.envelope.safeParse(envelope).success).toBe(true);
    expect(Sent.envelope.safeParse({ ...envelope, type: 'invoicing.invoice.paid.v1' }).success).toBe(false);
    expect(Sent.envelope.safeParse({ ...envelope, data: { invoiceId: 'nope' } }).success).toBe(false);
    expect(Sent.envelope.safeParse({ ...envelope, occurredAt: '2026-11-26T10:00:00+02:00' }).success).toBe(
      false,
    );
  });
});

describe('errors', () => {
  it('names nested and listed fields the way the HTTP API writes them', () => {
    const schema = z.object({
      admin: z.object({ email: z.email() }),
      licenses: z.array(z.object({ state: z.string().length(2) })),
    });
    const result = schema.safeParse({
      admin: { email: 'x' },
      licenses: [{ state: 'NY' }, { state: 'New York' }],
    });
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!).map((e) => e.path)).toEqual(['admin.email', 'licenses[1].state']);
  });

  it('round-trips a typed error over the wire intact', () => {
    const original = new ArborError('conflict', 'invoice is paid', { currentStatus: 'paid' });
    const back = ArborError.fromWire(JSON.parse(JSON.stringify(original.toWire())) as WireError);
    expect(back).toBeInstanceOf(ArborError);
    expect([back.code, back.message, back.details]).toEqual([
      'conflict',
      'invoice is paid',
      { currentStatus: 'paid' },
    ]);
  });
});
