import { SetMetadata } from '@nestjs/common';
import type { z } from 'zod';

export const API_DOC = 'arbor:api-doc';

/** `'problem'` documents an RFC 9457 problem+json answer. */
export type ApiResponseDoc = z.ZodType | 'problem' | 'empty';

export interface ApiDoc {
  summary: string;
  description?: string;
  tags: string[];
  body?: z.ZodType;
  query?: z.ZodObject;
  responses: Record<number, ApiResponseDoc>;
}

/**
 * Documents a route for `/api/openapi.json` with the same zod schemas that validate it, so the
 * document cannot drift from what the gateway enforces.
 */
export const Documented = (doc: ApiDoc) => SetMetadata(API_DOC, doc);
