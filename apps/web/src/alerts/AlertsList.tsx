import { Anchor, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { ListMyAlertsRoute, MarkMyAlertReadRoute, type AlertView } from '@arbor/contracts';
import { useRouteMutation, useRoutePages } from '../api/queries';
import { plainWords } from '../api/api-problem';
import { formatInstant } from '../clients/format';
import { EmptyState, Loading, LoadMore, LoadProblem } from '../layout/page-states';
import { useAlertStream } from './alert-stream';

/**
 * The signed-in person's alerts, newest first: what the practice wants them to know (an invoice
 * is waiting, a receipt). An alert says no more than that; the details are a click away, behind
 * the sign-in they already have. New ones appear as they arrive (the alert stream).
 */
export function AlertsList() {
  useAlertStream();
  const alerts = useRoutePages(ListMyAlertsRoute, {});
  if (alerts.isPending) return <Loading what="your alerts" />;
  if (alerts.items.length === 0 && alerts.isError) {
    return <LoadProblem error={alerts.error} onRetry={() => void alerts.refetch()} />;
  }
  if (alerts.items.length === 0) {
    return (
      <EmptyState title="No alerts">When your practice sends you something, you will see it here.</EmptyState>
    );
  }
  return (
    <Stack gap="sm">
      {alerts.items.map((alert) => (
        <AlertCard key={alert.id} alert={alert} />
      ))}
      <LoadMore pages={alerts} />
    </Stack>
  );
}

function AlertCard({ alert }: { alert: AlertView }) {
  const markRead = useRouteMutation(MarkMyAlertReadRoute, { invalidates: [ListMyAlertsRoute] });
  const unread = alert.readAt === null;
  const read = () => {
    if (unread) markRead.mutate({ params: { id: alert.id } });
  };
  // Only a path of this app is followed: an alert's link never takes anyone off Arbor.
  const link = alert.link?.startsWith('/') && !alert.link.startsWith('//') ? alert.link : undefined;
  return (
    <Card component="article" withBorder padding="md" aria-label={alert.title}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text fw={unread ? 700 : 500}>{alert.title}</Text>
          {unread ? (
            <Badge color="blue" variant="light">
              New
            </Badge>
          ) : null}
        </Group>
        <Text size="sm">{alert.body}</Text>
        <Text size="sm" c="dimmed">
          {formatInstant(alert.createdAt)}
        </Text>
        <Group gap="sm">
          {link ? (
            <Anchor component={Link} to={link} onClick={read}>
              Open
            </Anchor>
          ) : null}
          {unread ? (
            <Button size="xs" variant="default" loading={markRead.isPending} onClick={read}>
              Mark as read
            </Button>
          ) : null}
        </Group>
        {markRead.isError ? (
          <Text size="sm" c="red" role="alert">
            {plainWords(markRead.error)}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}
