import { eq } from 'drizzle-orm';
import { openText, rewrap, sealedKeyId, type KeyRing } from '@arbor/crypto';
import type { Database } from '@arbor/database';
import type { ClientInfo } from './client';
import { emailHash, nameHashes, type SearchKey } from './client-search';
import { clients } from './clients.schema';

/**
 * Key rotation for clients, after an operator changed the keys: re-wraps each client's data key
 * under the active key-encryption key (the Info itself is not re-encrypted), and recomputes the
 * search hashes of clients hashed under another search key (which needs the Info opened, hence
 * the key ring). Each client is done in its own transaction, locked; running it again after a
 * crash picks up where it stopped.
 */
export async function rotateClientKeys(
  db: Database,
  keys: KeyRing,
  search: SearchKey,
): Promise<{ rewrapped: number; rehashed: number; total: number }> {
  const all = await db
    .select({ id: clients.id, sealedInfo: clients.sealedInfo, searchKeyId: clients.searchKeyId })
    .from(clients);
  let rewrapped = 0;
  let rehashed = 0;
  for (const candidate of all) {
    if (sealedKeyId(candidate.sealedInfo) === keys.activeKeyId && candidate.searchKeyId === search.id)
      continue;
    await db.transaction(async (tx) => {
      const [row] = await tx.select().from(clients).where(eq(clients.id, candidate.id)).for('update');
      if (!row) return;
      const changes: Partial<typeof clients.$inferInsert> = {};
      if (sealedKeyId(row.sealedInfo) !== keys.activeKeyId) {
        changes.sealedInfo = rewrap(keys, row.sealedInfo, row.id);
        rewrapped += 1;
      }
      if (row.searchKeyId !== search.id) {
        const info = JSON.parse(openText(keys, row.sealedInfo, row.id)) as ClientInfo;
        changes.emailHash = emailHash(search, row.practiceId, info.email);
        changes.nameHashes = nameHashes(search, row.practiceId, info);
        changes.searchKeyId = search.id;
        rehashed += 1;
      }
      await tx.update(clients).set(changes).where(eq(clients.id, row.id));
    });
  }
  return { rewrapped, rehashed, total: all.length };
}
