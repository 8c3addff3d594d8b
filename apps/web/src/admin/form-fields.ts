import { z } from 'zod';

/**
 * A contract's field, checked first for being filled in at all: an empty field then says what
 * to do in plain words instead of "Too small: expected string to have >=1 characters", and the
 * contract's own rules still decide everything else.
 */
export function filledIn<S extends z.ZodType<unknown, string>>(field: S, message: string) {
  return z
    .string()
    .refine((value) => value.trim() !== '', message)
    .pipe(field);
}

/** An optional contract field a form shows as a text box: left blank, it is not sent at all. */
export function blankAsAbsent<S extends z.ZodType<unknown, string>>(field: z.ZodOptional<S>) {
  return z.union([z.literal('').transform(() => undefined), field.unwrap()]);
}
