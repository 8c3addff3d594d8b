export * from './test-environment';
export * from './eventually';
export * from './bus-cleanup';
export * from './app-process';
