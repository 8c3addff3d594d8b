import { open, type KeyRing } from '@arbor/crypto';
import type { Queryable } from '@arbor/database';
import { GENESIS_HASH, verifyChain, type ChainBreak } from './note-chain';
import { NotesRepository } from './notes.repository';

export interface UnreadableEntry {
  readonly clientId: string;
  readonly entryId: string;
  readonly kind: 'note' | 'addendum';
  readonly problem: string;
}

export interface ChainReport {
  readonly clients: number;
  readonly entries: number;
  /** The first broken link of each client whose chain does not verify. */
  readonly breaks: ChainBreak[];
  /** Every entry whose sealed body does not open under its id with the configured keys. */
  readonly unreadable: UnreadableEntry[];
}

/**
 * Recomputes every client's chain from the stored rows and opens every body. A client with
 * entries but no client row (its head removed) is checked against an empty head, so it is
 * reported too.
 */
export async function verifyNoteChains(db: Queryable, keys: KeyRing): Promise<ChainReport> {
  const repository = new NotesRepository();
  const clients = await repository.allClients(db);
  const heads = new Map(clients.map((client) => [client.clientId, client]));
  const clientIds = [...new Set([...heads.keys(), ...(await repository.clientsWithEntries(db))])].sort();
  const breaks: ChainBreak[] = [];
  const unreadable: UnreadableEntry[] = [];
  let entries = 0;
  for (const clientId of clientIds) {
    const chain = await repository.chainOf(db, clientId);
    entries += chain.length;
    const head = heads.get(clientId);
    const broken = verifyChain(clientId, chain, {
      length: head?.chainLength ?? 0,
      hash: head?.chainHead ?? GENESIS_HASH,
    });
    if (broken) breaks.push(broken);
    for (const entry of chain) {
      try {
        open(keys, entry.sealedBody, entry.id);
      } catch (error) {
        unreadable.push({ clientId, entryId: entry.id, kind: entry.kind, problem: (error as Error).message });
      }
    }
  }
  return { clients: clientIds.length, entries, breaks, unreadable };
}

/** The report as an operator reads it: one line per problem, naming client and entry. */
export function describeReport(report: ChainReport): string[] {
  return [
    ...report.breaks.map(
      (broken) =>
        `chain broken: client ${broken.clientId}, entry ${broken.entryId ?? '(end of chain)'} (#${broken.seq}): ${broken.problem}`,
    ),
    ...report.unreadable.map(
      (entry) =>
        `does not decrypt: client ${entry.clientId}, ${entry.kind} ${entry.entryId}: ${entry.problem}`,
    ),
  ];
}
