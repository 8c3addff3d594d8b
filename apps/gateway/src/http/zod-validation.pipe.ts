import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ArborError, fieldErrors } from '@arbor/contracts';

/**
 * Validates one part of a request (body, query, a path parameter) against a zod schema, the
 * same schemas the contracts and the web app use. A bad request answers 400 naming each field.
 */
export class ZodValidationPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(
    private readonly schema: T,
    private readonly part: 'body' | 'query' | 'path' = 'body',
  ) {}

  transform(value: unknown, metadata?: ArgumentMetadata): z.infer<T> {
    const result = this.schema.safeParse(value);
    if (!result.success) {
      // A path parameter or a single query value is named by the parameter itself (`key`, `pid`).
      const prefix = this.part === 'body' ? '' : (metadata?.data ?? '');
      throw ArborError.validation(`invalid request ${this.part}`, fieldErrors(result.error, prefix));
    }
    return result.data;
  }
}
