import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import {
  ArchiveClientRoute,
  GetClientRoute,
  ListClientsRoute,
  RestoreClientRoute,
  UpdateClientRoute,
  type ClientView,
} from '@arbor/contracts';
import { plainWords } from '../api/api-problem';
import { useRouteMutation } from '../api/queries';
import { FormActions } from '../forms/FormActions';
import { FormProblem } from '../forms/FormProblem';
import { useContractForm } from '../forms/use-contract-form';
import { useFormSubmit } from '../forms/use-form-submit';
import { useActor } from '../session/session-context';
import { ClientFields } from './ClientFields';
import { ClientFormSchema, formValuesOf, updateBodyOf } from './client-form';
import { ClientProviders } from './ClientProviders';
import { formatCalendarDate } from './format';
import { InvitationPanel } from './InvitationPanel';

/** A client's Info section: details, their providers, the portal invitation, archiving. */
export function ClientInfo({
  client,
  created,
}: {
  client: ClientView;
  created: { portalInviteUrl: string | null } | undefined;
}) {
  const actor = useActor();
  const [editing, setEditing] = useState(false);
  return (
    <Stack gap="lg">
      {created || client.status === 'active' ? (
        <InvitationPanel client={client} justCreated={created} />
      ) : null}
      {editing ? (
        <EditClient client={client} onDone={() => setEditing(false)} />
      ) : (
        <Details client={client} onEdit={() => setEditing(true)} />
      )}
      <ClientProviders client={client} />
      {actor.role === 'admin' ? <ArchiveOrRestore client={client} /> : null}
    </Stack>
  );
}

function Details({ client, onEdit }: { client: ClientView; onEdit: () => void }) {
  const address = client.address;
  const rows: Array<[string, string]> = [
    ['Name', `${client.firstName} ${client.lastName}`],
    ['Email', client.email],
    ['Phone', client.phone ?? 'Not given'],
    ['Date of birth', client.dateOfBirth ? formatCalendarDate(client.dateOfBirth) : 'Not given'],
    [
      'Address',
      address
        ? [
            address.line1,
            address.line2,
            `${address.city}, ${address.state} ${address.postalCode}`,
            address.country,
          ]
            .filter(Boolean)
            .join('\n')
        : 'Not given',
    ],
  ];
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3} size="h4">
          Details
        </Title>
        <Button variant="default" onClick={onEdit}>
          Edit
        </Button>
      </Group>
      <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="sm" m={0}>
        {rows.map(([term, value]) => (
          <div key={term}>
            <Text component="dt" size="sm" c="dimmed">
              {term}
            </Text>
            <Text component="dd" m={0} style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
              {value}
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function EditClient({ client, onDone }: { client: ClientView; onDone: () => void }) {
  const actor = useActor();
  const update = useRouteMutation(UpdateClientRoute, { invalidates: [GetClientRoute, ListClientsRoute] });
  const form = useContractForm(ClientFormSchema, { defaultValues: formValuesOf(client) });

  const { onSubmit, problem, submitting } = useFormSubmit(form, async (values) => {
    const changes = updateBodyOf(client, values);
    if (changes) await update.mutateAsync({ params: { pid: actor.pid, cid: client.id }, body: changes });
    onDone();
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Edit details">
      <Stack gap="md">
        <Title order={3} size="h4">
          Edit details
        </Title>
        <ClientFields form={form} />
        <FormActions problem={problem} submitting={submitting} submitLabel="Save changes" onCancel={onDone} />
      </Stack>
    </form>
  );
}

function ArchiveOrRestore({ client }: { client: ClientView }) {
  const actor = useActor();
  const [problem, setProblem] = useState<string>();
  const options = { invalidates: [GetClientRoute, ListClientsRoute] };
  const archive = useRouteMutation(ArchiveClientRoute, options);
  const restore = useRouteMutation(RestoreClientRoute, options);
  const input = { params: { pid: actor.pid, cid: client.id } };
  const run = (change: typeof archive | typeof restore) => {
    setProblem(undefined);
    change.mutate(input, { onError: (error) => setProblem(plainWords(error)) });
  };
  const archived = client.status === 'archived';
  return (
    <Paper withBorder p="md">
      <Stack gap="sm" align="flex-start">
        <Title order={3} size="h4">
          {archived ? 'Archived' : 'Archive'}
        </Title>
        <Text size="sm">
          {archived
            ? 'This client is archived: everything is kept, and they are not in the Clients list. Restoring brings them back as they were.'
            : 'Archiving keeps everything (Info, providers, notes) and takes the client out of the Clients list. You can restore them at any time.'}
        </Text>
        {archived ? (
          <Button variant="default" loading={restore.isPending} onClick={() => run(restore)}>
            Restore client
          </Button>
        ) : (
          <Button variant="default" color="red" loading={archive.isPending} onClick={() => run(archive)}>
            Archive client
          </Button>
        )}
        <FormProblem message={problem} />
      </Stack>
    </Paper>
  );
}
