import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { CreateClientRoute, ListClientsRoute } from '@arbor/contracts';
import { useRouteMutation } from '../api/queries';
import { FormProblem } from '../forms/FormProblem';
import { showProblem, useContractForm } from '../forms/use-contract-form';
import { useActor } from '../session/session-context';
import { BackToClients } from './BackToClients';
import { ClientFields } from './ClientFields';
import { ClientFormSchema, createBodyOf, EMPTY_CLIENT_FORM } from './client-form';
import type { CreatedState } from './invitation-state';

/** Add Client: the Info fields; the new client's profile then shows their portal invitation. */
export function CreateClientPage() {
  const actor = useActor();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<string>();
  const create = useRouteMutation(CreateClientRoute, { invalidates: [ListClientsRoute] });
  const form = useContractForm(ClientFormSchema, { defaultValues: EMPTY_CLIENT_FORM });

  const submit = form.handleSubmit(async (values) => {
    setProblem(undefined);
    try {
      const created = await create.mutateAsync({
        params: { pid: actor.pid },
        body: createBodyOf(values),
      });
      const state: CreatedState = { created: { portalInviteUrl: created.portalInviteUrl } };
      await navigate(`/clients/${created.id}`, { state });
    } catch (error) {
      setProblem(showProblem(form, error));
    }
  });

  return (
    <Stack maw={720}>
      <BackToClients />
      <Title order={2}>Add Client</Title>
      <Text c="dimmed">
        Arbor prepares their client portal invitation when you save; you will see the link next.
      </Text>
      <form onSubmit={(event) => void submit(event)} noValidate aria-label="Add Client">
        <Stack gap="md">
          <ClientFields form={form} />
          <FormProblem message={problem} />
          <Group>
            <Button type="submit" loading={form.formState.isSubmitting}>
              Add Client
            </Button>
            <Button component={Link} to="/clients" variant="default">
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
