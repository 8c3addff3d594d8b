import { zodResolver } from '@hookform/resolvers/zod';
import {
  useForm,
  type FieldErrors,
  type FieldValues,
  type Path,
  type Resolver,
  type UseFormProps,
  type UseFormReturn,
} from 'react-hook-form';
import type { z } from 'zod';
import { isApiProblem, plainWords } from '../api/api-problem';

/**
 * A form validated by a contract's own zod schema (the one the gateway validates with), so a
 * field is refused in the browser for the same reason, in the same words, as on the server.
 */
export function useContractForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  options: Omit<UseFormProps<z.input<S>, unknown, z.output<S>>, 'resolver'> = {},
): UseFormReturn<z.input<S>, unknown, z.output<S>> {
  const byContract = zodResolver(schema as never) as unknown as Resolver<z.input<S>, unknown, z.output<S>>;
  return useForm<z.input<S>, unknown, z.output<S>>({
    // The contracts speak in clauses ("must be an email address"); beside a field, a sentence.
    resolver: async (values, context, options) => {
      const result = await byContract(values, context, options);
      capitaliseMessages(result.errors);
      return result;
    },
    mode: 'onTouched',
    ...options,
  });
}

/**
 * Puts a failed request's problem on the form: each field the gateway named gets its message
 * beside it; what concerns no field comes back as the sentence to show above the buttons
 * (`undefined` when every message found its field). The values typed stay as they are.
 */
export function showProblem<T extends FieldValues>(
  form: Pick<UseFormReturn<T, unknown, unknown>, 'setError' | 'getValues'>,
  problem: unknown,
  /** Maps a request path (`body.credentials.secretKey` style, without `body.`) to a field, when they differ. */
  fieldOf: (path: string) => string | undefined = (path) => path,
): string | undefined {
  if (!isApiProblem(problem)) return plainWords(problem);
  const values = form.getValues() as Record<string, unknown>;
  let unplaced = false;
  for (const error of problem.fieldErrors) {
    const field = fieldOf(error.path);
    if (field !== undefined && hasPath(values, field)) {
      form.setError(field as Path<T>, { type: 'server', message: capitalised(error.message) });
    } else {
      unplaced = true;
    }
  }
  const field = problem.extensions['field'];
  if (typeof field === 'string' && hasPath(values, fieldOf(field) ?? '')) {
    form.setError(fieldOf(field) as Path<T>, { type: 'server', message: plainWords(problem) });
    return undefined;
  }
  if (problem.fieldErrors.length > 0 && !unplaced) return undefined;
  if (problem.fieldErrors.length > 0) {
    const elsewhere = problem.fieldErrors
      .filter((error) => !hasPath(values, fieldOf(error.path) ?? ''))
      .map((error) => `${error.path ? `${error.path}: ` : ''}${error.message}`);
    return `Not accepted: ${elsewhere.join('; ')}.`;
  }
  return plainWords(problem);
}

function hasPath(values: Record<string, unknown>, path: string): boolean {
  if (!path) return false;
  let current: unknown = values;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null || !(part in current)) return false;
    current = (current as Record<string, unknown>)[part];
  }
  return true;
}

export const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function capitaliseMessages(errors: FieldErrors | Record<string, unknown>): void {
  for (const value of Object.values(errors)) {
    if (typeof value !== 'object' || value === null) continue;
    const error = value as { message?: unknown; ref?: unknown };
    if (typeof error.message === 'string') error.message = capitalised(error.message);
    // Nested fields (credentials.secretKey) and arrays; `ref` is the DOM element, not an error.
    for (const [key, nested] of Object.entries(value as Record<string, unknown>)) {
      if (key !== 'ref' && key !== 'message' && typeof nested === 'object' && nested !== null) {
        capitaliseMessages({ [key]: nested });
      }
    }
  }
}
