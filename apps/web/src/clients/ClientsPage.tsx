import { Anchor, Button, Group, Paper, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ListClientsRoute, type ClientStatus } from '@arbor/contracts';
import { isApiProblem } from '../api/api-problem';
import { EmptyState, Loading, LoadMore, LoadProblem } from '../layout/page-states';
import { useActor } from '../session/session-context';
import { useRoutePages } from '../api/queries';
import { ArchivedBadge } from './ArchivedBadge';
import { usePageTitle } from '../layout/use-page-title';

/** The search waits for a pause in typing, so each keystroke is not a request. */
export const SEARCH_DEBOUNCE_MS = 300;

/**
 * The gateway finds names by a word of at least 2 letters or digits: anything shorter would be
 * refused, so until then the list is simply not filtered.
 */
function searchable(text: string): string | undefined {
  const trimmed = text.trim();
  return /[\p{L}\p{N}]{2}/u.test(trimmed) ? trimmed : undefined;
}

/** The Clients tab: Admins see every client, providers their own; newest first. */
export function ClientsPage() {
  usePageTitle('Clients');
  const actor = useActor();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<ClientStatus>('active');
  const [debounced] = useDebouncedValue(search, SEARCH_DEBOUNCE_MS);
  const q = searchable(debounced);
  const clients = useRoutePages(
    ListClientsRoute,
    {
      params: { pid: actor.pid },
      query: { q, status },
    },
    { keepPrevious: true },
  );
  const searchProblem =
    isApiProblem(clients.error) && clients.error.fieldErrors.some((error) => error.path === 'q')
      ? 'Type at least 2 letters of a first or last name.'
      : undefined;

  return (
    <Stack maw={900}>
      <Group justify="space-between" align="center">
        <Title order={2}>Clients</Title>
        {/* A button, as the product calls it; the form has its own address so Back closes it. */}
        <Button onClick={() => void navigate('/clients/new')}>Add Client</Button>
      </Group>
      <Stack gap="sm">
        <TextInput
          label="Search clients"
          description="The start of a first or last name"
          type="search"
          size="md"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          error={searchProblem}
        />
        <SegmentedControl
          aria-label="Which clients"
          value={status}
          onChange={(value) => setStatus(value)}
          data={[
            { value: 'active', label: 'Active' },
            { value: 'archived', label: 'Archived' },
          ]}
          w="fit-content"
        />
      </Stack>
      {clients.isPending ? (
        <Loading what="clients" />
      ) : clients.items.length === 0 && clients.isError ? (
        searchProblem ? null : (
          <LoadProblem error={clients.error} onRetry={() => void clients.refetch()} />
        )
      ) : clients.items.length === 0 ? (
        <EmptyState title={q ? 'No client matches this search' : emptyTitle(status)}>
          {q
            ? 'Try the start of another name.'
            : status === 'active'
              ? 'Add your first client with Add Client.'
              : undefined}
        </EmptyState>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Clients">
          {clients.items.map((client) => (
            <Paper component="li" key={client.id} withBorder p="sm">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Stack gap={2} miw={0}>
                  <Anchor component={Link} to={`/clients/${client.id}`} fw={600} size="lg">
                    {client.firstName} {client.lastName}
                  </Anchor>
                  <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {client.email}
                  </Text>
                </Stack>
                <ArchivedBadge client={client} />
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      <LoadMore pages={clients} />
      {clients.isFetchNextPageError ? (
        <LoadProblem error={clients.error} onRetry={() => void clients.fetchNextPage()} />
      ) : null}
    </Stack>
  );
}

function emptyTitle(status: ClientStatus): string {
  return status === 'active' ? 'No clients yet' : 'No archived clients';
}
