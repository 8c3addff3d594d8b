import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { AddAddendumBody, AddAddendumRoute, ListNotesRoute } from '@arbor/contracts';
import { useRouteMutation } from '../../api/queries';
import { FormProblem } from '../../forms/FormProblem';
import { showProblem, useContractForm } from '../../forms/use-contract-form';
import { useActor } from '../../session/session-context';

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

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
  const [problem, setProblem] = useState<string>();
  const add = useRouteMutation(AddAddendumRoute, { invalidates: [ListNotesRoute] });
  const form = useContractForm(AddAddendumBody, { defaultValues: { body: '' } });
  const message = form.formState.errors.body?.message;

  const submit = form.handleSubmit(async (body) => {
    setProblem(undefined);
    try {
      await add.mutateAsync({ params: { pid: actor.pid, cid: clientId, nid: noteId }, body });
      onDone();
    } catch (error) {
      setProblem(showProblem(form, error));
    }
  });

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label="New addendum">
      <Stack gap="sm">
        <Textarea
          label="Addendum"
          required
          rows={4}
          resize="vertical"
          size="md"
          error={message ? capitalised(message) : undefined}
          {...form.register('body')}
        />
        <Text size="sm" c="dimmed">
          An addendum is permanent too: it stays beneath the note, with your name and the time.
        </Text>
        <FormProblem message={problem} />
        <Group>
          <Button type="submit" loading={form.formState.isSubmitting}>
            Save addendum
          </Button>
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
