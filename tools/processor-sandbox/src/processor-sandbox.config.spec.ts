import { DEFAULT_SANDBOX_PORT, loadSandboxConfig } from './processor-sandbox.config';

describe('loadSandboxConfig', () => {
  it('defaults to port 12111 on 127.0.0.1', () => {
    expect(loadSandboxConfig({})).toEqual({ port: DEFAULT_SANDBOX_PORT, host: '127.0.0.1' });
    expect(DEFAULT_SANDBOX_PORT).toBe(12111);
  });

  it('reads ARBOR_SANDBOX_PORT', () => {
    expect(loadSandboxConfig({ ARBOR_SANDBOX_PORT: '4000' }).port).toBe(4000);
  });

  it.each(['abc', '-1', '70000', '1.5'])('refuses ARBOR_SANDBOX_PORT=%s', (value) => {
    expect(() => loadSandboxConfig({ ARBOR_SANDBOX_PORT: value })).toThrow(/ARBOR_SANDBOX_PORT/);
  });
});
