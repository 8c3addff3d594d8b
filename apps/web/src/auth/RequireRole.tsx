import { Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Outlet } from 'react-router';
import type { Role } from '@arbor/contracts';
import { plainWords } from '../api/api-problem';
import { FormProblem } from '../forms/FormProblem';
import { ROLE_LABEL } from '../layout/navigation';
import { useActor, useSessionStore } from '../session/session-context';
import { usePageTitle } from '../layout/use-page-title';

/**
 * A screen of some roles only. Someone acting in another role they also hold is offered the
 * switch (a link shared by a colleague, a bookmark); anyone else is told plainly.
 */
export function RequireRole({ roles }: { roles: readonly Role[] }) {
  const actor = useActor();
  return roles.includes(actor.role) ? <Outlet /> : <NotForThisRole roles={roles} />;
}

/** Said instead of the page; it names the tab itself, since no page inside does. */
function NotForThisRole({ roles }: { roles: readonly Role[] }) {
  const actor = useActor();
  const store = useSessionStore();
  const [problem, setProblem] = useState<string>();
  const forWhom = roles.map((role) => ROLE_LABEL[role]).join(' or ');
  usePageTitle(`This page is for ${forWhom}`);
  const switchable = roles.find((role) => actor.roles.includes(role));
  return (
    <Stack gap="sm" maw={480}>
      <Text>
        This page is for {forWhom}. You are acting as {ROLE_LABEL[actor.role]}.
      </Text>
      {switchable ? (
        <Button
          w="fit-content"
          onClick={() =>
            void store
              .switchRole(actor.pid, switchable)
              .catch((error: unknown) => setProblem(plainWords(error)))
          }
        >
          Switch to {ROLE_LABEL[switchable]}
        </Button>
      ) : null}
      <FormProblem message={problem} />
    </Stack>
  );
}
