export * from './alert.types';
export * from './list-alerts.query';
export * from './mark-alert-read.command';
export * from './alert-created.event';
export * from './list-failed-email-deliveries-v2.query';
