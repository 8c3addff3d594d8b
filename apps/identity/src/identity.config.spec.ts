import { newKeyEncryptionKey } from '@arbor/crypto';
import { loadIdentityConfig, loadIdentityHostConfig } from './identity.config';

const KEYS = { ARBOR_IDENTITY_KEY_ENCRYPTION_KEYS: `k1:${newKeyEncryptionKey()}` };
const MINUTE = 60_000;

describe('identity configuration', () => {
  it('refuses to start without key-encryption keys, naming the variable', () => {
    expect(() => loadIdentityConfig({})).toThrow(
      /invalid identity configuration:\n {2}keyEncryptionKeys: required: set ARBOR_IDENTITY_KEY_ENCRYPTION_KEYS/,
    );
    // A shared variable is not enough: each service has keys of its own.
    expect(() =>
      loadIdentityConfig({ ARBOR_KEY_ENCRYPTION_KEYS: KEYS.ARBOR_IDENTITY_KEY_ENCRYPTION_KEYS }),
    ).toThrow(/ARBOR_IDENTITY_KEY_ENCRYPTION_KEYS/);
    expect(() => loadIdentityConfig({ ARBOR_IDENTITY_KEY_ENCRYPTION_KEYS: 'k1:dG9vIHNob3J0' })).toThrow(
      /keyEncryptionKeys: key "k1" must be 32 bytes/,
    );
  });

  it('defaults to 15-minute tokens, 30-minute idle and 12-hour sessions, week-long invitations', () => {
    const config = loadIdentityConfig(KEYS);
    expect(config).toMatchObject({
      opsPort: 9401,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/arbor_identity',
      webOrigin: 'http://localhost:3000',
      accessTokenTtlSeconds: 900,
      sessionIdleMs: 30 * MINUTE,
      sessionAbsoluteMs: 12 * 60 * MINUTE,
      invitationTtlMs: 168 * 60 * MINUTE,
      accountThrottle: { maxFailures: 5, windowMs: 15 * MINUTE, lockoutMs: 15 * MINUTE },
      addressThrottle: { maxFailures: 20, windowMs: 15 * MINUTE, lockoutMs: 15 * MINUTE },
    });
    expect(config.keyEncryptionKeys.activeKeyId).toBe('k1');
  });

  it('reads every setting, down to one-second tokens for end-to-end tests', () => {
    const config = loadIdentityConfig({
      ...KEYS,
      ARBOR_WEB_ORIGIN: 'https://app.example.org/',
      ARBOR_IDENTITY_ACCESS_TOKEN_TTL_SECONDS: '1',
      ARBOR_IDENTITY_SESSION_IDLE_MINUTES: '5',
      ARBOR_IDENTITY_SESSION_ABSOLUTE_HOURS: '1',
      ARBOR_IDENTITY_INVITATION_TTL_HOURS: '2',
      ARBOR_IDENTITY_LOGIN_ACCOUNT_MAX_FAILURES: '3',
      ARBOR_IDENTITY_LOGIN_ADDRESS_MAX_FAILURES: '7',
      ARBOR_IDENTITY_LOGIN_FAILURE_WINDOW_MINUTES: '10',
      ARBOR_IDENTITY_LOGIN_LOCKOUT_MINUTES: '1',
    });
    expect(config).toMatchObject({
      webOrigin: 'https://app.example.org',
      accessTokenTtlSeconds: 1,
      sessionIdleMs: 5 * MINUTE,
      sessionAbsoluteMs: 60 * MINUTE,
      invitationTtlMs: 120 * MINUTE,
      accountThrottle: { maxFailures: 3, windowMs: 10 * MINUTE, lockoutMs: MINUTE },
      addressThrottle: { maxFailures: 7, windowMs: 10 * MINUTE, lockoutMs: MINUTE },
    });
  });

  it('refuses bad values, naming the setting', () => {
    expect(() => loadIdentityConfig({ ...KEYS, ARBOR_IDENTITY_ACCESS_TOKEN_TTL_SECONDS: '0' })).toThrow(
      /accessTokenTtlSeconds/,
    );
    expect(() => loadIdentityConfig({ ...KEYS, ARBOR_IDENTITY_SESSION_IDLE_MINUTES: 'soon' })).toThrow(
      /sessionIdleMinutes/,
    );
    for (const origin of ['app.example.org', 'ftp://app.example.org', 'https://app.example.org/app']) {
      expect(() => loadIdentityConfig({ ...KEYS, ARBOR_WEB_ORIGIN: origin })).toThrow(
        /webOrigin: must be an http/,
      );
    }
  });

  it('lets the migrate step run without the keys', () => {
    expect(loadIdentityHostConfig({}).databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/arbor_identity');
  });
});
