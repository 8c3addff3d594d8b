import { Stack, Text, Title } from '@mantine/core';
import { useNavigate } from 'react-router';
import { CreateClientRoute, ListClientsRoute } from '@arbor/contracts';
import { useRouteMutation } from '../api/queries';
import { FormActions } from '../forms/FormActions';
import { useContractForm } from '../forms/use-contract-form';
import { useFormSubmit } from '../forms/use-form-submit';
import { useActor } from '../session/session-context';
import { BackToClients } from './BackToClients';
import { ClientFields } from './ClientFields';
import { ClientFormSchema, createBodyOf, EMPTY_CLIENT_FORM } from './client-form';
import type { CreatedState } from './invitation-state';
import { usePageTitle } from '../layout/use-page-title';

/** Add Client: the Info fields; the new client's profile then shows their portal invitation. */
export function CreateClientPage() {
  usePageTitle('Add Client');
  const actor = useActor();
  const navigate = useNavigate();
  const create = useRouteMutation(CreateClientRoute, { invalidates: [ListClientsRoute] });
  const form = useContractForm(ClientFormSchema, { defaultValues: EMPTY_CLIENT_FORM });

  const { onSubmit, problem, submitting } = useFormSubmit(form, async (values) => {
    const created = await create.mutateAsync({
      params: { pid: actor.pid },
      body: createBodyOf(values),
    });
    const state: CreatedState = { created: { portalInviteUrl: created.portalInviteUrl } };
    await navigate(`/clients/${created.id}`, { state });
  });

  return (
    <Stack maw={720}>
      <BackToClients />
      <Title order={2}>Add Client</Title>
      <Text c="dimmed">
        Arbor prepares their client portal invitation when you save; you will see the link next.
      </Text>
      <form onSubmit={onSubmit} noValidate aria-label="Add Client">
        <Stack gap="md">
          <ClientFields form={form} />
          <FormActions
            problem={problem}
            submitting={submitting}
            submitLabel="Add Client"
            cancelTo="/clients"
          />
        </Stack>
      </form>
    </Stack>
  );
}
