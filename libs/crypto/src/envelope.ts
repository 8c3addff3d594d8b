import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyRing } from './key-ring';

/**
 * Envelope encryption for data at rest (note bodies, client contact details, processor
 * credentials, TOTP secrets, signing keys): each record gets its own random data key; the data
 * is sealed with AES-256-GCM under that key with the record's id as associated data (a sealed
 * value copied onto another record does not open), and the data key is itself sealed under the
 * active key-encryption key, whose id is stored beside it so keys can rotate.
 *
 * Stored form: `v1.<kek id>.<wrapped data key>.<iv>.<ciphertext+tag>` (base64url parts).
 */
export type Sealed = string & { readonly __sealed: unique symbol };

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

function gcmSeal(key: Buffer, plaintext: Buffer, aad: string): { iv: Buffer; body: Buffer } {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { iv, body };
}

function gcmOpen(key: Buffer, iv: Buffer, body: Buffer, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
}

const b64 = (buffer: Buffer) => buffer.toString('base64url');
const unb64 = (text: string) => Buffer.from(text, 'base64url');

/** The data key is bound to the record too: a wrapped key cannot be moved to another record. */
const wrapAad = (kekId: string, recordId: string) => `arbor-dek|${kekId}|${recordId}`;

export function seal(ring: KeyRing, plaintext: string | Buffer, recordId: string): Sealed {
  const dataKey = randomBytes(32);
  try {
    const data = gcmSeal(
      dataKey,
      Buffer.isBuffer(plaintext) ? plaintext : Buffer.from(plaintext, 'utf8'),
      recordId,
    );
    const kek = ring.key(ring.activeKeyId)!;
    const wrapped = gcmSeal(kek, dataKey, wrapAad(ring.activeKeyId, recordId));
    return [
      VERSION,
      ring.activeKeyId,
      b64(Buffer.concat([wrapped.iv, wrapped.body])),
      b64(data.iv),
      b64(data.body),
    ].join('.') as Sealed;
  } finally {
    dataKey.fill(0);
  }
}

interface Parsed {
  kekId: string;
  wrapped: Buffer;
  iv: Buffer;
  body: Buffer;
}

function parse(value: string): Parsed {
  const parts = value.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) throw new Error('not a sealed value');
  const [, kekId, wrapped, iv, body] = parts as [string, string, string, string, string];
  return { kekId, wrapped: unb64(wrapped), iv: unb64(iv), body: unb64(body) };
}

function unwrapDataKey(ring: KeyRing, parsed: Parsed, recordId: string): Buffer {
  const kek = ring.key(parsed.kekId);
  if (!kek) throw new Error(`key-encryption key "${parsed.kekId}" is not configured`);
  return gcmOpen(
    kek,
    parsed.wrapped.subarray(0, IV_BYTES),
    parsed.wrapped.subarray(IV_BYTES),
    wrapAad(parsed.kekId, recordId),
  );
}

export function open(ring: KeyRing, value: string, recordId: string): Buffer {
  const parsed = parse(value);
  const dataKey = unwrapDataKey(ring, parsed, recordId);
  try {
    return gcmOpen(dataKey, parsed.iv, parsed.body, recordId);
  } finally {
    dataKey.fill(0);
  }
}

export function openText(ring: KeyRing, value: string, recordId: string): string {
  return open(ring, value, recordId).toString('utf8');
}

/** The id of the key-encryption key a value is wrapped under. */
export function sealedKeyId(value: string): string {
  return parse(value).kekId;
}

/**
 * Key rotation: re-wraps the data key under the ring's active key; the data itself is not
 * re-encrypted. A value already under the active key comes back unchanged.
 */
export function rewrap(ring: KeyRing, value: string, recordId: string): Sealed {
  const parsed = parse(value);
  if (parsed.kekId === ring.activeKeyId) return value as Sealed;
  const dataKey = unwrapDataKey(ring, parsed, recordId);
  try {
    const wrapped = gcmSeal(ring.key(ring.activeKeyId)!, dataKey, wrapAad(ring.activeKeyId, recordId));
    return [
      VERSION,
      ring.activeKeyId,
      b64(Buffer.concat([wrapped.iv, wrapped.body])),
      b64(parsed.iv),
      b64(parsed.body),
    ].join('.') as Sealed;
  } finally {
    dataKey.fill(0);
  }
}

/** A new random key in the configuration's form, for `id:` + this. */
export function newKeyEncryptionKey(): string {
  return randomBytes(32).toString('base64');
}
