export * from './practice-providers.schema';
export * from './practice-providers.repository';
