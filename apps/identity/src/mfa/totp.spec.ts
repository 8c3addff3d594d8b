import { generate } from 'otplib';
import { checkTotp, newTotpSecret, totpEnrolmentUrl } from './totp';

const now = new Date('2026-03-01T08:00:10Z');
const epoch = Math.floor(now.getTime() / 1000);
const codeAt = (secret: string, seconds: number) => generate({ secret, epoch: seconds });

describe('TOTP', () => {
  const secret = newTotpSecret();

  it('accepts the current code and names its time step', async () => {
    const result = await checkTotp(secret, await codeAt(secret, epoch), now, null);
    expect(result).toEqual({ valid: true, timeStep: Math.floor(epoch / 30) });
  });

  it('accepts one step either side, and no further', async () => {
    expect((await checkTotp(secret, await codeAt(secret, epoch - 30), now, null)).valid).toBe(true);
    expect((await checkTotp(secret, await codeAt(secret, epoch + 30), now, null)).valid).toBe(true);
    expect((await checkTotp(secret, await codeAt(secret, epoch - 90), now, null)).valid).toBe(false);
    expect((await checkTotp(secret, await codeAt(secret, epoch + 90), now, null)).valid).toBe(false);
  });

  it('refuses a code of a step already used (replay)', async () => {
    const code = await codeAt(secret, epoch);
    const first = await checkTotp(secret, code, now, null);
    expect(first.valid).toBe(true);
    const step = first.valid ? first.timeStep : -1;
    expect((await checkTotp(secret, code, now, step)).valid).toBe(false);
    expect((await checkTotp(secret, await codeAt(secret, epoch + 30), now, step)).valid).toBe(true);
  });

  it('refuses another secret’s code', async () => {
    expect((await checkTotp(newTotpSecret(), await codeAt(secret, epoch), now, null)).valid).toBe(false);
  });

  it('makes an otpauth URL an authenticator app reads', () => {
    const url = new URL(totpEnrolmentUrl(secret, 'ana@example.org'));
    expect(url.protocol).toBe('otpauth:');
    expect(url.searchParams.get('secret')).toBe(secret);
    expect(url.searchParams.get('issuer')).toBe('Arbor');
    expect(decodeURIComponent(url.pathname)).toContain('ana@example.org');
  });
});
