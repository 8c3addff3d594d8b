import { ArborError } from '@arbor/contracts';
import { PasswordsService } from './passwords.service';

describe('PasswordsService', () => {
  const passwords = new PasswordsService();
  beforeAll(() => passwords.onModuleInit());

  it('hashes with argon2id and the OWASP parameters, salted', async () => {
    const first = await passwords.hash('correct horse battery staple');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await passwords.hash('correct horse battery staple')).not.toBe(first);
    expect(passwords.needsRehash(first)).toBe(false);
  });

  it('verifies the right secret and refuses a wrong one', async () => {
    const stored = await passwords.hash('correct horse battery staple');
    await expect(passwords.verify(stored, 'correct horse battery staple')).resolves.toBe(true);
    await expect(passwords.verify(stored, 'Correct horse battery staple')).resolves.toBe(false);
  });

  it('answers false for a missing hash, after doing the same work as for a wrong password', async () => {
    await expect(passwords.verify(null, 'anything at all here')).resolves.toBe(false);
    await expect(passwords.verify(undefined, '')).resolves.toBe(false);
    const stored = await passwords.hash('correct horse battery staple');
    const timed = async (storedHash: string | null) => {
      const started = process.hrtime.bigint();
      await passwords.verify(storedHash, 'a wrong guess');
      return Number(process.hrtime.bigint() - started);
    };
    // Interleaved, so that load on the machine weighs on both alike.
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < 9; i += 1) {
      unknown.push(await timed(null));
      wrong.push(await timed(stored));
    }
    const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[4]!;
    // One argon2id verification each. A loose bound, because tests share the machine: without
    // the dummy hash the unknown case answers in microseconds, a thousand times faster.
    expect(median(unknown)).toBeGreaterThan(median(wrong) / 10);
  });

  it('answers false, not an error, for a corrupt stored hash', async () => {
    await expect(passwords.verify('not-a-hash', 'whatever')).resolves.toBe(false);
  });

  it('asks for a rehash of a hash made with weaker parameters', () => {
    expect(passwords.needsRehash('$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaA')).toBe(true);
    expect(passwords.needsRehash('$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA')).toBe(true);
  });

  it('refuses an unacceptable new password as validation_failed naming the body field', () => {
    let error: unknown;
    try {
      passwords.assertAcceptable('qwerty123456', 'admin.password');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ArborError);
    expect(error).toMatchObject({
      code: 'validation_failed',
      details: {
        errors: [{ path: 'admin.password', message: 'is a commonly used password: choose another' }],
      },
    });
    expect(() => passwords.assertAcceptable('a fine long passphrase', 'password')).not.toThrow();
  });
});
