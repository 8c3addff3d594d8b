import { Group, Stack, Tabs, Title } from '@mantine/core';
import { useLocation, useParams, useSearchParams } from 'react-router';
import { GetClientRoute } from '@arbor/contracts';
import { useRouteQuery } from '../api/queries';
import { Loading, LoadProblem } from '../layout/page-states';
import { useActor } from '../session/session-context';
import { ArchivedBadge } from './ArchivedBadge';
import { BackToClients } from './BackToClients';
import { ClientInfo } from './ClientInfo';
import { createdStateOf } from './invitation-state';
import { NotesTab } from './notes/NotesTab';
import { ClientBillingTab } from '../billing/ClientBillingTab';
import { usePageTitle } from '../layout/use-page-title';

const SECTIONS = ['info', 'notes', 'billing'] as const;
type Section = (typeof SECTIONS)[number];

/**
 * A client's profile. Its sections are tabs; the open one is in the address (`?tab=notes`) so a
 * link or a reload lands on it. Only the sections that work today are here.
 */
export function ClientProfilePage() {
  const { cid = '' } = useParams();
  const actor = useActor();
  const location = useLocation();
  const [searchParams, setSearchParams] = useSearchParams();
  const tab = searchParams.get('tab');
  const section: Section = SECTIONS.find((name) => name === tab) ?? 'info';
  const client = useRouteQuery(GetClientRoute, { params: { pid: actor.pid, cid } });
  usePageTitle(client.data ? `${client.data.firstName} ${client.data.lastName}` : undefined);

  if (client.isPending) return <Loading what="the client" />;
  if (client.isError) {
    return (
      <Stack maw={900}>
        <BackToClients />
        <LoadProblem error={client.error} onRetry={() => void client.refetch()} />
      </Stack>
    );
  }
  const view = client.data;
  return (
    <Stack maw={900}>
      <BackToClients />
      <Group gap="sm" align="center">
        <Title order={2} style={{ overflowWrap: 'anywhere' }}>
          {view.firstName} {view.lastName}
        </Title>
        <ArchivedBadge client={view} />
      </Group>
      <Tabs
        value={section}
        onChange={(value) =>
          setSearchParams(value === 'notes' || value === 'billing' ? { tab: value } : {}, {
            replace: true,
            state: location.state as unknown,
          })
        }
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="info">Info</Tabs.Tab>
          <Tabs.Tab value="notes">Notes</Tabs.Tab>
          <Tabs.Tab value="billing">Billing</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="info" pt="md">
          <ClientInfo client={view} created={createdStateOf(location.state)} />
        </Tabs.Panel>
        <Tabs.Panel value="notes" pt="md">
          <NotesTab client={view} />
        </Tabs.Panel>
        <Tabs.Panel value="billing" pt="md">
          <ClientBillingTab client={view} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
