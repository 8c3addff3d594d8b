import { useState, type BaseSyntheticEvent } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { showProblem } from './use-contract-form';

export interface FormSubmitOptions {
  /** Maps a request path to a field, when they differ (see `showProblem`). */
  fieldOf?: (path: string) => string | undefined;
  /**
   * Words of the form's own for a failure that means something particular here (an invitation
   * gone, say); `undefined` leaves it to `showProblem`.
   */
  explain?: (error: unknown) => string | undefined;
}

/**
 * A form's submit as every form of the app does it: the last problem goes away when the person
 * tries again, the action runs with the validated values, and a failure is put on the form (each
 * field's message beside it, the rest as one sentence) without clearing what they typed.
 */
export function useFormSubmit<TValues extends FieldValues, TOutput>(
  form: UseFormReturn<TValues, unknown, TOutput>,
  action: (values: TOutput) => Promise<void>,
  { fieldOf, explain }: FormSubmitOptions = {},
) {
  const [problem, setProblem] = useState<string>();
  const submit = form.handleSubmit(async (values) => {
    setProblem(undefined);
    try {
      await action(values);
    } catch (error) {
      setProblem(explain?.(error) ?? showProblem(form, error, fieldOf));
    }
  });
  return {
    onSubmit: (event?: BaseSyntheticEvent) => void submit(event),
    problem,
    setProblem,
    submitting: form.formState.isSubmitting,
  };
}
