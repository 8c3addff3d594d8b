import { Button, Group, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { ListNotesRoute, type ClientView, type NoteView } from '@arbor/contracts';
import { EmptyState, Loading, LoadMore, LoadProblem } from '../../layout/page-states';
import { useActor } from '../../session/session-context';
import { useRoutePages } from '../../api/queries';
import { useStaffDirectory } from '../../api/staff-directory';
import { nameOf } from '../staff-directory';
import { AccessLog } from './AccessLog';
import { AddendumForm } from './AddendumForm';
import { NoteCard } from './NoteCard';
import { NoteForm } from './NoteForm';

/** A client's profile → Notes: the notes this person may read, newest first, and new ones. */
export function NotesTab({ client }: { client: ClientView }) {
  const actor = useActor();
  const staff = useStaffDirectory();
  const [adding, setAdding] = useState(false);
  const [addendumFor, setAddendumFor] = useState<string>();
  const notes = useRoutePages(ListNotesRoute, { params: { pid: actor.pid, cid: client.id } });
  const authorOf = (userId: string) => (staff.isPending ? '…' : nameOf(userId, staff.data, actor.sub));
  // The notes service's rule: the author, or an Admin (on a note they can read, as this one is).
  const mayAddAddendum = (note: NoteView) => actor.role === 'admin' || note.authorId === actor.sub;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={3} size="h4">
          Notes
        </Title>
        {adding ? null : <Button onClick={() => setAdding(true)}>+Add</Button>}
      </Group>
      {adding ? <NoteForm clientId={client.id} onDone={() => setAdding(false)} /> : null}
      {notes.isPending ? (
        <Loading what="notes" />
      ) : notes.items.length === 0 && notes.isError ? (
        <LoadProblem error={notes.error} onRetry={() => void notes.refetch()} />
      ) : notes.items.length === 0 ? (
        <EmptyState title="No notes yet">
          Notes you may read about this client will be listed here.
        </EmptyState>
      ) : (
        <Stack gap="sm">
          {notes.items.map((note) => (
            <NoteCard key={note.id} note={note} authorOf={authorOf}>
              {addendumFor === note.id ? (
                <AddendumForm
                  clientId={client.id}
                  noteId={note.id}
                  onDone={() => setAddendumFor(undefined)}
                />
              ) : mayAddAddendum(note) ? (
                <Button variant="default" w="fit-content" onClick={() => setAddendumFor(note.id)}>
                  Add addendum
                </Button>
              ) : null}
            </NoteCard>
          ))}
        </Stack>
      )}
      <LoadMore pages={notes} />
      {notes.isFetchNextPageError ? <LoadProblem error={notes.error} /> : null}
      {actor.role === 'admin' ? <AccessLog clientId={client.id} authorOf={authorOf} /> : null}
    </Stack>
  );
}
