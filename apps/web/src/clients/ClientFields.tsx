import { Fieldset, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { FieldError, UseFormReturn } from 'react-hook-form';
import type { ClientFormOutput, ClientFormValues } from './client-form';

/** The Info fields of a client, shared by Add Client and Edit. */
export function ClientFields({ form }: { form: UseFormReturn<ClientFormValues, unknown, ClientFormOutput> }) {
  const { errors } = form.formState;
  const field = (name: Parameters<typeof form.register>[0]) => form.register(name);
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label="First name"
          required
          size="md"
          autoComplete="off"
          error={messageOf(errors.firstName, 'Enter their first name.')}
          {...field('firstName')}
        />
        <TextInput
          label="Last name"
          required
          size="md"
          autoComplete="off"
          error={messageOf(errors.lastName, 'Enter their last name.')}
          {...field('lastName')}
        />
        <TextInput
          label="Email"
          type="email"
          required
          size="md"
          autoComplete="off"
          description="They sign in to the client portal with it."
          error={messageOf(errors.email)}
          {...field('email')}
        />
        <TextInput
          label="Phone"
          type="tel"
          size="md"
          autoComplete="off"
          error={messageOf(errors.phone)}
          {...field('phone')}
        />
        <TextInput
          label="Date of birth"
          type="date"
          size="md"
          error={messageOf(errors.dateOfBirth)}
          {...field('dateOfBirth')}
        />
      </SimpleGrid>
      <Fieldset legend={<Text fw={600}>Address (optional)</Text>} variant="unstyled" p={0}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="Address line 1"
            size="md"
            autoComplete="off"
            error={messageOf(errors.address?.line1)}
            {...field('address.line1')}
          />
          <TextInput
            label="Address line 2"
            size="md"
            autoComplete="off"
            error={messageOf(errors.address?.line2)}
            {...field('address.line2')}
          />
          <TextInput
            label="City"
            size="md"
            autoComplete="off"
            error={messageOf(errors.address?.city)}
            {...field('address.city')}
          />
          <TextInput
            label="State"
            size="md"
            autoComplete="off"
            description="In the US, the two-letter code, such as NY."
            error={messageOf(errors.address?.state)}
            {...field('address.state')}
          />
          <TextInput
            label="Postal code"
            size="md"
            autoComplete="off"
            error={messageOf(errors.address?.postalCode)}
            {...field('address.postalCode')}
          />
          <TextInput
            label="Country"
            size="md"
            autoComplete="off"
            description="Two-letter code, such as US or CA."
            error={messageOf(errors.address?.country)}
            {...field('address.country')}
          />
        </SimpleGrid>
      </Fieldset>
    </Stack>
  );
}

/**
 * A field's message as a sentence. A required name left blank gets words of its own: the
 * contract's length check would say "Too small: expected string to have >=1 characters".
 */
function messageOf(error: FieldError | undefined, whenBlank?: string): string | undefined {
  if (!error?.message) return undefined;
  if (whenBlank && error.type === 'too_small') return whenBlank;
  return error.message.charAt(0).toUpperCase() + error.message.slice(1);
}
