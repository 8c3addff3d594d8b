export * from './event-tap';
export * from './service-world';
