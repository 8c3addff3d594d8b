import { z } from 'zod';

/**
 * Key-encryption keys (KEKs) from configuration: `id:base64key,id:base64key,…`, each key 32
 * random bytes; the first is the active one (new data keys are wrapped with it), the others
 * still unwrap what they wrapped before a rotation.
 */
export interface KeyRing {
  readonly activeKeyId: string;
  key(id: string): Buffer | undefined;
  readonly keyIds: readonly string[];
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export const KeyRingSetting = z
  .string()
  .min(1, 'must list at least one key as id:base64key')
  .transform((value, context) => {
    const entries = value.split(',').map((entry) => entry.trim());
    const keys = new Map<string, Buffer>();
    for (const entry of entries) {
      const separator = entry.indexOf(':');
      const id = entry.slice(0, separator);
      const key = Buffer.from(entry.slice(separator + 1), 'base64');
      if (separator < 1 || !KEY_ID.test(id)) {
        context.addIssue({ code: 'custom', message: `"${id || entry.slice(0, 8)}…" is not id:base64key` });
        return z.NEVER;
      }
      if (key.length !== 32) {
        context.addIssue({
          code: 'custom',
          message: `key "${id}" must be 32 bytes (base64 of 32 random bytes)`,
        });
        return z.NEVER;
      }
      if (keys.has(id)) {
        context.addIssue({ code: 'custom', message: `key id "${id}" appears twice` });
        return z.NEVER;
      }
      keys.set(id, key);
    }
    return keyRing(keys);
  });

export function keyRing(keys: Map<string, Buffer>): KeyRing {
  const keyIds = [...keys.keys()];
  const activeKeyId = keyIds[0];
  if (!activeKeyId) throw new Error('a key ring needs at least one key');
  return { activeKeyId, keyIds, key: (id) => keys.get(id) };
}
