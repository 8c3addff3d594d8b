export * from './practice-service.types';
export * from './list-services.query';
export * from './update-service.command';
export * from './service-changed.event';
