import { Alert, Button, CopyButton, Group, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { InviteStaffRoute, ListStaffRoute } from '@arbor/contracts';
import { useRouteMutation } from '../../api/queries';
import { FormActions } from '../../forms/FormActions';
import { useContractForm } from '../../forms/use-contract-form';
import { useFormSubmit } from '../../forms/use-form-submit';
import { useActor } from '../../session/session-context';
import { RoleChoices } from './RoleChoices';
import { inRoleOrder, InviteStaffForm } from './staff-forms';

/** Invite a colleague: name, email, roles; then the link to send them. */
export function InviteStaff({ onDone }: { onDone: () => void }) {
  const { pid } = useActor();
  const [invited, setInvited] = useState<{ name: string; inviteUrl: string }>();
  const invite = useRouteMutation(InviteStaffRoute, { invalidates: [ListStaffRoute] });
  const form = useContractForm(InviteStaffForm, {
    defaultValues: { name: '', email: '', roles: ['provider'] },
  });

  const { onSubmit, problem, submitting } = useFormSubmit(form, async (body) => {
    const answer = await invite.mutateAsync({
      params: { pid },
      body: { ...body, roles: inRoleOrder(body.roles) },
    });
    setInvited({ name: body.name, inviteUrl: answer.inviteUrl });
  });

  if (invited) {
    return (
      <Stack gap="sm">
        <Alert color="green" variant="light" title={`${invited.name} is invited`}>
          Arbor does not email invitations yet: send this link to {invited.name} yourself (by email or a
          message). It works once, and only for a while.
        </Alert>
        <TextInput
          label="Invitation link"
          value={invited.inviteUrl}
          readOnly
          onFocus={(event) => event.currentTarget.select()}
        />
        <Group gap="sm">
          <CopyButton value={invited.inviteUrl}>
            {({ copied, copy }) => <Button onClick={copy}>{copied ? 'Link copied' : 'Copy link'}</Button>}
          </CopyButton>
          <Button variant="default" onClick={onDone}>
            Done
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Invite staff">
      <Stack gap="sm">
        <TextInput
          label="Name"
          autoComplete="off"
          required
          error={form.formState.errors.name?.message}
          {...form.register('name')}
        />
        <TextInput
          label="Email"
          type="email"
          autoComplete="off"
          required
          error={form.formState.errors.email?.message}
          {...form.register('email')}
        />
        <Controller
          control={form.control}
          name="roles"
          render={({ field, fieldState }) => (
            <RoleChoices
              required
              value={field.value}
              onChange={field.onChange}
              error={fieldState.error?.message}
            />
          )}
        />
        <FormActions
          problem={problem}
          submitting={submitting}
          submitLabel="Send invitation"
          onCancel={onDone}
        />
      </Stack>
    </form>
  );
}
