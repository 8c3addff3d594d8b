import { Badge, Card, Code, Group, Stack, Text, Title } from '@mantine/core';
import { ListFailedEmailDeliveriesRoute, type FailedEmailDeliveryViewV2 } from '@arbor/contracts';
import { useRoutePages } from '../../api/queries';
import { formatInstant } from '../../clients/format';
import { EmptyState, Loading, LoadMore, LoadProblem } from '../../layout/page-states';
import { usePageTitle } from '../../layout/use-page-title';
import { useActor } from '../../session/session-context';
import { aboutWords, serverAnswerWords } from './delivery-words';

/**
 * Admin → Undelivered email: the practice's emails (alerts, invitations) that Arbor gave up on
 * after its last try, newest first, so an Admin can fix an address or tell the person another way.
 */
export function EmailDeliveriesPage() {
  usePageTitle('Undelivered email');
  const { pid } = useActor();
  const failed = useRoutePages(ListFailedEmailDeliveriesRoute, { params: { pid } });

  return (
    <Stack>
      <Title order={2}>Undelivered email</Title>
      <Text c="dimmed" maw={720}>
        Emails Arbor tried to send and gave up on: check the address, or reach the person another way.
      </Text>
      {failed.isPending ? (
        <Loading what="undelivered email" />
      ) : failed.isError && failed.items.length === 0 ? (
        <LoadProblem error={failed.error} onRetry={() => void failed.refetch()} />
      ) : failed.items.length === 0 ? (
        <EmptyState title="Every email was delivered">
          When an email cannot be delivered after its last try, it is listed here.
        </EmptyState>
      ) : (
        <Stack
          gap="sm"
          component="ul"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label="Undelivered emails"
        >
          {failed.items.map((delivery) => (
            <FailedDelivery key={delivery.id} delivery={delivery} />
          ))}
        </Stack>
      )}
      {failed.isFetchNextPageError ? <LoadProblem error={failed.error} /> : null}
      <LoadMore pages={failed} />
    </Stack>
  );
}

function FailedDelivery({ delivery }: { delivery: FailedEmailDeliveryViewV2 }) {
  const about = aboutWords(delivery.about);
  return (
    <Card withBorder component="li" aria-label={`${about} to ${delivery.to}`}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {delivery.to}
          </Text>
          <Badge variant="light">{about}</Badge>
        </Group>
        <Text size="sm">{delivery.subject}</Text>
        <Text size="sm">{serverAnswerWords(delivery.lastError)}</Text>
        <Text size="sm" c="dimmed">
          Gave up {formatInstant(delivery.failedAt)} after{' '}
          {delivery.attempts === 1 ? '1 try' : `${delivery.attempts} tries`}
        </Text>
        {delivery.lastError ? (
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            The mail server said: <Code>{delivery.lastError}</Code>
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}
