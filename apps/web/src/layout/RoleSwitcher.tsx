import { SegmentedControl } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { Role } from '@arbor/contracts';
import { Role as Roles } from '@arbor/contracts';
import { plainWords } from '../api/api-problem';
import { useActor, useSessionStore } from '../session/session-context';
import { FormProblem } from '../forms/FormProblem';
import { homeOf, ROLE_LABEL } from './navigation';

/** Admin / Provider / Client: only the roles this person holds in this practice. */
export function RoleSwitcher() {
  const actor = useActor();
  const store = useSessionStore();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<string>();
  const [switching, setSwitching] = useState(false);
  const held = Roles.options.filter((role) => actor.roles.includes(role));
  if (held.length < 2) return null;

  const switchTo = async (role: Role) => {
    setProblem(undefined);
    setSwitching(true);
    try {
      await store.switchRole(actor.pid, role);
      await navigate(homeOf(role));
    } catch (error) {
      setProblem(plainWords(error));
    } finally {
      setSwitching(false);
    }
  };

  return (
    <>
      <SegmentedControl
        aria-label="Active role"
        size="sm"
        value={actor.role}
        disabled={switching}
        data={held.map((role) => ({ value: role, label: ROLE_LABEL[role] }))}
        onChange={(value) => void switchTo(value)}
      />
      <FormProblem message={problem} />
    </>
  );
}
