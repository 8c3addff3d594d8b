export * from './key-ring';
export * from './envelope';
