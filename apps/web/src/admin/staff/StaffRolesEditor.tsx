import { Alert, Button, Checkbox, Group, Modal, Stack } from '@mantine/core';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import {
  ListStaffRoute,
  UpdateStaffRolesBody,
  UpdateStaffRolesRoute,
  type StaffMember,
} from '@arbor/contracts';
import { useRouteMutation } from '../../api/queries';
import { FormProblem } from '../../forms/FormProblem';
import { showProblem, useContractForm } from '../../forms/use-contract-form';
import { useActor } from '../../session/session-context';
import { inRoleOrder, ROLE_CHOICES } from './staff-forms';

/** A colleague's roles. With none left they leave the practice, so that is said before Save. */
export function StaffRolesEditor({ member, onClose }: { member: StaffMember; onClose: () => void }) {
  const { pid } = useActor();
  const [problem, setProblem] = useState<string>();
  const update = useRouteMutation(UpdateStaffRolesRoute, { invalidates: [ListStaffRoute] });
  const form = useContractForm(UpdateStaffRolesBody, { defaultValues: { roles: member.roles } });
  const roles = form.watch('roles');

  const submit = form.handleSubmit(async (body) => {
    setProblem(undefined);
    try {
      await update.mutateAsync({
        params: { pid, uid: member.userId },
        body: { roles: inRoleOrder(body.roles) },
      });
      onClose();
    } catch (error) {
      setProblem(showProblem(form, error));
    }
  });

  return (
    <Modal opened onClose={onClose} title={`Change roles: ${member.name}`}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="sm">
          <Controller
            control={form.control}
            name="roles"
            render={({ field, fieldState }) => (
              <Checkbox.Group
                label="Roles"
                value={field.value}
                onChange={(chosen) => field.onChange(chosen)}
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
          {roles.length === 0 ? (
            <Alert color="blue" variant="light">
              With no role, {member.name} leaves the practice and is signed out. You can invite them again
              later.
            </Alert>
          ) : null}
          <FormProblem message={problem} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.formState.isSubmitting}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
