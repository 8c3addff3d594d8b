import { randomBytes } from 'node:crypto';
import { keyRing, KeyRingSetting } from './key-ring';
import { newKeyEncryptionKey, open, openText, rewrap, seal, sealedKeyId } from './envelope';

const ringOf = (...ids: string[]) => keyRing(new Map(ids.map((id) => [id, randomBytes(32)])));

describe('envelope encryption', () => {
  const ring = ringOf('k1');

  it('opens what it sealed, and the stored form holds no plaintext', () => {
    const sealed = seal(ring, 'sk_test_51Hsecretvalue', 'record-1');
    expect(sealed).not.toContain('sk_test');
    expect(openText(ring, sealed, 'record-1')).toBe('sk_test_51Hsecretvalue');
  });

  it('uses a fresh data key and IV each time', () => {
    expect(seal(ring, 'same', 'r')).not.toBe(seal(ring, 'same', 'r'));
  });

  it('refuses a value moved onto another record', () => {
    const sealed = seal(ring, 'note body', 'note-1');
    expect(() => open(ring, sealed, 'note-2')).toThrow();
  });

  it('refuses a tampered value', () => {
    const sealed = seal(ring, 'note body', 'note-1');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[4]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[4] = body.toString('base64url');
    expect(() => open(ring, parts.join('.'), 'note-1')).toThrow();
  });

  it('keeps old values readable after a rotation, and re-wraps them under the new key', () => {
    const k1 = randomBytes(32);
    const before = keyRing(new Map([['k1', k1]]));
    const sealed = seal(before, 'credential', 'acct-1');
    const after = keyRing(
      new Map([
        ['k2', randomBytes(32)],
        ['k1', k1],
      ]),
    );
    expect(openText(after, sealed, 'acct-1')).toBe('credential');
    const rewrapped = rewrap(after, sealed, 'acct-1');
    expect(sealedKeyId(rewrapped)).toBe('k2');
    expect(openText(keyRing(new Map([['k2', after.key('k2')!]])), rewrapped, 'acct-1')).toBe('credential');
    expect(rewrap(after, rewrapped, 'acct-1')).toBe(rewrapped);
  });

  it('says which key is missing rather than failing obscurely', () => {
    const sealed = seal(ringOf('old'), 'x', 'r');
    expect(() => open(ringOf('new'), sealed, 'r')).toThrow('key-encryption key "old" is not configured');
  });
});

describe('key ring setting', () => {
  it('reads id:base64 pairs, the first active', () => {
    const ring = KeyRingSetting.parse(`2026b:${newKeyEncryptionKey()}, 2026a:${newKeyEncryptionKey()}`);
    expect(ring.activeKeyId).toBe('2026b');
    expect(ring.keyIds).toEqual(['2026b', '2026a']);
  });

  it('refuses short keys, missing ids and duplicates, naming the key', () => {
    expect(
      KeyRingSetting.safeParse(`k:${randomBytes(16).toString('base64')}`).error?.issues[0]?.message,
    ).toMatch(/key "k" must be 32 bytes/);
    expect(KeyRingSetting.safeParse(newKeyEncryptionKey()).success).toBe(false);
    const key = newKeyEncryptionKey();
    expect(KeyRingSetting.safeParse(`a:${key},a:${key}`).error?.issues[0]?.message).toMatch(/appears twice/);
  });
});
