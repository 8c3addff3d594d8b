export * from './common';
export * from './problems';
export * from './contract';
export * from './system/readiness-check.query';
export * from './system/health-report';
export * from './identity';
export * from './service-enablement';
export * from './payments';
