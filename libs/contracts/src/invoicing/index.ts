export * from './invoice.types';
export * from './invoice-events.event';
