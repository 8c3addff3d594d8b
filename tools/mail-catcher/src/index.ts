export * from './mail-catcher';
export * from './mail-catcher.config';
export * from './page';
