export * from './database';
export * from './ensure-database';
export * from './migrate';
export * from './pg-errors';
export * from './test-database';
