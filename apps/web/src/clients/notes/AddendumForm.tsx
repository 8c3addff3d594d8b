import { Stack, Text, Textarea } from '@mantine/core';
import { AddAddendumBody, AddAddendumRoute, ListNotesRoute } from '@arbor/contracts';
import { useRouteMutation } from '../../api/queries';
import { FormActions } from '../../forms/FormActions';
import { useContractForm } from '../../forms/use-contract-form';
import { useFormSubmit } from '../../forms/use-form-submit';
import { useActor } from '../../session/session-context';

/** A correction or addition beneath a note; like the note, it is permanent. */
export function AddendumForm({
  clientId,
  noteId,
  onDone,
}: {
  clientId: string;
  noteId: string;
  onDone: () => void;
}) {
  const actor = useActor();
  const add = useRouteMutation(AddAddendumRoute, { invalidates: [ListNotesRoute] });
  const form = useContractForm(AddAddendumBody, { defaultValues: { body: '' } });
  const message = form.formState.errors.body?.message;

  const { onSubmit, problem, submitting } = useFormSubmit(form, async (body) => {
    await add.mutateAsync({ params: { pid: actor.pid, cid: clientId, nid: noteId }, body });
    onDone();
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="New addendum">
      <Stack gap="sm">
        <Textarea
          label="Addendum"
          required
          rows={4}
          resize="vertical"
          size="md"
          error={message}
          {...form.register('body')}
        />
        <Text size="sm" c="dimmed">
          An addendum is permanent too: it stays beneath the note, with your name and the time.
        </Text>
        <FormActions
          problem={problem}
          submitting={submitting}
          submitLabel="Save addendum"
          onCancel={onDone}
        />
      </Stack>
    </form>
  );
}
