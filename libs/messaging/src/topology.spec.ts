import { busTopology, eventsQueueOptions, rpcQueueOptions, serviceOfPattern } from './topology';
import { fromRemoteError, toWireError } from './errors';
import { ArborError } from '@arbor/contracts';

describe('bus topology', () => {
  it('names every exchange and queue under its namespace', () => {
    const topology = busTopology();
    expect(topology.eventsExchange).toBe('arbor.events');
    expect(topology.rpcQueue('invoicing')).toBe('arbor.invoicing.rpc');
    expect(topology.eventsQueue('invoicing')).toBe('arbor.invoicing.events');
    expect(topology.deadLetterQueue('invoicing')).toBe('arbor.invoicing.events.dead');
    expect(busTopology('arbor-test-x').eventsExchange).toBe('arbor-test-x.events');
    expect(() => busTopology('Bad Name')).toThrow();
  });

  it('declares event queues as quorum queues with an explicit delivery limit and a dead-letter route', () => {
    const topology = busTopology();
    expect(eventsQueueOptions(topology, 'payments', 5)).toEqual({
      durable: true,
      arguments: {
        'x-queue-type': 'quorum',
        'x-delivery-limit': 5,
        'x-dead-letter-exchange': 'arbor.dead-letter',
        'x-dead-letter-routing-key': 'arbor.payments.events',
      },
    });
    expect(rpcQueueOptions()).toEqual({ durable: true, arguments: { 'x-queue-type': 'classic' } });
  });

  it('routes a request to the service its name starts with', () => {
    expect(serviceOfPattern('client-records.client.get.v1')).toBe('client-records');
  });
});

describe('errors on the wire', () => {
  it('sends typed errors as they are and hides everything else behind "internal"', () => {
    expect(toWireError(new ArborError('not_found', 'no such invoice'))).toEqual({
      code: 'not_found',
      message: 'no such invoice',
    });
    expect(toWireError(new Error('password=hunter2 at db.ts:12'))).toEqual({
      code: 'internal',
      message: 'internal error',
    });
  });

  it('turns what comes back into a typed error, the broker being away included', () => {
    expect(fromRemoteError({ code: 'forbidden', message: 'no' }, 'notes')).toMatchObject({
      code: 'forbidden',
    });
    expect(fromRemoteError('Error: Connection lost. Trying to reconnect...', 'notes')).toMatchObject({
      code: 'service_unavailable',
      details: { service: 'notes' },
    });
    expect(fromRemoteError({ status: 'error', message: 'Internal server error' }, 'notes').code).toBe(
      'service_unavailable',
    );
  });
});
