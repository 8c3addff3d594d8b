import { Alert, Modal, Stack } from '@mantine/core';
import { Controller } from 'react-hook-form';
import {
  ListStaffRoute,
  UpdateStaffRolesBody,
  UpdateStaffRolesRoute,
  type StaffMember,
} from '@arbor/contracts';
import { useRouteMutation } from '../../api/queries';
import { FormActions } from '../../forms/FormActions';
import { useContractForm } from '../../forms/use-contract-form';
import { useFormSubmit } from '../../forms/use-form-submit';
import { useActor } from '../../session/session-context';
import { RoleChoices } from './RoleChoices';
import { inRoleOrder } from './staff-forms';

/** A colleague's roles. With none left they leave the practice, so that is said before Save. */
export function StaffRolesEditor({ member, onClose }: { member: StaffMember; onClose: () => void }) {
  const { pid } = useActor();
  const update = useRouteMutation(UpdateStaffRolesRoute, { invalidates: [ListStaffRoute] });
  const form = useContractForm(UpdateStaffRolesBody, { defaultValues: { roles: member.roles } });
  const roles = form.watch('roles');

  const { onSubmit, problem, submitting } = useFormSubmit(form, async (body) => {
    await update.mutateAsync({
      params: { pid, uid: member.userId },
      body: { roles: inRoleOrder(body.roles) },
    });
    onClose();
  });

  return (
    <Modal opened onClose={onClose} title={`Change roles: ${member.name}`}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Controller
            control={form.control}
            name="roles"
            render={({ field, fieldState }) => (
              <RoleChoices value={field.value} onChange={field.onChange} error={fieldState.error?.message} />
            )}
          />
          {roles.length === 0 ? (
            <Alert color="blue" variant="light">
              With no role, {member.name} leaves the practice and is signed out. You can invite them again
              later.
            </Alert>
          ) : null}
          <FormActions
            problem={problem}
            submitting={submitting}
            submitLabel="Save"
            onCancel={onClose}
            dialog
          />
        </Stack>
      </form>
    </Modal>
  );
}
