/** Injection tokens the service host provides to every service module. */
export const DATABASE = Symbol.for('arbor.database');
export const LOGGER = Symbol.for('arbor.logger');
export const BUS = Symbol.for('arbor.bus');
export const READINESS = Symbol.for('arbor.readiness');
