import { Alert, Button, Checkbox, CopyButton, Group, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { InviteStaffRoute, ListStaffRoute } from '@arbor/contracts';
import { useRouteMutation } from '../../api/queries';
import { FormProblem } from '../../forms/FormProblem';
import { showProblem, useContractForm } from '../../forms/use-contract-form';
import { useActor } from '../../session/session-context';
import { inRoleOrder, InviteStaffForm, ROLE_CHOICES } from './staff-forms';

/** Invite a colleague: name, email, roles; then the link to send them. */
export function InviteStaff({ onDone }: { onDone: () => void }) {
  const { pid } = useActor();
  const [problem, setProblem] = useState<string>();
  const [invited, setInvited] = useState<{ name: string; inviteUrl: string }>();
  const invite = useRouteMutation(InviteStaffRoute, { invalidates: [ListStaffRoute] });
  const form = useContractForm(InviteStaffForm, {
    defaultValues: { name: '', email: '', roles: ['provider'] },
  });

  const submit = form.handleSubmit(async (body) => {
    setProblem(undefined);
    try {
      const answer = await invite.mutateAsync({
        params: { pid },
        body: { ...body, roles: inRoleOrder(body.roles) },
      });
      setInvited({ name: body.name, inviteUrl: answer.inviteUrl });
    } catch (error) {
      setProblem(showProblem(form, error));
    }
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
    <form onSubmit={(event) => void submit(event)} noValidate aria-label="Invite staff">
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
            <Checkbox.Group
              label="Roles"
              required
              value={field.value}
              onChange={(roles) => field.onChange(roles)}
              error={fieldState.error?.message}
            >
              <Stack gap="xs" mt="xs">
                {ROLE_CHOICES.map((role) => (
                  <Checkbox
                    key={role.value}
                    value={role.value}
                    label={role.label}
                    description={role.description}
                  />
                ))}
              </Stack>
            </Checkbox.Group>
          )}
        />
        <FormProblem message={problem} />
        <Group gap="sm">
          <Button type="submit" loading={form.formState.isSubmitting}>
            Send invitation
          </Button>
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
