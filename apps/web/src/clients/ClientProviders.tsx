import { Button, Checkbox, Group, List, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import {
  AssignClientProvidersRoute,
  GetClientRoute,
  ListClientsRoute,
  type ClientView,
} from '@arbor/contracts';
import { plainWords } from '../api/api-problem';
import { useRouteMutation } from '../api/queries';
import { FormActions } from '../forms/FormActions';
import { LoadProblem } from '../layout/page-states';
import { useActor } from '../session/session-context';
import { useStaffDirectory } from '../api/staff-directory';
import { nameOf } from './staff-directory';

/** Who provides for the client; an Admin chooses them among the practice's providers. */
export function ClientProviders({ client }: { client: ClientView }) {
  const actor = useActor();
  const staff = useStaffDirectory();
  const [choosing, setChoosing] = useState(false);
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3} size="h4">
          Providers
        </Title>
        {actor.role === 'admin' && !choosing ? (
          <Button variant="default" onClick={() => setChoosing(true)}>
            Change providers
          </Button>
        ) : null}
      </Group>
      {staff.isError ? <LoadProblem error={staff.error} onRetry={() => void staff.refetch()} /> : null}
      {choosing ? (
        <ChooseProviders client={client} onDone={() => setChoosing(false)} />
      ) : client.providerIds.length === 0 ? (
        <Text c="dimmed">No provider is assigned to this client yet.</Text>
      ) : (
        <List aria-label="Assigned providers">
          {client.providerIds.map((id) => (
            <List.Item key={id}>{staff.isPending ? '…' : nameOf(id, staff.data, actor.sub)}</List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

function ChooseProviders({ client, onDone }: { client: ClientView; onDone: () => void }) {
  const actor = useActor();
  const staff = useStaffDirectory();
  const [chosen, setChosen] = useState<string[]>(client.providerIds);
  const [problem, setProblem] = useState<string>();
  const assign = useRouteMutation(AssignClientProvidersRoute, {
    invalidates: [GetClientRoute, ListClientsRoute],
  });
  const providers = (staff.data ?? []).filter((member) => member.roles.includes('provider'));
  // Someone assigned before they stopped providing stays visible, so the Admin can take them off.
  const former = client.providerIds.filter((id) => !providers.some((member) => member.userId === id));

  const save = () => {
    setProblem(undefined);
    assign.mutate(
      { params: { pid: actor.pid, cid: client.id }, body: { providerIds: chosen } },
      { onSuccess: onDone, onError: (error) => setProblem(plainWords(error)) },
    );
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
      noValidate
    >
      <Stack gap="sm">
        <Checkbox.Group
          label="Providers"
          description="Who provides for this client"
          value={chosen}
          onChange={setChosen}
        >
          <Stack gap="xs" mt="xs">
            {providers.map((member) => (
              <Checkbox key={member.userId} value={member.userId} label={member.name} size="md" />
            ))}
            {former.map((id) => (
              <Checkbox key={id} value={id} label={nameOf(id, staff.data, actor.sub)} size="md" />
            ))}
          </Stack>
        </Checkbox.Group>
        {staff.isPending ? <Text c="dimmed">Loading the practice&apos;s providers…</Text> : null}
        <FormActions
          problem={problem}
          submitting={assign.isPending}
          submitLabel="Save providers"
          onCancel={onDone}
        />
      </Stack>
    </form>
  );
}
