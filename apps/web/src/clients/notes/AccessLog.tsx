import { Button, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ListNoteAccessRoute, type NoteAccessRecord } from '@arbor/contracts';
import { ROLE_LABEL } from '../../layout/navigation';
import { EmptyState, Loading, LoadMore, LoadProblem } from '../../layout/page-states';
import { useActor } from '../../session/session-context';
import { formatInstant } from '../format';
import { useRoutePages } from '../../api/queries';

const VIA: Record<NoteAccessRecord['via'], string> = {
  list: 'Notes list',
  get: 'Single note',
  portal: 'Client portal',
};

/** Admins: every read of this client's notes (who, as which role, how, when), newest first. */
export function AccessLog({
  clientId,
  authorOf,
}: {
  clientId: string;
  authorOf: (userId: string) => string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <Stack gap="sm" mt="lg">
      <Title order={3} size="h4">
        Access log
      </Title>
      {open ? (
        <AccessRecords clientId={clientId} authorOf={authorOf} />
      ) : (
        <Button variant="default" w="fit-content" onClick={() => setOpen(true)}>
          Show who read these notes
        </Button>
      )}
    </Stack>
  );
}

function AccessRecords({ clientId, authorOf }: { clientId: string; authorOf: (userId: string) => string }) {
  const actor = useActor();
  const records = useRoutePages(ListNoteAccessRoute, { params: { pid: actor.pid, cid: clientId } });
  if (records.isPending) return <Loading what="the access log" />;
  if (records.items.length === 0 && records.isError) {
    return <LoadProblem error={records.error} onRetry={() => void records.refetch()} />;
  }
  if (records.items.length === 0) return <EmptyState title="Nobody has read these notes yet" />;
  return (
    <Stack gap="sm">
      <Table.ScrollContainer minWidth={560}>
        <Table striped aria-label="Access log">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Who</Table.Th>
              <Table.Th>As</Table.Th>
              <Table.Th>Through</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {records.items.map((record) => (
              <Table.Tr key={record.id}>
                <Table.Td>{formatInstant(record.readAt)}</Table.Td>
                <Table.Td>{record.role === 'client' ? 'The client' : authorOf(record.readerUserId)}</Table.Td>
                <Table.Td>{ROLE_LABEL[record.role]}</Table.Td>
                <Table.Td>{VIA[record.via]}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="sm" c="dimmed">
        Each row is one note read once.
      </Text>
      <LoadMore pages={records} />
    </Stack>
  );
}
