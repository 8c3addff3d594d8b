import { Alert, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { LoginBody, LoginRoute, RecoveryCode, TotpCode } from '@arbor/contracts';
import { callRoute } from '../api/api-client';
import { isApiProblem } from '../api/api-problem';
import { FormActions } from '../forms/FormActions';
import { useContractForm } from '../forms/use-contract-form';
import { useFormSubmit } from '../forms/use-form-submit';
import { homeOf } from '../layout/navigation';
import { useSession, useSessionStore } from '../session/session-context';
import { AuthCard } from './AuthCard';
import { safeNext } from './safe-next';

const SignInForm = LoginBody.pick({ email: true, password: true }).extend({
  code: z
    .string()
    .trim()
    .refine(
      (code) => code === '' || TotpCode.safeParse(code).success || RecoveryCode.safeParse(code).success,
      'Enter the 6 digits from your authenticator app, or a recovery code like abcde-12345',
    ),
});

/** Email and password, then (for staff with MFA) the code from their authenticator app. */
export function SignInPage() {
  const store = useSessionStore();
  const session = useSession();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [needsCode, setNeedsCode] = useState(false);
  const form = useContractForm(SignInForm, { defaultValues: { email: '', password: '', code: '' } });
  const next = safeNext(search.get('next'));

  const { onSubmit, problem, submitting } = useFormSubmit(form, async ({ email, password, code }) => {
    if (needsCode && !code) {
      form.setError('code', { message: 'Enter the code from your authenticator app' });
      return;
    }
    const second = !code ? {} : TotpCode.safeParse(code).success ? { totp: code } : { recoveryCode: code };
    try {
      const signedIn = await callRoute(LoginRoute, { body: { email, password, ...second } });
      store.adopt(signedIn.accessToken);
      const role = store.snapshot();
      await navigate(next ?? (role.status === 'signed-in' ? homeOf(role.claims.role) : '/'), {
        replace: true,
      });
    } catch (error) {
      // Password right, code wanted: not a problem to show but the next field to fill in.
      if (!isApiProblem(error) || !error.mfaRequired) throw error;
      if (needsCode) form.setError('code', { message: 'That code was not accepted. Try the current one.' });
      setNeedsCode(true);
    }
  });

  if (session.status === 'signed-in') return <Navigate to={next ?? homeOf(session.claims.role)} replace />;

  return (
    <AuthCard title="Sign in">
      {search.get('invited') ? (
        <Alert color="green" variant="light">
          Your invitation is accepted. Sign in with your email and the password you chose.
        </Alert>
      ) : null}
      {search.get('expired') ? (
        <Alert color="blue" variant="light">
          Your session ended. Sign in again to carry on where you were.
        </Alert>
      ) : null}
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            error={form.formState.errors.email?.message}
            {...form.register('email')}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            error={form.formState.errors.password?.message}
            {...form.register('password')}
          />
          {needsCode ? (
            <TextInput
              label="Authentication code"
              description="The 6-digit code from your authenticator app, or one of your recovery codes"
              autoComplete="one-time-code"
              inputMode="numeric"
              autoFocus
              error={form.formState.errors.code?.message}
              {...form.register('code')}
            />
          ) : null}
          <FormActions problem={problem} submitting={submitting} submitLabel="Sign in" fullWidth />
        </Stack>
      </form>
    </AuthCard>
  );
}
