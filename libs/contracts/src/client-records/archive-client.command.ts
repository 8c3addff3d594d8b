import { z } from 'zod';
import { command } from '../contract';
import { Actor, Id } from '../common';
import { ClientView } from './client.types';

/**
 * Admins, and providers assigned to the client. Archiving keeps everything (Info, providers,
 * notes elsewhere) and only takes the client out of the default list; archiving an archived
 * client, or restoring an active one, answers the client unchanged.
 */
export const ArchiveClient = command('client-records.client.archive.v1', {
  payload: z.object({ actor: Actor, clientId: Id }),
  reply: ClientView,
});

/** Brings an archived client back, as it was. Same callers as {@link ArchiveClient}. */
export const RestoreClient = command('client-records.client.restore.v1', {
  payload: z.object({ actor: Actor, clientId: Id }),
  reply: ClientView,
});
