import { PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { Controller, type Path } from 'react-hook-form';
import { CreatePaymentProcessorRoute, ListPaymentProcessorsRoute, ProcessorType } from '@arbor/contracts';
import { useRouteMutation } from '../../api/queries';
import { FormActions } from '../../forms/FormActions';
import { useContractForm } from '../../forms/use-contract-form';
import { useFormSubmit } from '../../forms/use-form-submit';
import { useActor } from '../../session/session-context';
import {
  AddProcessorForm,
  blankCredentials,
  CREDENTIAL_FIELDS,
  PROCESSOR_CHOICES,
  PROCESSOR_LABEL,
  type AddProcessorFormValues,
} from './processor-form';

/** A new processor account: a description, its type, then the fields that processor needs. */
export function AddProcessor({ onDone }: { onDone: () => void }) {
  const { pid } = useActor();
  const create = useRouteMutation(CreatePaymentProcessorRoute, { invalidates: [ListPaymentProcessorsRoute] });
  const form = useContractForm(AddProcessorForm, {
    defaultValues: { description: '', type: 'stripe', credentials: blankCredentials('stripe') },
  });
  const type = form.watch('type');
  const fields: ReadonlyArray<(typeof CREDENTIAL_FIELDS)[ProcessorType][number]> = CREDENTIAL_FIELDS[type];
  const errors = form.formState.errors.credentials as
    Partial<Record<string, { message?: string }>> | undefined;

  const { onSubmit, problem, submitting } = useFormSubmit(form, async (body) => {
    await create.mutateAsync({ params: { pid }, body });
    onDone();
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Add Processor">
      <Stack gap="sm">
        <TextInput
          label="Description"
          description="A name for this account, such as “Main practice account”."
          autoComplete="off"
          required
          error={form.formState.errors.description?.message}
          {...form.register('description')}
        />
        <Controller
          control={form.control}
          name="type"
          render={({ field, fieldState }) => (
            <Select
              label="Processor Type"
              required
              allowDeselect={false}
              data={PROCESSOR_CHOICES}
              value={field.value}
              onChange={(value) => {
                const chosen = ProcessorType.safeParse(value);
                if (!chosen.success || chosen.data === field.value) return;
                // Another processor's fields replace these: nothing typed for one is sent for another.
                field.onChange(chosen.data);
                form.setValue('credentials', blankCredentials(chosen.data));
                form.clearErrors('credentials');
              }}
              onBlur={field.onBlur}
              error={fieldState.error?.message}
            />
          )}
        />
        <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <Text component="legend" fw={600} p={0} mb="xs">
            {PROCESSOR_LABEL[type]} credentials
          </Text>
          <Stack gap="sm">
            {fields.map((credential) => {
              const Input = credential.secret ? PasswordInput : TextInput;
              return (
                <Input
                  key={`${type}.${credential.name}`}
                  label={credential.label}
                  description={credential.description}
                  autoComplete="off"
                  spellCheck={false}
                  required={!credential.optional}
                  error={errors?.[credential.name]?.message}
                  // PasswordInput does not mark its input invalid itself, as TextInput does.
                  aria-invalid={errors?.[credential.name] ? true : undefined}
                  {...form.register(`credentials.${credential.name}` as Path<AddProcessorFormValues>)}
                />
              );
            })}
          </Stack>
        </fieldset>
        <FormActions
          problem={problem}
          submitting={submitting}
          submitLabel="Add Processor"
          onCancel={onDone}
        />
      </Stack>
    </form>
  );
}
