import { rewrap, sealedKeyId, type KeyRing } from '@arbor/crypto';
import type { Queryable } from '@arbor/database';
import { ProcessorAccountsRepository } from './processor-accounts.repository';

/**
 * Key rotation: re-wraps every processor account's data key under the active key-encryption key,
 * so the old key can be retired. The credentials themselves are not re-encrypted. Each account is
 * re-wrapped in its own statement; running it again after a crash picks up where it stopped.
 */
export async function rotateProcessorCredentials(
  db: Queryable,
  keys: KeyRing,
  repository = new ProcessorAccountsRepository(),
): Promise<{ rewrapped: number; total: number }> {
  const accounts = await repository.allSealed(db);
  let rewrapped = 0;
  for (const { id, sealedCredentials } of accounts) {
    if (sealedKeyId(sealedCredentials) === keys.activeKeyId) continue;
    await repository.replaceSealed(db, id, rewrap(keys, sealedCredentials, id));
    rewrapped += 1;
  }
  return { rewrapped, total: accounts.length };
}
