import { PasswordInput, Stack, Text } from '@mantine/core';
import { useNavigate, useParams } from 'react-router';
import { AcceptInvitationBody, AcceptInvitationRoute, InvitationToken } from '@arbor/contracts';
import { callRoute } from '../api/api-client';
import { isApiProblem } from '../api/api-problem';
import { FormActions } from '../forms/FormActions';
import { FormProblem } from '../forms/FormProblem';
import { useContractForm } from '../forms/use-contract-form';
import { useFormSubmit } from '../forms/use-form-submit';
import { AuthCard } from './AuthCard';

/**
 * The link in an invitation (staff or client portal): choose a password, or confirm an existing
 * Arbor account's, then sign in.
 */
export function AcceptInvitationPage() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const form = useContractForm(AcceptInvitationBody, { defaultValues: { password: '' } });
  const wellFormed = InvitationToken.safeParse(token).success;

  const { onSubmit, problem, submitting } = useFormSubmit(
    form,
    async (body) => {
      await callRoute(AcceptInvitationRoute, { params: { token }, body });
      await navigate('/sign-in?invited=1', { replace: true });
    },
    {
      explain: (error) =>
        isApiProblem(error) && error.code === 'not_found'
          ? 'This invitation has expired or has already been used. Ask the practice to send a new one.'
          : undefined,
    },
  );

  if (!wellFormed) {
    return (
      <AuthCard title="Accept your invitation">
        <FormProblem message="This invitation link is not complete. Open it again from the message you received, or ask the practice to send a new one." />
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Accept your invitation">
      <Text size="sm">
        Choose a password for Arbor: at least 12 characters, not one that is easy to guess. If you already
        have an Arbor account, enter its password instead.
      </Text>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <PasswordInput
            label="Password"
            autoComplete="new-password"
            required
            error={form.formState.errors.password?.message}
            {...form.register('password')}
          />
          <FormActions problem={problem} submitting={submitting} submitLabel="Accept invitation" fullWidth />
        </Stack>
      </form>
    </AuthCard>
  );
}
