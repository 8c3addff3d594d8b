import { Checkbox, Divider, Modal, Stack, Switch, Text } from '@mantine/core';
import { Controller } from 'react-hook-form';
import {
  ListServicesRoute,
  UpdateServiceBody,
  UpdateServiceRoute,
  type PracticeServiceView,
} from '@arbor/contracts';
import { useRouteMutation } from '../../api/queries';
import { FormActions } from '../../forms/FormActions';
import { useContractForm } from '../../forms/use-contract-form';
import { useFormSubmit } from '../../forms/use-form-submit';
import { LoadProblem, Loading } from '../../layout/page-states';
import { useActor } from '../../session/session-context';
import type { useStaffDirectory } from '../../api/staff-directory';

/**
 * One service: who provides it, and whether it is on. Saved as one change (`{enabled,
 * providerIds}`), so what the Admin sees checked is exactly what the practice then offers.
 */
export function ServiceEditor({
  service,
  staff,
  onClose,
}: {
  service: PracticeServiceView;
  staff: ReturnType<typeof useStaffDirectory>;
  onClose: () => void;
}) {
  const { pid } = useActor();
  const update = useRouteMutation(UpdateServiceRoute, { invalidates: [ListServicesRoute] });
  const form = useContractForm(UpdateServiceBody, {
    defaultValues: { enabled: service.enabled, providerIds: service.providerIds },
  });
  const providers = (staff.data ?? []).filter((member) => member.roles.includes('provider'));
  const known = new Set(providers.map((provider) => provider.userId));
  // An assigned id the staff list no longer has a provider for stays visible, so unchecking it is
  // the Admin's choice and not something Save does behind their back.
  const unknown = service.providerIds.filter((id) => !known.has(id));

  const { onSubmit, problem, submitting } = useFormSubmit(
    form,
    async (body) => {
      await update.mutateAsync({ params: { pid, key: service.key }, body });
      onClose();
    },
    // `providerIds[2]` names one checkbox of the group: its message goes beside the group.
    { fieldOf: (path) => (path.startsWith('providerIds') ? 'providerIds' : path) },
  );

  return (
    <Modal opened onClose={onClose} title={`Edit Service: ${service.name}`} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {staff.isPending ? (
            <Loading what="providers" />
          ) : staff.isError ? (
            <LoadProblem error={staff.error} onRetry={() => void staff.refetch()} />
          ) : (
            <Controller
              control={form.control}
              name="providerIds"
              render={({ field, fieldState }) => (
                <Checkbox.Group
                  label="Assign Providers"
                  description="The providers who offer this service to their clients."
                  value={field.value ?? []}
                  onChange={field.onChange}
                  error={fieldState.error?.message}
                >
                  <Stack gap="xs" mt="xs">
                    {providers.length === 0 ? (
                      <Text size="sm" c="dimmed">
                        No one holds the Provider role yet. Give a colleague that role under Staff.
                      </Text>
                    ) : null}
                    {providers.map((provider) => (
                      <Checkbox key={provider.userId} value={provider.userId} label={provider.name} />
                    ))}
                    {unknown.map((id) => (
                      <Checkbox key={id} value={id} label="Someone who is no longer a provider here" />
                    ))}
                  </Stack>
                </Checkbox.Group>
              )}
            />
          )}
          <Divider />
          <Controller
            control={form.control}
            name="enabled"
            render={({ field }) => (
              <Switch
                label="Enable Service"
                // The label element also wraps the switch and its description, which would
                // otherwise all become its accessible name.
                aria-label="Enable Service"
                description="When on, the assigned providers can use it with their clients."
                color="green"
                size="md"
                checked={field.value ?? false}
                onChange={(event) => field.onChange(event.currentTarget.checked)}
              />
            )}
          />
          <FormActions
            problem={problem}
            submitting={submitting}
            submitLabel="Save"
            submitDisabled={staff.isPending}
            onCancel={onClose}
            dialog
          />
        </Stack>
      </form>
    </Modal>
  );
}
