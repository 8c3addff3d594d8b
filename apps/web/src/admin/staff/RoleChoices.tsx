import { Checkbox, Stack } from '@mantine/core';
import type { StaffRole } from '@arbor/contracts';
import { ROLE_CHOICES } from './staff-forms';

/** The staff roles to tick, each with what it lets the person do: for an invitation and a change. */
export function RoleChoices({
  value,
  onChange,
  error,
  required,
}: {
  value: StaffRole[];
  onChange: (roles: StaffRole[]) => void;
  error: string | undefined;
  required?: boolean;
}) {
  return (
    <Checkbox.Group label="Roles" required={required} value={value} onChange={onChange} error={error}>
      <Stack gap="xs" mt="xs">
        {ROLE_CHOICES.map((role) => (
          <Checkbox key={role.value} value={role.value} label={role.label} description={role.description} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}
