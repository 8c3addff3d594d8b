import { randomBytes } from 'node:crypto';
import { loadNotesConfig, loadNotesHostConfig } from './notes.config';

describe('notes configuration', () => {
  const key = randomBytes(32).toString('base64');

  it('requires its own key-encryption keys, the first one active', () => {
    expect(() => loadNotesConfig({})).toThrow(/keyEncryptionKeys/);
    expect(() => loadNotesConfig({ ARBOR_PAYMENTS_KEY_ENCRYPTION_KEYS: `k1:${key}` })).toThrow(
      /keyEncryptionKeys/,
    );
    const config = loadNotesConfig({
      ARBOR_NOTES_KEY_ENCRYPTION_KEYS: `new:${key},old:${randomBytes(32).toString('base64')}`,
    });
    expect(config.keyEncryptionKeys.activeKeyId).toBe('new');
    expect(config.keyEncryptionKeys.keyIds).toEqual(['new', 'old']);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => loadNotesConfig({ ARBOR_NOTES_KEY_ENCRYPTION_KEYS: 'k1:c2hvcnQ=' })).toThrow(/32 bytes/);
  });

  it('lets the migrate step run without the keys', () => {
    expect(loadNotesHostConfig({}).databaseUrl).toContain('arbor_notes');
  });
});
