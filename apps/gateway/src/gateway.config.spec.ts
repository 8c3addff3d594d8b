import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadGatewayConfig, PROCESSOR_ORIGINS } from './gateway.config';

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

  it('allows the real processors’ script, frame and API origins unless told which payment origins to allow', () => {
    expect(loadGatewayConfig({}).paymentOrigins).toEqual([...PROCESSOR_ORIGINS]);
    expect(loadGatewayConfig({}).paymentOrigins).toEqual(
      expect.arrayContaining([
        'https://js.stripe.com',
        'https://jstest.authorize.net',
        'https://js.authorize.net',
        'https://api.demo.convergepay.com',
        'https://api.convergepay.com',
      ]),
    );
    expect(
      loadGatewayConfig({ ARBOR_GATEWAY_PAYMENT_ORIGINS: 'http://127.0.0.1:12111, https://js.stripe.com' })
        .paymentOrigins,
    ).toEqual(['http://127.0.0.1:12111', 'https://js.stripe.com']);
  });

  it('refuses a payment origin that is a URL with a path, a wildcard or another scheme', () => {
    for (const origin of [
      'https://js.stripe.com/v3/',
      'https://*.stripe.com',
      'https://js.stripe.com;script-src',
      "'unsafe-inline'",
      'data:',
    ]) {
      expect(() => loadGatewayConfig({ ARBOR_GATEWAY_PAYMENT_ORIGINS: origin })).toThrow(/paymentOrigins/);
    }
  });

  describe('the web app folder', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'arbor-web-config-'));
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    it('serves the API only unless told where the web build is', () => {
      expect(loadGatewayConfig({}).webRoot).toBeUndefined();
      expect(loadGatewayConfig({ ARBOR_GATEWAY_WEB_ROOT: '' }).webRoot).toBeUndefined();
    });

    it('takes a folder holding index.html, as an absolute path', () => {
      mkdirSync(path.join(folder, 'build'));
      writeFileSync(path.join(folder, 'build', 'index.html'), '<!doctype html>');
      const relative = path.relative(process.cwd(), path.join(folder, 'build'));
      expect(loadGatewayConfig({ ARBOR_GATEWAY_WEB_ROOT: relative }).webRoot).toBe(
        path.join(folder, 'build'),
      );
    });

    it('refuses a folder without index.html, or none at all, naming the setting', () => {
      mkdirSync(path.join(folder, 'empty'));
      for (const webRoot of [path.join(folder, 'empty'), path.join(folder, 'missing')]) {
        expect(() => loadGatewayConfig({ ARBOR_GATEWAY_WEB_ROOT: webRoot })).toThrow(
          /webRoot: must be a folder holding the web build/,
        );
      }
    });
  });
});
