import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { createLogger } from '@arbor/observability';
import { createGatewayApp, type GatewayConfig } from '../targets';
import { sleep } from '../stats';
import type { AuthWorld } from './auth';
import { expectStatus, httpRequest, type HttpAnswer, type HttpOptions } from './gateway';

/** One file of the JS a browser loads before any lazy route, raw and gzipped (level 9, as Vite reports). */
export interface BundleFile {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

export interface InitialBundle {
  readonly js: readonly BundleFile[];
  readonly jsGzipBytes: number;
  /** The stylesheets index.html links, for scale (not part of the target). */
  readonly cssGzipBytes: number;
}

const STATIC_IMPORT =
  /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{},\s]*?from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g;

/**
 * The JS index.html loads before any lazy route: its module scripts and modulepreload links, and
 * every chunk those import statically (a dynamic `import("…")`, a lazy route, is left out).
 */
export function initialBundle(distWeb: string): InitialBundle {
  const html = readFileSync(path.join(distWeb, 'index.html'), 'utf8');
  const attribute = (tag: string, name: string) => new RegExp(`${name}="([^"]+)"`).exec(tag)?.[1];
  const tags = html.match(/<(script|link)\b[^>]*>/g) ?? [];
  const entries = tags
    .filter((tag) => /type="module"/.test(tag) || /rel="modulepreload"/.test(tag))
    .map((tag) => attribute(tag, tag.startsWith('<script') ? 'src' : 'href'))
    .filter((src): src is string => Boolean(src));
  const styles = tags
    .filter((tag) => /rel="stylesheet"/.test(tag))
    .map((tag) => attribute(tag, 'href'))
    .filter((href): href is string => Boolean(href));
  const seen = new Set<string>();
  const pending = entries.map((src) => src.replace(/^\//, ''));
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(path.join(distWeb, file), 'utf8');
    for (const match of code.matchAll(STATIC_IMPORT)) {
      pending.push(path.posix.join(path.posix.dirname(file), match[1]!));
    }
  }
  const sizeOf = (file: string): BundleFile => {
    const content = readFileSync(path.join(distWeb, file));
    return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  };
  const js = [...seen].sort().map(sizeOf);
  return {
    js,
    jsGzipBytes: js.reduce((sum, file) => sum + file.gzipBytes, 0),
    cssGzipBytes: styles
      .map((href) => sizeOf(href.replace(/^\//, '')))
      .reduce((sum, f) => sum + f.gzipBytes, 0),
  };
}

export interface WebPlan {
  /** dist/web, served by the gateway as in production. */
  readonly distWeb: string;
  /** Page loads measured per page, each in a fresh browser context (nothing cached). */
  readonly runs: number;
  /** Notes on the profiled client, all listed on its Notes tab. */
  readonly notesOnProfile: number;
}

export interface WebRun {
  readonly chromium: string;
  /** Navigation start → the page's main control is there and enabled, in ms (`performance.now()` in the page). */
  readonly signIn: number[];
  readonly profileInfo: number[];
  readonly profileNotes: number[];
}

/** The web app's localStorage key saying a session may exist (apps/web/src/session/session-store.ts). */
const SIGNED_IN_HINT = 'arbor.signed-in';

/** A port nothing listens on now: the web origin has to be known before the gateway starts. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** What the readiness check reads in the page (this project has Node's types, not the DOM's). */
interface PageGlobals {
  readonly document: {
    querySelectorAll(selector: string): ArrayLike<{
      readonly textContent: string | null;
      readonly disabled?: boolean;
      readonly offsetParent: unknown;
    }>;
  };
  readonly performance: { now(): number };
}

interface Ready {
  readonly label: string;
  readonly articles: number;
}

/**
 * Run in the page each animation frame: `performance.now()` (ms since navigation start) once the
 * button named `label` is rendered, visible and enabled and `articles` notes are listed; else 0.
 * A function, not a string: the app's CSP (no 'unsafe-eval') refuses a string evaluated there.
 */
function readyAt({ label, articles }: Ready): number {
  const page = globalThis as unknown as PageGlobals;
  const buttons = page.document.querySelectorAll('button');
  for (let i = 0; i < buttons.length; i += 1) {
    const button = buttons[i]!;
    if ((button.textContent ?? '').trim() !== label) continue;
    const ready =
      !button.disabled &&
      button.offsetParent !== null &&
      page.document.querySelectorAll('article').length >= articles;
    return ready ? page.performance.now() : 0;
  }
  return 0;
}

/**
 * Through the real gateway serving dist/web in front of identity, client-records and notes (each
 * its own process), in Debian's headless chromium: each page opened `runs` times, each time in a
 * fresh context (cold cache, as a first visit), timed from navigation start to its main control.
 * The profile's contexts carry a refresh cookie from a sign-in made beforehand in that context, so the page
 * restores the session as after a reload.
 */
export async function measureWeb(world: AuthWorld, plan: WebPlan): Promise<WebRun> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const config: GatewayConfig = {
    port,
    host: '127.0.0.1',
    opsPort: 0,
    rabbitmqUrl: world.rabbitmqUrl,
    busNamespace: world.namespace,
    rpcTimeoutMs: world.rpcTimeoutMs,
    logLevel: 'silent',
    services: ['identity', 'client-records', 'notes'],
    rateLimitPerMinute: 100_000_000,
    signInRateLimitPerMinute: 100_000_000,
    redisUrl: world.redisUrl,
    rateLimitNamespace: world.namespace,
    webOrigins: [origin],
    trustProxy: false,
    webRoot: plan.distWeb,
  };
  const gateway = await createGatewayApp(config, { logger: createLogger('gateway', 'silent') });
  let browser: Browser | undefined;
  try {
    await gateway.app.listen({ port, host: '127.0.0.1' });
    const call = (route: string, options: HttpOptions = {}): Promise<HttpAnswer> =>
      httpRequest(undefined, port, route, { ...options, headers: { origin, ...options.headers } });

    // A provider (the practice's founder acts as one at sign-in) with a client and its notes.
    const suffix = randomBytes(6).toString('hex');
    const account = { email: `web-${suffix}@bench.test`, password: `bench passphrase ${suffix}` };
    expectStatus(
      await call('/api/v1/practices', {
        method: 'POST',
        body: {
          practiceName: `Web Bench ${suffix}`,
          admin: { name: 'Bench Provider', email: account.email, password: account.password },
        },
      }),
      201,
      'sign-up',
    );
    const login = async () => {
      const answer = await call('/api/v1/auth/login', { method: 'POST', body: account });
      const body = JSON.parse(expectStatus(answer, 200, 'login')) as {
        accessToken: string;
        memberships: Array<{ practiceId: string }>;
      };
      return body;
    };
    const first = await login();
    const practiceId = first.memberships[0]!.practiceId;
    const headers = { authorization: `Bearer ${first.accessToken}` };
    const clientId = await retried('create the client', async () => {
      const answer = await call(`/api/v1/practices/${practiceId}/clients`, {
        method: 'POST',
        headers,
        body: { firstName: 'Bench', lastName: 'Client', email: `client-${suffix}@bench.test` },
      });
      return answer.status === 201 ? (JSON.parse(answer.body) as { id: string }).id : undefined;
    });
    for (let i = 0; i < plan.notesOnProfile; i += 1) {
      await retried('add a note', async () => {
        const answer = await call(`/api/v1/practices/${practiceId}/clients/${clientId}/notes`, {
          method: 'POST',
          headers,
          body: { type: 'practice', body: `Session ${i + 1}: ${randomBytes(96).toString('base64')}` },
        });
        return answer.status === 201 ? true : undefined;
      });
    }

    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const open = async (url: string, ready: Ready, signedIn: boolean): Promise<number> => {
      const context = await browser!.newContext({
        viewport: { width: 1280, height: 800 },
        // What an earlier visit leaves: the app's hint that a session may exist (without it, the
        // app skips the refresh a first visit could only have refused) and the refresh cookie.
        ...(signedIn
          ? {
              storageState: {
                cookies: [],
                origins: [{ origin, localStorage: [{ name: SIGNED_IN_HINT, value: '1' }] }],
              },
            }
          : {}),
      });
      try {
        // Signed in through the context's own request API: the refresh cookie lands in its jar,
        // as after an earlier visit, and the HTTP cache stays empty.
        if (signedIn) {
          const answer = await context.request.post(`${origin}/api/v1/auth/login`, {
            data: account,
            headers: { origin },
          });
          if (answer.status() !== 200) throw new Error(`browser sign-in answered ${answer.status()}`);
        }
        const page = await context.newPage();
        await page.goto(`${origin}${url}`, { waitUntil: 'commit' });
        try {
          const handle = await page.waitForFunction(readyAt, ready, { polling: 'raf', timeout: 15_000 });
          return await handle.jsonValue();
        } catch (error) {
          const shown = await page
            .locator('body')
            .innerText()
            .catch(() => '(unreadable)');
          throw new Error(
            `${url} never showed "${ready.label}" (at ${page.url()}, showing: ${shown.slice(0, 300)})`,
            {
              cause: error,
            },
          );
        }
      } finally {
        await context.close();
      }
    };
    const run: WebRun = { chromium: browser.version(), signIn: [], profileInfo: [], profileNotes: [] };
    // One warm-up of each (chromium's own start-up work), then the measured loads, interleaved.
    const pages = [
      { samples: run.signIn, url: '/sign-in', ready: { label: 'Sign in', articles: 0 }, signedIn: false },
      {
        samples: run.profileInfo,
        url: `/clients/${clientId}`,
        ready: { label: 'Edit', articles: 0 },
        signedIn: true,
      },
      {
        samples: run.profileNotes,
        url: `/clients/${clientId}?tab=notes`,
        ready: { label: '+Add', articles: plan.notesOnProfile },
        signedIn: true,
      },
    ];
    for (const page of pages) await open(page.url, page.ready, page.signedIn);
    for (let i = 0; i < plan.runs; i += 1) {
      for (const page of pages) page.samples.push(await open(page.url, page.ready, page.signedIn));
    }
    return run;
  } finally {
    await browser?.close();
    await gateway.close();
  }
}

/** Asked again until it answers (a service learning of a new provider or client from events). */
async function retried<T>(what: string, attempt: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const answer = await attempt();
    if (answer !== undefined) return answer;
    if (Date.now() > deadline) throw new Error(`could not ${what} within 30 s`);
    await sleep(50);
  }
}
