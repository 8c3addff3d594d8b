import { createHash, randomBytes } from 'node:crypto';

/**
 * Bearer secrets handed to people (refresh tokens, invitation links): 32 random bytes,
 * base64url. Only their SHA-256 is stored: a stolen database holds nothing that works, and with
 * 256 bits of entropy a fast hash is enough (there is nothing to guess).
 */
export function newOpaqueToken(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
