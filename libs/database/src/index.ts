export * from './database';
export * from './ensure-database';
export * from './migrate';
export * from './test-database';
