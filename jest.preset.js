// Shared Jest settings. NestJS 12 is ESM-only, so TypeScript goes through @swc/jest (CommonJS
// output, legacy decorators with metadata) and @nestjs is transformed rather than ignored.
const path = require('node:path');

const root = __dirname;
const aliases = {
  '^@arbor/([a-z][a-z0-9-]*)$': path.join(root, 'libs/$1/src/index.ts'),
};

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@scure|@noble|jose|content-disposition)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: aliases,
};

/**
 * One Jest config per Nx project, with the three test tiers as Jest "projects" so that each Nx
 * target picks its tier with `--selectProjects`.
 */
// Integration and end-to-end tiers find (or start) PostgreSQL, RabbitMQ and Redis first.
const servicesSetup = {
  globalSetup: path.join(root, 'libs/testing/src/global-setup.ts'),
  globalTeardown: path.join(root, 'libs/testing/src/global-teardown.ts'),
  setupFilesAfterEnv: [path.join(root, 'libs/testing/src/slow-tier.setup.ts')],
};

module.exports.tiers = function tiers(projectDir, overrides = {}) {
  const base = { ...module.exports, rootDir: projectDir };
  delete base.tiers;
  return {
    rootDir: projectDir,
    reporters: ['default', path.join(root, 'tools/jest/summary-reporter.js')],
    projects: [
      { ...base, displayName: 'unit', testMatch: ['<rootDir>/**/*.spec.ts'], ...overrides.unit },
      {
        ...base,
        displayName: 'integration',
        testMatch: ['<rootDir>/**/*.integration-spec.ts'],
        ...servicesSetup,
        ...overrides.integration,
      },
      {
        ...base,
        displayName: 'e2e',
        testMatch: ['<rootDir>/**/*.e2e-spec.ts'],
        ...servicesSetup,
        ...overrides.e2e,
      },
    ],
  };
};
