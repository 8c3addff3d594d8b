import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ListServicesRoute, type PracticeServiceView } from '@arbor/contracts';
import { useRouteQuery } from '../../api/queries';
import { EmptyState, LoadProblem, Loading } from '../../layout/page-states';
import { useActor } from '../../session/session-context';
import { useStaffDirectory } from '../../api/staff-directory';
import { ServiceEditor } from './ServiceEditor';
import { usePageTitle } from '../../layout/use-page-title';

/** Admin → Services: which services the practice offers, and which providers use each. */
export function ServicesPage() {
  usePageTitle('Services');
  const { pid } = useActor();
  const services = useRouteQuery(ListServicesRoute, { params: { pid } });
  const staff = useStaffDirectory();
  const [editing, setEditing] = useState<PracticeServiceView>();
  const nameOf = new Map((staff.data ?? []).map((member) => [member.userId, member.name]));

  return (
    <Stack>
      <Title order={2}>Services</Title>
      <Text c="dimmed">
        Turn on the services your practice offers, and choose the providers who offer each one.
      </Text>
      {services.isPending ? (
        <Loading what="services" />
      ) : services.isError ? (
        <LoadProblem error={services.error} onRetry={() => void services.refetch()} />
      ) : services.data.length === 0 ? (
        <EmptyState title="No services yet">Arbor has no services to offer here yet.</EmptyState>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {services.data.map((service) => (
            <Card key={service.key} withBorder component="section" aria-labelledby={`service-${service.key}`}>
              <Stack gap="xs">
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Title order={3} size="h4" id={`service-${service.key}`}>
                    {service.name}
                  </Title>
                  <Badge color={service.enabled ? 'green' : 'gray'} variant="light">
                    {service.enabled ? 'Enabled' : 'Not enabled'}
                  </Badge>
                </Group>
                <Text size="sm">
                  <Text span fw={500}>
                    Providers:{' '}
                  </Text>
                  {service.providerIds.length === 0
                    ? 'none assigned'
                    : service.providerIds
                        .map(
                          (id) => nameOf.get(id) ?? (staff.isPending ? '…' : 'someone not on the staff list'),
                        )
                        .join(', ')}
                </Text>
                <Button variant="light" w="fit-content" onClick={() => setEditing(service)}>
                  Edit Service
                </Button>
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
      {editing ? (
        <ServiceEditor
          key={editing.key}
          service={editing}
          staff={staff}
          onClose={() => setEditing(undefined)}
        />
      ) : null}
    </Stack>
  );
}
