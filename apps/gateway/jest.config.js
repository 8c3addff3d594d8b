const path = require('node:path');

// The e2e tier also checks, once every spec has run, that each documented operation was called
// successfully (test/e2e-global-teardown.ts).
module.exports = require('../../jest.preset.js').tiers(__dirname, {
  e2e: {
    globalSetup: path.join(__dirname, 'test/e2e-global-setup.ts'),
    globalTeardown: path.join(__dirname, 'test/e2e-global-teardown.ts'),
  },
});
