import { z } from 'zod';
import { KeyRingSetting, type KeyRing } from '@arbor/crypto';
import {
  envPrefix,
  parseConfig,
  readServiceHostConfig,
  settingReader,
  type Environment,
  type ServiceHostConfig,
} from '@arbor/messaging';

export const SERVICE_NAME = 'identity';

/** Injection token of the validated {@link IdentityConfig}. */
export const IDENTITY_CONFIG = Symbol.for('arbor.identity.config');

/** The brute-force rule for one kind of key (an account, an address). */
export interface ThrottlePolicy {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly lockoutMs: number;
}

export interface IdentitySettings {
  /** Seals TOTP secrets and the private signing keys at rest (envelope encryption). */
  readonly keyEncryptionKeys: KeyRing;
  /** Where the web app lives: invitation links point there. No trailing slash. */
  readonly webOrigin: string;
  readonly accessTokenTtlSeconds: number;
  readonly sessionIdleMs: number;
  readonly sessionAbsoluteMs: number;
  readonly invitationTtlMs: number;
  readonly accountThrottle: ThrottlePolicy;
  readonly addressThrottle: ThrottlePolicy;
  /** How long a device stays trusted after its last sign-in (a trusted device has its own lock). */
  readonly trustedDeviceMs: number;
}

export type IdentityConfig = ServiceHostConfig & IdentitySettings;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const KEK_VARIABLE = `ARBOR_${envPrefix(SERVICE_NAME)}_KEY_ENCRYPTION_KEYS`;

const whole = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const WebOrigin = z.string().transform((value, context) => {
  try {
    const url = new URL(value);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.pathname === '/' && !url.search) {
      return url.origin;
    }
  } catch {
    // reported below
  }
  context.addIssue({ code: 'custom', message: 'must be an http(s) origin such as https://app.example.com' });
  return z.NEVER;
});

const Settings = z.object({
  keyEncryptionKeys: z
    .string({
      error: (issue) => (issue.input === undefined ? `required: set ${KEK_VARIABLE}` : 'must be a string'),
    })
    .pipe(KeyRingSetting),
  webOrigin: WebOrigin,
  accessTokenTtlSeconds: whole(1, 24 * 60 * 60),
  sessionIdleMinutes: whole(1, 7 * 24 * 60),
  sessionAbsoluteHours: whole(1, 90 * 24),
  invitationTtlHours: whole(1, 90 * 24),
  accountMaxFailures: whole(1, 1000),
  addressMaxFailures: whole(1, 100_000),
  failureWindowMinutes: whole(1, 24 * 60),
  lockoutMinutes: whole(1, 24 * 60),
  trustedDeviceDays: whole(1, 400),
});

/** What the migrate step needs: the database, not the keys (a migrate Job holds no key). */
export function loadIdentityHostConfig(env: Environment = process.env): ServiceHostConfig {
  return readServiceHostConfig(env, SERVICE_NAME, { opsPort: 9401 });
}

/**
 * The only reader of the environment in this app. Besides the variables every service has
 * (docs/runtime-names.md), identity reads:
 *
 * | variable | default | meaning |
 * |---|---|---|
 * | `ARBOR_IDENTITY_KEY_ENCRYPTION_KEYS` | none: **required**, the service refuses to start without it | `id:base64key,…` (32 random bytes each, the first active; `newKeyEncryptionKey()` in libs/crypto makes one). Seals TOTP secrets and private signing keys. Only the identity-specific variable is read, never a shared one: each service has keys of its own. |
 * | `ARBOR_WEB_ORIGIN` (or `ARBOR_IDENTITY_WEB_ORIGIN`) | `http://localhost:3000` | the web app's origin; invitation links are `{origin}/invitations/{token}` |
 * | `ARBOR_IDENTITY_ACCESS_TOKEN_TTL_SECONDS` | `900` | access-token lifetime (min 1, so end-to-end tests can watch one expire) |
 * | `ARBOR_IDENTITY_SESSION_IDLE_MINUTES` | `30` | a session not refreshed for this long ends |
 * | `ARBOR_IDENTITY_SESSION_ABSOLUTE_HOURS` | `12` | a session ends this long after login, whatever its activity |
 * | `ARBOR_IDENTITY_INVITATION_TTL_HOURS` | `168` | how long an invitation link stays valid |
 * | `ARBOR_IDENTITY_LOGIN_ACCOUNT_MAX_FAILURES` | `5` | failed logins for one email within the window before it is locked |
 * | `ARBOR_IDENTITY_LOGIN_ADDRESS_MAX_FAILURES` | `20` | failed logins from one IP address within the window before it is locked |
 * | `ARBOR_IDENTITY_LOGIN_FAILURE_WINDOW_MINUTES` | `15` | the window failures are counted in |
 * | `ARBOR_IDENTITY_LOGIN_LOCKOUT_MINUTES` | `15` | how long a lock lasts |
 * | `ARBOR_IDENTITY_TRUSTED_DEVICE_DAYS` | `90` | a browser that signed in stays a trusted device this long after its last sign-in: its failures lock only itself, and the account's and address's locks do not apply to it |
 */
export function loadIdentityConfig(env: Environment = process.env): IdentityConfig {
  const host = loadIdentityHostConfig(env);
  const read = settingReader(env, SERVICE_NAME);
  const raw = {
    keyEncryptionKeys: env[KEK_VARIABLE] || undefined,
    webOrigin: read('WEB_ORIGIN') ?? 'http://localhost:3000',
    accessTokenTtlSeconds: read('ACCESS_TOKEN_TTL_SECONDS') ?? 900,
    sessionIdleMinutes: read('SESSION_IDLE_MINUTES') ?? 30,
    sessionAbsoluteHours: read('SESSION_ABSOLUTE_HOURS') ?? 12,
    invitationTtlHours: read('INVITATION_TTL_HOURS') ?? 168,
    accountMaxFailures: read('LOGIN_ACCOUNT_MAX_FAILURES') ?? 5,
    addressMaxFailures: read('LOGIN_ADDRESS_MAX_FAILURES') ?? 20,
    failureWindowMinutes: read('LOGIN_FAILURE_WINDOW_MINUTES') ?? 15,
    lockoutMinutes: read('LOGIN_LOCKOUT_MINUTES') ?? 15,
    trustedDeviceDays: read('TRUSTED_DEVICE_DAYS') ?? 90,
  };
  const settings = parseConfig(Settings, raw, SERVICE_NAME);
  const windowMs = settings.failureWindowMinutes * MINUTE_MS;
  const lockoutMs = settings.lockoutMinutes * MINUTE_MS;
  return {
    ...host,
    keyEncryptionKeys: settings.keyEncryptionKeys,
    webOrigin: settings.webOrigin,
    accessTokenTtlSeconds: settings.accessTokenTtlSeconds,
    sessionIdleMs: settings.sessionIdleMinutes * MINUTE_MS,
    sessionAbsoluteMs: settings.sessionAbsoluteHours * HOUR_MS,
    invitationTtlMs: settings.invitationTtlHours * HOUR_MS,
    accountThrottle: { maxFailures: settings.accountMaxFailures, windowMs, lockoutMs },
    addressThrottle: { maxFailures: settings.addressMaxFailures, windowMs, lockoutMs },
    trustedDeviceMs: settings.trustedDeviceDays * 24 * HOUR_MS,
  };
}
