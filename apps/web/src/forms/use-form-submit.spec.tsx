import { Stack, TextInput } from '@mantine/core';
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiProblem } from '../api/api-problem';
import { renderScreen } from '../test/render';
import { FormActions } from './FormActions';
import { useContractForm } from './use-contract-form';
import { useFormSubmit } from './use-form-submit';

const ContactForm = z.object({ name: z.string().min(1), email: z.email() });
type Contact = z.output<typeof ContactForm>;

function ContactEditor({ save }: { save: (values: Contact) => Promise<void> }) {
  const form = useContractForm(ContactForm, { defaultValues: { name: '', email: '' } });
  const { onSubmit, problem, submitting } = useFormSubmit(form, save);
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Contact">
      <Stack>
        <TextInput label="Name" error={form.formState.errors.name?.message} {...form.register('name')} />
        <TextInput label="Email" error={form.formState.errors.email?.message} {...form.register('email')} />
        <FormActions problem={problem} submitting={submitting} submitLabel="Save" />
      </Stack>
    </form>
  );
}

/** A promise the test settles when it chooses, to look at the form while the request runs. */
function deferred() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((settle) => (resolve = settle));
  return { promise, resolve };
}

describe('useFormSubmit', () => {
  it('shows a failure in plain words and keeps what was typed, then clears it on the next try', async () => {
    const second = deferred();
    const save = vi
      .fn<(values: Contact) => Promise<void>>()
      .mockRejectedValueOnce(new ApiProblem(409, 'conflict', 'that contact is already on file'))
      .mockReturnValueOnce(second.promise);
    const { user } = renderScreen(<ContactEditor save={save} />);
    await user.type(screen.getByLabelText('Name'), 'Ada Lovelace');
    await user.type(screen.getByLabelText('Email'), 'ada@example.test');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('That contact is already on file');
    expect(save).toHaveBeenCalledWith({ name: 'Ada Lovelace', email: 'ada@example.test' });
    expect(screen.getByLabelText('Name')).toHaveValue('Ada Lovelace');
    expect(screen.getByLabelText('Email')).toHaveValue('ada@example.test');

    await user.click(screen.getByRole('button', { name: 'Save' }));
    // Gone as soon as they try again, not only once the new answer is in.
    await waitFor(() => expect(save).toHaveBeenCalledTimes(2));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    second.resolve();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Save' })).not.toHaveAttribute('data-loading'),
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it("puts the gateway's field message beside the field, with nothing above the buttons", async () => {
    const save = vi.fn<(values: Contact) => Promise<void>>().mockRejectedValue(
      new ApiProblem(400, 'validation_failed', 'invalid', {
        errors: [{ path: 'email', message: 'is used by another contact' }],
      }),
    );
    const { user } = renderScreen(<ContactEditor save={save} />);
    await user.type(screen.getByLabelText('Name'), 'Ada Lovelace');
    await user.type(screen.getByLabelText('Email'), 'ada@example.test');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Is used by another contact')).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Email')).toHaveValue('ada@example.test');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
