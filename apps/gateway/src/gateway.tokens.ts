export const GATEWAY_CONFIG = Symbol.for('arbor.gateway.config');
export const GATEWAY_LOGGER = Symbol.for('arbor.gateway.logger');
export const GATEWAY_BUS = Symbol.for('arbor.gateway.bus');
