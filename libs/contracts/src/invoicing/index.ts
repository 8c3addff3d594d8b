export * from './invoice.types';
export * from './invoice-events.event';
export * from './create-invoice.command';
export * from './forgive-invoice.command';
export * from './void-invoice.command';
export * from './record-invoice-payment.command';
