import { Alert, Paper, Radio, Stack, Textarea, Title } from '@mantine/core';
import { Controller } from 'react-hook-form';
import { AddNoteBody, AddNoteRoute, ListNotesRoute } from '@arbor/contracts';
import { useRouteMutation } from '../../api/queries';
import { FormActions } from '../../forms/FormActions';
import { useContractForm } from '../../forms/use-contract-form';
import { useFormSubmit } from '../../forms/use-form-submit';
import { useActor } from '../../session/session-context';
import { NOTE_TYPES, PERMANENT_WARNING } from './note-types';

/** A new note: who will read it (its type, never changed), the text, and a word on permanence. */
export function NoteForm({ clientId, onDone }: { clientId: string; onDone: () => void }) {
  const actor = useActor();
  const add = useRouteMutation(AddNoteRoute, { invalidates: [ListNotesRoute] });
  // No type is chosen for the author: who reads a permanent note is a decision, not a default.
  const form = useContractForm(AddNoteBody, { defaultValues: { type: undefined, body: '' } });
  const { errors } = form.formState;

  const { onSubmit, problem, submitting } = useFormSubmit(form, async (body) => {
    await add.mutateAsync({ params: { pid: actor.pid, cid: clientId }, body });
    onDone();
  });

  return (
    <Paper withBorder p="md">
      <form onSubmit={onSubmit} noValidate aria-label="New note">
        <Stack gap="md">
          <Title order={3} size="h4">
            New note
          </Title>
          <Controller
            control={form.control}
            name="type"
            render={({ field }) => (
              <Radio.Group
                label="Type"
                description="Who will read this note. It cannot be changed later."
                required
                name={field.name}
                value={field.value ?? null}
                onChange={(value) => field.onChange(value)}
                error={errors.type ? 'Choose a type: it decides who can read the note.' : undefined}
              >
                <Stack gap="sm" mt="xs">
                  {NOTE_TYPES.map((option) => (
                    <Radio
                      key={option.type}
                      value={option.type}
                      label={option.label}
                      description={option.whoSees}
                      size="md"
                      onBlur={field.onBlur}
                    />
                  ))}
                </Stack>
              </Radio.Group>
            )}
          />
          <Textarea
            label="Note"
            required
            rows={8}
            resize="vertical"
            size="md"
            error={errors.body?.message}
            {...form.register('body')}
          />
          <Alert color="blue" variant="light" title="Saving is permanent" role="note">
            {PERMANENT_WARNING}
          </Alert>
          <FormActions problem={problem} submitting={submitting} submitLabel="Save note" onCancel={onDone} />
        </Stack>
      </form>
    </Paper>
  );
}
