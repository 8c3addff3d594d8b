import { Alert } from '@mantine/core';

/** The problem of a whole form or action, in plain words, announced to screen readers. */
export function FormProblem({ message, title }: { message: string | undefined; title?: string }) {
  if (!message) return null;
  return (
    <Alert color="red" variant="light" role="alert" title={title}>
      {message}
    </Alert>
  );
}
