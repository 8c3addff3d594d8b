// Real: the gateway application (Fastify, helmet, rate limit, problem+json, @fastify/static) in
// this process, RabbitMQ and Redis (which it connects to at start).
// Faked: the web build, a temporary folder with an index.html and one hashed asset.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { deleteBusNamespace } from '@arbor/messaging';
import { testServices, uniqueBusNamespace } from '@arbor/testing';
import { createGatewayApp, type GatewayApp } from '../gateway.app';
import type { GatewayConfig } from '../gateway.config';
import { serveWebApp } from './serve-web-app';

const INDEX_HTML = '<!doctype html><title>Arbor</title><div id="root"></div>';
const ASSET_JS = 'console.log("arbor");';

describe('the web app served by the gateway', () => {
  const services = testServices();
  const namespace = uniqueBusNamespace('web-app');
  const webRoot = mkdtempSync(path.join(tmpdir(), 'arbor-web-'));
  const gateways: GatewayApp[] = [];

  const config = (overrides: Partial<GatewayConfig> = {}): GatewayConfig => ({
    port: 0,
    host: '127.0.0.1',
    opsPort: 0,
    rabbitmqUrl: services.rabbitmqUrl,
    busNamespace: namespace,
    rpcTimeoutMs: 1000,
    logLevel: 'silent',
    services: ['identity'],
    rateLimitPerMinute: 1000,
    signInRateLimitPerMinute: 1000,
    redisUrl: services.redisUrl,
    rateLimitNamespace: namespace,
    webOrigins: ['http://localhost:3000'],
    trustProxy: false,
    ...overrides,
  });

  /** Listening (Fastify's inject loads ES modules Jest cannot load): a client for its address. */
  async function start(overrides: Partial<GatewayConfig>) {
    const gateway = await createGatewayApp(config(overrides));
    gateways.push(gateway);
    await gateway.app.listen({ port: 0, host: '127.0.0.1' });
    const base = (await gateway.app.getUrl()).replace('[::1]', '127.0.0.1');
    return {
      request: async ({ method, url, headers, payload }: Request) => {
        const response = await fetch(`${base}${url}`, { method, headers, body: payload });
        return {
          statusCode: response.status,
          headers: Object.fromEntries(response.headers),
          body: await response.text(),
        };
      },
    };
  }
  interface Request {
    method: string;
    url: string;
    headers?: Record<string, string>;
    payload?: string;
  }
  type Client = Awaited<ReturnType<typeof start>>;
  type Response = Awaited<ReturnType<Client['request']>>;

  let web: Client;

  beforeAll(async () => {
    mkdirSync(path.join(webRoot, 'assets'));
    mkdirSync(path.join(webRoot, 'icons'));
    writeFileSync(path.join(webRoot, 'index.html'), INDEX_HTML);
    writeFileSync(path.join(webRoot, 'assets', 'x-123.js'), ASSET_JS);
    writeFileSync(path.join(webRoot, 'manifest.webmanifest'), '{"name":"Arbor"}');
    web = await start({ webRoot });
  });

  afterAll(async () => {
    for (const gateway of gateways) await gateway.close();
    await deleteBusNamespace(services.rabbitmqUrl, namespace, ['identity']);
    rmSync(webRoot, { recursive: true, force: true });
  });

  const expectIndexHtml = (response: Response) => {
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toBe(INDEX_HTML);
  };

  it('answers / and any page of the app with index.html, revalidated on every load', async () => {
    expectIndexHtml(await web.request({ method: 'GET', url: '/' }));
    expectIndexHtml(await web.request({ method: 'GET', url: '/index.html' }));
    expectIndexHtml(await web.request({ method: 'GET', url: '/clients/abc' }));
    expectIndexHtml(await web.request({ method: 'GET', url: '/clients/abc?tab=notes' }));
    const head = await web.request({ method: 'HEAD', url: '/admin/services' });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-type']).toMatch(/^text\/html/);
    expect(head.body).toBe('');
  });

  it('caches hashed assets for good and the manifest not at all', async () => {
    const asset = await web.request({ method: 'GET', url: '/assets/x-123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.body).toBe(ASSET_JS);
    const manifest = await web.request({ method: 'GET', url: '/manifest.webmanifest' });
    expect(manifest.statusCode).toBe(200);
    expect(manifest.headers['cache-control']).toBe('no-cache');
  });

  it('answers a hashed asset the build no longer has with a 404, not the page', async () => {
    const response = await web.request({ method: 'GET', url: '/assets/x-456.js' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('sends the content security policy the web app needs: own scripts only, inline styles', async () => {
    const policy = String(
      (await web.request({ method: 'GET', url: '/' })).headers['content-security-policy'],
    );
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("style-src 'self' 'unsafe-inline'");
    expect(policy).toContain("manifest-src 'self'");
    expect(policy).toContain("img-src 'self' data: blob:");
    expect(policy).toContain("font-src 'self' data:;");
    // Served over plain HTTP here (the configured web origin): upgrading would break every request.
    expect(policy).not.toContain('upgrade-insecure-requests');
  });

  it('never answers the API with the page: unknown API paths are problem+json 404s, wrong methods 405s', async () => {
    for (const url of ['/api/v1/nope', '/api', '/api/other', '/api/v1/clients/abc/unknown']) {
      const response = await web.request({ method: 'GET', url });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(response.body)).toMatchObject({ status: 404 });
    }
    const wrongMethod = await web.request({ method: 'GET', url: '/api/v1/auth/login' });
    expect(wrongMethod.statusCode).toBe(405);
    expect(wrongMethod.headers['allow']).toBe('POST');
  });

  it('answers other methods outside the API as before: a 404, or a 405 on a served file', async () => {
    const post = await web.request({
      method: 'POST',
      url: '/clients',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(post.statusCode).toBe(404);
    expect(post.headers['content-type']).toMatch(/^application\/problem\+json/);
    const onFile = await web.request({ method: 'DELETE', url: '/index.html' });
    expect(onFile.statusCode).toBe(405);
    expect(onFile.headers['allow']).toBe('GET, HEAD');
  });

  it('serves no page at all without a web root: the API only', async () => {
    const apiOnly = await start({ webOrigins: ['https://app.example'] });
    const policy = (await apiOnly.request({ method: 'GET', url: '/api/v1/nope' })).headers[
      'content-security-policy'
    ];
    // Served over HTTPS (its web origin): any http:// reference is upgraded rather than sent in clear.
    expect(policy).toContain('upgrade-insecure-requests');
    for (const url of ['/', '/clients/abc', '/index.html']) {
      const response = await apiOnly.request({ method: 'GET', url });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('refuses to start on a folder that holds no web build', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'arbor-web-empty-'));
    try {
      await expect(serveWebApp(Fastify(), empty)).rejects.toThrow(/has no index\.html/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
