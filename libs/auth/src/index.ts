export * from './access-token-verifier';
export * from './auth.decorators';
export * from './auth.guard';
