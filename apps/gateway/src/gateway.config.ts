import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseConfig, settingReader, type Environment } from '@arbor/messaging';

export const SERVICE_NAME = 'gateway';

/** Every service app that exists; `/api/v1/health` asks each of them over the bus. */
export const KNOWN_SERVICES = [
  'service-enablement',
  'identity',
  'payments',
  'client-records',
  'notes',
  'invoicing',
  'notifications',
  'directory',
] as const;

/** An origin exactly as a browser sends it in `Origin`: scheme, host and port, no path. */
const WebOrigin = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}, 'must be an origin such as https://app.example.com (scheme, host, optional port; no path)');

/**
 * An origin as a Content-Security-Policy source: a plain host name or address, so no wildcard and
 * nothing (`;`, a quote) that would end the source list or start another directive.
 */
const CspOrigin = WebOrigin.refine(
  (value) => /^https?:\/\/[a-z0-9.-]+(?::\d+)?$/.test(value),
  'must be an origin with a plain host name, such as https://js.stripe.com (no wildcard)',
);

/**
 * Where the processors' browser scripts come from and what they talk to (load, frame, call): Stripe.js
 * (js.stripe.com, its frames there and on hooks.stripe.com, api.stripe.com), Accept.js of sandbox and
 * production accounts (jstest/js.authorize.net, apitest/api2.authorize.net) and Converge's
 * Checkout.js of demo and production accounts (api.demo/api.convergepay.com).
 */
export const PROCESSOR_ORIGINS = [
  'https://js.stripe.com',
  'https://api.stripe.com',
  'https://hooks.stripe.com',
  'https://js.authorize.net',
  'https://jstest.authorize.net',
  'https://api2.authorize.net',
  'https://apitest.authorize.net',
  'https://api.convergepay.com',
  'https://api.demo.convergepay.com',
] as const;

const GatewayConfig = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  opsPort: z.coerce.number().int().min(0).max(65535),
  rabbitmqUrl: z.string().regex(/^amqps?:\/\//, 'must be an amqp:// or amqps:// URL'),
  busNamespace: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and -'),
  rpcTimeoutMs: z.coerce.number().int().min(100).max(120_000),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  services: z.array(z.string().regex(/^[a-z][a-z0-9-]*$/)).min(1),
  /** Requests a minute per signed-in user (by verified token) or, when anonymous, per client address. */
  rateLimitPerMinute: z.coerce.number().int().min(1),
  /** Requests a minute per client address to the anonymous credential routes (sign-in, sign-up, invitations). */
  signInRateLimitPerMinute: z.coerce.number().int().min(1),
  /** Where the rate limit counters live, shared by every gateway replica. */
  redisUrl: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL'),
  /** Prefix of the counters' keys: installations (and test runs) sharing one Redis never meet. */
  rateLimitNamespace: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and -'),
  /** The web app's origins: the only ones allowed to use the refresh-token cookie. */
  webOrigins: z.array(WebOrigin).min(1),
  /**
   * The card processors' origins the web app's Content-Security-Policy allows as script, frame and
   * connection sources, and no other: the payment page loads the processor's own script to
   * tokenize a card there. The processor sandbox's origin in the demo and tests. Always set by
   * {@link loadGatewayConfig}; absent only from a configuration built by hand, which allows none.
   */
  paymentOrigins: z.array(CspOrigin).optional(),
  /** Proxies in front of the gateway whose X-Forwarded-For to trust (rate limiting by client IP). */
  trustProxy: z.union([z.boolean(), z.string()]),
  /**
   * The web app's build (dist/web) to serve on the API's own origin; absent: the API only.
   * Checked here so a wrong path stops the gateway at start, not at a user's first page load.
   */
  webRoot: z
    .string()
    .refine(
      (folder) => existsSync(path.join(folder, 'index.html')),
      'must be a folder holding the web build (its index.html), e.g. dist/web',
    )
    .optional(),
});
export type GatewayConfig = z.infer<typeof GatewayConfig>;

/** The only reader of the environment in the gateway; see docs/runtime-names.md. */
export function loadGatewayConfig(env: Environment = process.env): GatewayConfig {
  const read = settingReader(env, SERVICE_NAME);
  const trustProxy = read('TRUST_PROXY');
  const busNamespace = read('BUS_NAMESPACE') ?? 'arbor';
  const webRoot = read('WEB_ROOT');
  return parseConfig(
    GatewayConfig,
    {
      port: read('PORT') ?? 3000,
      host: read('HOST') ?? '0.0.0.0',
      opsPort: read('OPS_PORT') ?? 9400,
      rabbitmqUrl: read('RABBITMQ_URL') ?? 'amqp://guest:guest@127.0.0.1:5672',
      busNamespace,
      rpcTimeoutMs: read('RPC_TIMEOUT_MS') ?? 5000,
      logLevel: read('LOG_LEVEL') ?? 'info',
      services: commaList(read('SERVICES') ?? KNOWN_SERVICES.join(',')),
      rateLimitPerMinute: read('RATE_LIMIT_PER_MINUTE') ?? 300,
      signInRateLimitPerMinute: read('SIGN_IN_RATE_LIMIT_PER_MINUTE') ?? 30,
      redisUrl: read('REDIS_URL') ?? 'redis://127.0.0.1:6379',
      rateLimitNamespace: read('RATE_LIMIT_NAMESPACE') ?? busNamespace,
      // The identity service's ARBOR_WEB_ORIGIN (where invitation links point) is the usual single answer.
      webOrigins: commaList(read('WEB_ORIGINS') ?? read('WEB_ORIGIN') ?? 'http://localhost:3000'),
      paymentOrigins: commaList(read('PAYMENT_ORIGINS') ?? PROCESSOR_ORIGINS.join(',')),
      trustProxy: trustProxy === undefined ? false : trustProxy === 'true' ? true : trustProxy,
      webRoot: webRoot === undefined ? undefined : path.resolve(webRoot),
    },
    SERVICE_NAME,
  );
}

/** `a, b,,c` → `['a', 'b', 'c']`. */
function commaList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
