import { Alert, Anchor, Button, Code, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { useNavigate } from 'react-router';
import { ConfirmMfaBody, ConfirmMfaEnrolmentRoute, StartMfaEnrolmentRoute } from '@arbor/contracts';
import { useRouteMutation } from '../api/queries';
import { FormActions } from '../forms/FormActions';
import { FormProblem } from '../forms/FormProblem';
import { useContractForm } from '../forms/use-contract-form';
import { useFormSubmit } from '../forms/use-form-submit';
import { homeOf } from '../layout/navigation';
import { plainWords } from '../api/api-problem';
import { useActor, useSessionStore } from '../session/session-context';
import { usePageTitle } from '../layout/use-page-title';

/**
 * Two-step sign-in for staff: add Arbor to an authenticator app, confirm with a code, keep the
 * recovery codes. A practice that requires MFA sends its staff here before anything else.
 */
export function MfaEnrolmentPage() {
  const actor = useActor();
  const store = useSessionStore();
  const navigate = useNavigate();
  const start = useRouteMutation(StartMfaEnrolmentRoute);
  const confirm = useRouteMutation(ConfirmMfaEnrolmentRoute);
  const form = useContractForm(ConfirmMfaBody, { defaultValues: { code: '' } });
  usePageTitle(confirm.data ? 'Two-step sign-in is on' : 'Set up two-step sign-in');

  const { onSubmit, problem, submitting } = useFormSubmit(form, async (body) => {
    await confirm.mutateAsync({ body });
    // The session's next token no longer carries "MFA pending".
    await store.refresh();
  });

  if (confirm.data) {
    return (
      <Stack maw={560}>
        <Title order={2}>Two-step sign-in is on</Title>
        <Text>
          Keep these recovery codes somewhere safe, away from your phone. Each one signs you in once if you
          lose your authenticator app. They are shown only now.
        </Text>
        <List spacing={2} listStyleType="none" aria-label="Recovery codes">
          {confirm.data.recoveryCodes.map((code) => (
            <List.Item key={code}>
              <Code fz="md">{code}</Code>
            </List.Item>
          ))}
        </List>
        <Button w="fit-content" onClick={() => void navigate(homeOf(actor.role))}>
          I have saved them
        </Button>
      </Stack>
    );
  }

  return (
    <Stack maw={560}>
      <Title order={2}>Set up two-step sign-in</Title>
      {actor.mfa_pending ? (
        <Alert color="blue" variant="light">
          Your practice asks every staff member to sign in with a code from an authenticator app as well as a
          password. Set it up to carry on.
        </Alert>
      ) : null}
      {!start.data ? (
        <>
          <Text>
            You need an authenticator app on your phone (Google Authenticator, Microsoft Authenticator,
            1Password…).
          </Text>
          <FormProblem message={start.error ? plainWords(start.error) : undefined} />
          <Button w="fit-content" loading={start.isPending} onClick={() => start.mutate({})}>
            Start
          </Button>
        </>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="sm">
            <Text>
              On this phone, <Anchor href={start.data.otpauthUrl}>open it in your authenticator app</Anchor>.
              Or add an account in the app by hand with this key:
            </Text>
            <Code block fz="md" aria-label="Setup key">
              {start.data.secret}
            </Code>
            <TextInput
              label="Code from the app"
              description="6 digits"
              autoComplete="one-time-code"
              inputMode="numeric"
              required
              error={form.formState.errors.code?.message}
              {...form.register('code')}
            />
            <FormActions problem={problem} submitting={submitting} submitLabel="Turn on two-step sign-in" />
          </Stack>
        </form>
      )}
    </Stack>
  );
}
