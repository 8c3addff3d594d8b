/**
 * NestJS registers every handler with every microservice server of a matching transport id.
 * Giving RPC and events their own ids keeps RPC handlers off the events queue (and off the topic
 * exchange bindings) and event handlers off the RPC queue.
 */
export const ARBOR_RPC = Symbol.for('arbor.transport.rpc');
export const ARBOR_EVENTS = Symbol.for('arbor.transport.events');
