#!/usr/bin/env node
// `npm start`: runs Arbor from the repository against PostgreSQL, RabbitMQ and Redis (by default
// the local ones): checks they answer, builds, applies every service's migrations, starts every
// service and the gateway (which serves the web app), seeds a demo practice, and says where to
// sign in. Email goes to a local mail catcher whose page lists what was sent. Ctrl-C stops everything.
// Settings come from the environment (see .env.example); nothing is installed by surprise.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
process.chdir(root);

if (!existsSync('node_modules')) {
  console.error('Dependencies are not installed: run `npm ci` first.');
  process.exit(1);
}

const env = { ...process.env };

// Keys a service needs that have no safe default: on a developer machine, made once and kept
// in .arbor/local-secrets.env (git-ignored, owner-only), so data encrypted at rest stays
// readable from one run to the next. Production sets them explicitly (see .env.example).
const LOCAL_SECRETS = {
  ARBOR_IDENTITY_KEY_ENCRYPTION_KEYS: () => `local1:${randomBytes(32).toString('base64')}`,
  ARBOR_PAYMENTS_KEY_ENCRYPTION_KEYS: () => `local1:${randomBytes(32).toString('base64')}`,
  ARBOR_CLIENT_RECORDS_KEY_ENCRYPTION_KEYS: () => `local1:${randomBytes(32).toString('base64')}`,
  ARBOR_CLIENT_RECORDS_SEARCH_KEY: () => randomBytes(32).toString('base64'),
  ARBOR_NOTES_KEY_ENCRYPTION_KEYS: () => `local1:${randomBytes(32).toString('base64')}`,
  // Not settings of any service: the demo sign-ins' passwords, random per machine.
  ARBOR_DEMO_ADMIN_PASSWORD: () => `demo-${randomBytes(12).toString('base64url')}`,
  ARBOR_DEMO_PROVIDER_PASSWORD: () => `demo-${randomBytes(12).toString('base64url')}`,
  ARBOR_DEMO_CLIENT_PASSWORD: () => `demo-${randomBytes(12).toString('base64url')}`,
};
const DEMO_PRACTICE = 'Demo Practice';
const DEMO_ADMIN_EMAIL = 'admin@demo-practice.test';
const DEMO_PROVIDER_EMAIL = 'provider@demo-practice.test';
const DEMO_CLIENT_EMAIL = 'client@demo-practice.test';
function loadLocalSecrets() {
  const file = path.join('.arbor', 'local-secrets.env');
  const saved = existsSync(file)
    ? Object.fromEntries(
        readFileSync(file, 'utf8')
          .split('\n')
          .filter((line) => line.includes('='))
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      )
    : {};
  let added = false;
  for (const [name, make] of Object.entries(LOCAL_SECRETS)) {
    if (env[name]) continue;
    if (!saved[name]) {
      saved[name] = make();
      added = true;
    }
    env[name] = saved[name];
  }
  if (added) {
    mkdirSync('.arbor', { recursive: true });
    writeFileSync(
      file,
      Object.entries(saved)
        .map(([name, value]) => `${name}=${value}\n`)
        .join(''),
      { mode: 0o600 },
    );
    chmodSync(file, 0o600);
    say(`created development keys in ${file} (keep it: data encrypted with them needs them)`);
  }
}
const postgresUrl = env.ARBOR_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const rabbitmqUrl = env.ARBOR_RABBITMQ_URL || 'amqp://guest:guest@127.0.0.1:5672';
const redisUrl = env.ARBOR_REDIS_URL || 'redis://127.0.0.1:6379';
const gatewayPort = env.ARBOR_GATEWAY_PORT || '3000';
const webAddress = `http://localhost:${gatewayPort}`;
// The gateway serves the web app on its own origin; invitation links (identity) point there and
// only that origin may use the refresh cookie, so both follow the port unless set.
if (env.ARBOR_WEB_ORIGIN === undefined) {
  env.ARBOR_WEB_ORIGIN = webAddress;
  env.ARBOR_GATEWAY_WEB_ORIGINS ??= `${webAddress},http://127.0.0.1:${gatewayPort}`;
}

const redact = (url) => url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
const say = (line) => console.log(`arbor: ${line}`);

// 1. The three services Arbor needs, each named when it does not answer.
async function checkDependencies() {
  const { default: pg } = await import('pg');
  const { default: amqp } = await import('amqplib');
  const { Redis } = await import('ioredis');
  const checks = {
    PostgreSQL: [
      postgresUrl,
      async () => {
        const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
        await client.connect();
        await client.end();
      },
      'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
    ],
    RabbitMQ: [
      rabbitmqUrl,
      async () => {
        const connection = await amqp.connect(rabbitmqUrl, { timeout: 3000 });
        await connection.close();
      },
      'rabbitmq-server -detached',
    ],
    Redis: [
      redisUrl,
      async () => {
        const redis = new Redis(redisUrl, {
          lazyConnect: true,
          maxRetriesPerRequest: 0,
          connectTimeout: 3000,
        });
        let cause;
        redis.on('error', (error) => (cause = error));
        try {
          await redis.connect().catch((error) => {
            throw cause ?? error;
          });
          await redis.ping();
        } finally {
          redis.disconnect();
        }
      },
      'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no',
    ],
  };
  let missing = 0;
  for (const [name, [url, check, hint]] of Object.entries(checks)) {
    try {
      await check();
      say(`${name} answers at ${redact(url)}`);
    } catch (error) {
      missing += 1;
      console.error(`arbor: ${name} does not answer at ${redact(url)}: ${error.message}`);
      console.error(`       start it (e.g. \`${hint}\`, or \`docker compose up -d ${name.toLowerCase()}\`)`);
      console.error(
        `       or point ARBOR_${name === 'PostgreSQL' ? 'POSTGRES' : name.toUpperCase()}_URL at yours.`,
      );
    }
  }
  if (missing > 0) process.exit(1);
}

function run(command, args, label) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...env, NX_DAEMON: 'false' } });
  if (result.status !== 0) {
    console.error(`arbor: ${label} failed`);
    process.exit(result.status ?? 1);
  }
}

// Service apps are the ones with a migrate step; the gateway starts last.
const apps = readdirSync('apps').filter((app) => existsSync(path.join('apps', app, 'project.json')));
const services = apps.filter((app) => existsSync(path.join('apps', app, 'src', 'migrate.ts')));
const entry = (app, name) => path.join('dist', app, 'apps', app, 'src', `${name}.js`);
// The web app's build (the `web` project's build target writes it); empty means the API only.
if (apps.includes('web')) env.ARBOR_GATEWAY_WEB_ROOT ??= path.join('dist', 'web');
const servesWebApp = Boolean(env.ARBOR_GATEWAY_WEB_ROOT);

/** Child output, one line at a time, readable: `[app] level message` for pino's JSON lines. */
function pipeOutput(app, stream, sink) {
  let buffer = '';
  stream.on('data', (chunk) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop();
    for (const line of lines) {
      if (!line.trim()) continue;
      let text = line;
      try {
        const entry = JSON.parse(line);
        const extra = entry.err?.message ? ` (${entry.err.message})` : '';
        text = `${entry.level ?? ''} ${entry.msg ?? line}${extra}`;
      } catch {
        // not JSON: print as it is
      }
      sink.write(`[${app}] ${text}\n`);
    }
  });
}

const children = new Map();
let stopping = false;

function stopAll(code) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  for (const child of children.values()) child.kill('SIGTERM');
  const deadline = setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
  }, 10_000);
  Promise.all(
    [...children.values()].map((child) => new Promise((resolve) => child.once('exit', resolve))),
  ).then(() => {
    clearTimeout(deadline);
    process.exit(code);
  });
}

function startApp(app) {
  const child = spawn(process.execPath, ['--enable-source-maps', entry(app, 'main')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  pipeOutput(app, child.stdout, process.stdout);
  pipeOutput(app, child.stderr, process.stderr);
  child.once('exit', (code, signal) => {
    children.delete(app);
    if (!stopping) {
      console.error(`arbor: ${app} exited (${code ?? signal}); stopping the rest`);
      stopAll(1);
    }
  });
  children.set(app, child);
}

async function waitForGateway() {
  const url = `http://127.0.0.1:${gatewayPort}/api/v1/health`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !stopping) {
    try {
      const response = await fetch(url);
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

/**
 * A local tool of tools/ (the processor sandbox, the mail catcher) as a child of this script,
 * resolved with what `ready` reads in its output once it listens; if it exits, everything stops.
 */
function startTool(name, ready, hint = '') {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', `tools/${name}/src/main.ts`], {
    env: { ...env, SWC_NODE_PROJECT: `tools/${name}/tsconfig.json` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.set(name, child);
  child.once('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(`arbor: ${name} exited (${code ?? signal}); stopping the rest`);
      stopAll(1);
    }
  });
  pipeOutput(name, child.stderr, process.stderr);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk.toString();
      const value = ready(output);
      if (value) resolve(value);
    });
    child.once('exit', () => reject(new Error(`${name} did not start${hint}: ${output}`)));
  });
}

/**
 * The processor sandbox answers like Stripe, Authorize.net and Converge, so a practice set up
 * here can take test payments at once. Set ARBOR_PAYMENTS_PROCESSOR_SANDBOX_URL yourself to use
 * another one, or to an empty value to reach the real processors.
 */
async function startSandbox() {
  if (env.ARBOR_PAYMENTS_PROCESSOR_SANDBOX_URL !== undefined || !services.includes('payments')) return;
  env.ARBOR_PAYMENTS_PROCESSOR_SANDBOX_URL = await startTool(
    'processor-sandbox',
    (output) => /listening on (http:\/\/\S+)/.exec(output)?.[1],
  );
  say(
    `processor sandbox (Stripe, Authorize.net, Converge look-alike) at ${env.ARBOR_PAYMENTS_PROCESSOR_SANDBOX_URL}`,
  );
}

/**
 * The mail catcher takes every email notifications sends (invitations, invoice alerts) and lists
 * it on a page, so a newcomer can follow an invitation link. Set ARBOR_NOTIFICATIONS_SMTP_URL to
 * send through a real mail server instead.
 */
let mailPageUrl;
async function startMailCatcher() {
  if (env.ARBOR_NOTIFICATIONS_SMTP_URL !== undefined || !services.includes('notifications')) return;
  const started = await startTool(
    'mail-catcher',
    (output) => {
      const smtp = /mail catcher smtp (smtp:\/\/\S+)/.exec(output);
      const page = /mail catcher page (http:\/\/\S+)/.exec(output);
      return smtp && page ? { smtpUrl: smtp[1], pageUrl: page[1] } : undefined;
    },
    ' (ports taken? set ARBOR_MAIL_CATCHER_SMTP_PORT/_HTTP_PORT)',
  );
  env.ARBOR_NOTIFICATIONS_SMTP_URL = started.smtpUrl;
  mailPageUrl = started.pageUrl;
  say(`mail catcher: email is caught at ${started.smtpUrl}; see what was sent at ${mailPageUrl}`);
}

process.once('SIGINT', () => stopAll(0));
process.once('SIGTERM', () => stopAll(0));

await checkDependencies();
loadLocalSecrets();
say('building…');
run('npx', ['nx', 'run-many', '-t', 'build', '--output-style=static'], 'build');
for (const service of services) run(process.execPath, [entry(service, 'migrate')], `${service} migration`);
await startSandbox();
// The payment page then loads the sandbox's look-alikes of the processors' scripts: the gateway's
// Content-Security-Policy allows its origin in place of the real processors'.
if (env.ARBOR_PAYMENTS_PROCESSOR_SANDBOX_URL) {
  env.ARBOR_GATEWAY_PAYMENT_ORIGINS ??= new URL(env.ARBOR_PAYMENTS_PROCESSOR_SANDBOX_URL).origin;
}
await startMailCatcher();
for (const service of services) startApp(service);
if (apps.includes('gateway')) startApp('gateway');
/**
 * A demo practice, so there is something to sign in to as each role: its Admin (also a
 * Provider), a second Provider, a client with a client-portal login, Client Billing enabled for
 * both providers, and a Stripe test account on the sandbox. Made once; a later run finds everyone
 * signing in and leaves the practice as it is (a run stopped half-way is completed).
 * ARBOR_DEMO_SEED=false skips it.
 */
async function seedDemoPractice() {
  const api = async (method, path, { body, token } = {}) => {
    const response = await fetch(`http://127.0.0.1:${gatewayPort}/api/v1${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: response.status === 204 ? {} : await response.json() };
  };
  const expect = (answer, status, what) => {
    if (answer.status !== status)
      throw new Error(`${what} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  /** An event from one service reaching another takes a moment: try again while it has not. */
  const eventually = async (what, attempt) => {
    let last;
    for (let tries = 0; tries < 60; tries += 1) {
      last = await attempt();
      if (last.done) return last.body;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`${what} answered ${last.status}: ${JSON.stringify(last.body)}`);
  };
  const tokenFromInvite = (url) => new URL(url).pathname.split('/').pop();
  /** Signed in and acting as `role` in the demo practice; `undefined` if the sign-in fails. */
  const signIn = async (email, password, role) => {
    const session = await api('POST', '/auth/login', { body: { email, password } });
    if (session.status !== 200) return undefined;
    const membership = session.body.memberships.find((entry) => entry.practiceName === DEMO_PRACTICE);
    if (!membership) return undefined;
    const switched = await api('POST', '/auth/switch-role', {
      token: session.body.accessToken,
      body: { practiceId: membership.practiceId, role },
    });
    return {
      userId: session.body.user.id,
      practiceId: membership.practiceId,
      token: expect(switched, 200, `switching ${email} to ${role}`).accessToken,
    };
  };
  const people = {
    admin: { email: DEMO_ADMIN_EMAIL, password: env.ARBOR_DEMO_ADMIN_PASSWORD, what: 'Admin and Provider' },
    provider: { email: DEMO_PROVIDER_EMAIL, password: env.ARBOR_DEMO_PROVIDER_PASSWORD, what: 'Provider' },
    client: { email: DEMO_CLIENT_EMAIL, password: env.ARBOR_DEMO_CLIENT_PASSWORD, what: 'Client (portal)' },
  };
  const printSignIns = (headline) => {
    say(`${headline}: ${webAddress}/ — sign in as`);
    for (const person of Object.values(people)) {
      say(`  ${person.what.padEnd(19)} ${person.email} / ${person.password}`);
    }
  };

  // 1. The practice and its Admin (who is also a Provider).
  const signUp = await api('POST', '/practices', {
    body: {
      practiceName: DEMO_PRACTICE,
      admin: { name: 'Dana Demo', email: people.admin.email, password: people.admin.password },
    },
  });
  if (signUp.status !== 201 && signUp.status !== 409) expect(signUp, 201, 'sign-up');
  const admin = await signIn(people.admin.email, people.admin.password, 'admin');
  if (!admin)
    throw new Error(`${people.admin.email} exists but does not sign in with the password in .arbor`);
  const { practiceId } = admin;
  const practice = `/practices/${practiceId}`;
  let provider = await signIn(people.provider.email, people.provider.password, 'provider');
  let client = await signIn(people.client.email, people.client.password, 'client');
  if (signUp.status === 409 && provider && client) return printSignIns('demo practice');

  // 2. A second Provider, invited by the Admin.
  if (!provider) {
    const invited = expect(
      await api('POST', `${practice}/staff`, {
        token: admin.token,
        body: { name: 'Priya Provider', email: people.provider.email, roles: ['provider'] },
      }),
      201,
      'inviting the provider',
    );
    expect(
      await api('POST', `/invitations/${tokenFromInvite(invited.inviteUrl)}/accept`, {
        body: { password: people.provider.password },
      }),
      200,
      'accepting the provider invitation',
    );
    provider = await signIn(people.provider.email, people.provider.password, 'provider');
  }

  // 3. A client of that Provider (who is assigned to the client by adding them), with a portal login.
  if (!client) {
    const existing = expect(
      await api('GET', `${practice}/clients?email=${encodeURIComponent(people.client.email)}`, {
        token: admin.token,
      }),
      200,
      'looking the client up',
    ).items[0];
    // Client records hears of the new Provider by event: until then they may not add clients.
    const inviteUrl = existing
      ? expect(
          await api('POST', `${practice}/clients/${existing.id}/invitation`, { token: admin.token }),
          200,
          'inviting the client again',
        ).portalInviteUrl
      : await eventually('adding the client', async () => {
          const created = await api('POST', `${practice}/clients`, {
            token: provider.token,
            body: {
              firstName: 'Casey',
              lastName: 'Client',
              email: people.client.email,
              phone: '+1 555 0100',
            },
          });
          return {
            ...created,
            done: created.status === 201,
            body: created.body.portalInviteUrl ?? created.body,
          };
        });
    if (typeof inviteUrl !== 'string') throw new Error('the client has no portal invitation to accept');
    expect(
      await api('POST', `/invitations/${tokenFromInvite(inviteUrl)}/accept`, {
        body: { password: people.client.password },
      }),
      200,
      'accepting the portal invitation',
    );
    client = await signIn(people.client.email, people.client.password, 'client');
  }

  // 4. Client Billing for both providers (service-enablement hears of the second one by event).
  await eventually('enabling Client Billing', async () => {
    const enabled = await api('PATCH', `${practice}/services/client_billing`, {
      token: admin.token,
      body: { enabled: true, providerIds: [admin.userId, provider.userId] },
    });
    return { ...enabled, done: enabled.status === 200 };
  });

  // 5. A Stripe test account on the processor sandbox, unless there is one already.
  if (env.ARBOR_PAYMENTS_PROCESSOR_SANDBOX_URL) {
    const accounts = expect(
      await api('GET', `${practice}/payment-processors`, { token: admin.token }),
      200,
      'listing payment processors',
    );
    if (accounts.items.length === 0) {
      expect(
        await api('POST', `${practice}/payment-processors`, {
          token: admin.token,
          body: {
            description: 'Stripe (sandbox)',
            type: 'stripe',
            credentials: {
              secretKey: `sk_test_${randomBytes(12).toString('hex')}`,
              publishableKey: `pk_test_${randomBytes(12).toString('hex')}`,
            },
          },
        }),
        201,
        'adding the sandbox processor',
      );
    }
  }
  if (!client) throw new Error(`${people.client.email} does not sign in after accepting the invitation`);
  printSignIns(signUp.status === 201 ? 'demo practice created' : 'demo practice completed');
}

if (await waitForGateway()) {
  if (env.ARBOR_DEMO_SEED !== 'false') {
    await seedDemoPractice().catch((error) =>
      console.error(`arbor: could not seed the demo practice: ${error.message}`),
    );
  }
  say(
    `running: gateway on ${webAddress}  (API docs: ${webAddress}/api/docs)` +
      (servesWebApp ? `; the web app: ${webAddress}/` : '; API only (ARBOR_GATEWAY_WEB_ROOT is empty)'),
  );
  say(
    mailPageUrl
      ? `email sent (invitations, alerts): ${mailPageUrl}`
      : `email goes to ${redact(env.ARBOR_NOTIFICATIONS_SMTP_URL ?? 'notifications’ default')} (ARBOR_NOTIFICATIONS_SMTP_URL)`,
  );
  say(`services: ${services.join(', ')}. Ctrl-C stops everything.`);
} else if (!stopping) {
  console.error(
    `arbor: the gateway did not report healthy within 60 s; see the logs above (GET /api/v1/health)`,
  );
}
