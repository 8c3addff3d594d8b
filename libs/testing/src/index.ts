export * from './test-environment';
export * from './eventually';
export * from './app-process';
export * from './test-clock';
export * from './event-stream';
