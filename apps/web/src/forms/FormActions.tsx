import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { FormProblem } from './FormProblem';

/**
 * The end of a form: its problem in plain words, then the submit button (busy while the request
 * runs) and, when the form can be left, Cancel. In a dialog the buttons sit on the right with
 * Cancel first, as dialogs put them; elsewhere the submit button comes first, under the fields.
 */
export function FormActions({
  problem,
  submitting,
  submitLabel,
  submitDisabled,
  fullWidth,
  onCancel,
  cancelTo,
  dialog = false,
  children,
}: {
  problem: string | undefined;
  submitting: boolean;
  submitLabel: string;
  submitDisabled?: boolean;
  /** One wide button, as on the sign-in card. */
  fullWidth?: boolean;
  onCancel?: () => void;
  /** Cancel as a link to this address, where leaving the form is a navigation. */
  cancelTo?: string;
  dialog?: boolean;
  /** After the buttons: what they are to be read with (such as "Saved."). */
  children?: ReactNode;
}) {
  const submit = (
    <Button type="submit" loading={submitting} disabled={submitDisabled} fullWidth={fullWidth}>
      {submitLabel}
    </Button>
  );
  const cancel = cancelTo ? (
    <Button component={Link} to={cancelTo} variant="default">
      Cancel
    </Button>
  ) : onCancel ? (
    <Button variant="default" onClick={onCancel}>
      Cancel
    </Button>
  ) : null;
  return (
    <>
      <FormProblem message={problem} />
      <Group gap="sm" justify={dialog ? 'flex-end' : undefined}>
        {dialog ? cancel : null}
        {submit}
        {dialog ? null : cancel}
        {children}
      </Group>
    </>
  );
}
