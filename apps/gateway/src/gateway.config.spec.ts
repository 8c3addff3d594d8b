import { loadGatewayConfig } from './gateway.config';

describe('gateway configuration', () => {
  it('defaults to port 3000 and every known service', () => {
    const config = loadGatewayConfig({});
    expect(config).toMatchObject({ port: 3000, opsPort: 9400, rpcTimeoutMs: 5000, trustProxy: false });
    expect(config.services).toContain('service-enablement');
  });

  it('reads the services list and refuses a malformed one', () => {
    expect(loadGatewayConfig({ ARBOR_GATEWAY_SERVICES: 'identity, notes' }).services).toEqual([
      'identity',
      'notes',
    ]);
    expect(() => loadGatewayConfig({ ARBOR_GATEWAY_SERVICES: 'Not A Service' })).toThrow(/services/);
    expect(() => loadGatewayConfig({ ARBOR_GATEWAY_PORT: '70000' })).toThrow(/port/);
  });

  it('keeps rate limit counters in Redis, under the bus namespace unless told otherwise', () => {
    expect(loadGatewayConfig({})).toMatchObject({
      redisUrl: 'redis://127.0.0.1:6379',
      rateLimitNamespace: 'arbor',
      signInRateLimitPerMinute: 30,
    });
    expect(loadGatewayConfig({ ARBOR_BUS_NAMESPACE: 'staging' }).rateLimitNamespace).toBe('staging');
    expect(
      loadGatewayConfig({ ARBOR_BUS_NAMESPACE: 'staging', ARBOR_GATEWAY_RATE_LIMIT_NAMESPACE: 'run-7' })
        .rateLimitNamespace,
    ).toBe('run-7');
    expect(() => loadGatewayConfig({ ARBOR_REDIS_URL: 'http://cache:6379' })).toThrow(/redisUrl/);
  });

  it('allows the web app origin: its own setting, else identity’s ARBOR_WEB_ORIGIN, else localhost:3000', () => {
    expect(loadGatewayConfig({}).webOrigins).toEqual(['http://localhost:3000']);
    expect(loadGatewayConfig({ ARBOR_WEB_ORIGIN: 'https://app.arbor.health' }).webOrigins).toEqual([
      'https://app.arbor.health',
    ]);
    expect(
      loadGatewayConfig({
        ARBOR_WEB_ORIGIN: 'https://app.arbor.health',
        ARBOR_GATEWAY_WEB_ORIGINS: 'https://a.example, https://b.example:8443',
      }).webOrigins,
    ).toEqual(['https://a.example', 'https://b.example:8443']);
  });

  it('refuses a web origin with a path, a trailing slash or another scheme', () => {
    for (const origin of ['https://a.example/app', 'https://a.example/', 'ftp://a.example', '*']) {
      expect(() => loadGatewayConfig({ ARBOR_GATEWAY_WEB_ORIGINS: origin })).toThrow(/webOrigins/);
    }
  });
});
