import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { GetMeRoute, ListPortalNotesRoute } from '@arbor/contracts';
import { useRouteQuery } from '../api/queries';
import { NoteCard } from '../clients/notes/NoteCard';
import { useRoutePages } from '../api/queries';
import { EmptyState, Loading, LoadMore, LoadProblem } from '../layout/page-states';
import { useActor } from '../session/session-context';
import { usePageTitle } from '../layout/use-page-title';
import { AlertsList } from '../alerts/AlertsList';

/** A client's home in the portal: a welcome from their practice, their alerts, and what their care team shared. */
export function PortalHomePage() {
  usePageTitle('Home');
  const actor = useActor();
  const me = useRouteQuery(GetMeRoute, {}, { staleTime: 60_000 });
  const practiceName = me.data?.memberships.find(
    (membership) => membership.practiceId === actor.pid,
  )?.practiceName;
  const notes = useRoutePages(ListPortalNotesRoute, {});
  const firstName = me.data?.user.name.split(' ')[0];

  return (
    <Stack maw={760} gap="lg">
      <Title order={2}>Home</Title>
      <Text size="lg">
        {firstName ? `Welcome, ${firstName}.` : 'Welcome.'}{' '}
        {practiceName ? `This is your client portal with ${practiceName}.` : 'This is your client portal.'}
      </Text>
      <Stack gap="sm" component="section" aria-labelledby="alerts-title">
        <Title order={3} size="h4" id="alerts-title">
          Alerts
        </Title>
        <AlertsList />
      </Stack>
      <Stack gap="xs" component="section" aria-labelledby="my-invoices-title">
        <Title order={3} size="h4" id="my-invoices-title">
          My invoices
        </Title>
        <Text>
          Invoices from your practice, and where each one stands:{' '}
          <Anchor component={Link} to="/portal/invoices">
            see my invoices
          </Anchor>
          .
        </Text>
      </Stack>
      <Stack gap="sm" component="section" aria-labelledby="shared-notes-title">
        <Title order={3} size="h4" id="shared-notes-title">
          Notes shared with you
        </Title>
        {notes.isPending ? (
          <Loading what="your notes" />
        ) : notes.items.length === 0 && notes.isError ? (
          <LoadProblem error={notes.error} onRetry={() => void notes.refetch()} />
        ) : notes.items.length === 0 ? (
          <EmptyState title="No notes shared with you yet">
            When your care team shares a note with you, you will find it here.
          </EmptyState>
        ) : (
          notes.items.map((note) => <NoteCard key={note.id} note={note} showType={false} />)
        )}
        <LoadMore pages={notes} />
        {notes.isFetchNextPageError ? <LoadProblem error={notes.error} /> : null}
      </Stack>
    </Stack>
  );
}
