import { RequestMethod } from '@nestjs/common';
import { z } from 'zod';
import { buildOpenApiDocument } from './openapi.document';

describe('OpenAPI document', () => {
  const document = buildOpenApiDocument(
    [
      {
        method: RequestMethod.POST,
        path: 'api/v1/practices/:pid/clients',
        doc: {
          summary: 'Create a client',
          tags: ['Clients'],
          body: z.object({ firstName: z.string().min(1), email: z.email() }),
          query: z.object({ limit: z.coerce.number().int().optional() }),
          responses: { 201: z.object({ id: z.uuid() }), 400: 'problem' },
        },
        isPublic: false,
      },
    ],
    '1.0.0',
  ) as { openapi: string; paths: Record<string, Record<string, Record<string, unknown>>> };

  it('uses OpenAPI path templates and documents path and query parameters', () => {
    const operation = document.paths['/api/v1/practices/{pid}/clients']?.['post'];
    expect(operation?.['parameters']).toEqual([
      { name: 'pid', in: 'path', required: true, schema: { type: 'string' } },
      {
        name: 'limit',
        in: 'query',
        required: false,
        schema: expect.objectContaining({ type: 'integer' }) as unknown,
      },
    ]);
  });

  it('documents the request body and responses from the same zod schemas that validate them', () => {
    const operation = document.paths['/api/v1/practices/{pid}/clients']?.['post'];
    expect(operation?.['requestBody']).toMatchObject({
      content: { 'application/json': { schema: { type: 'object', required: ['firstName', 'email'] } } },
    });
    expect(operation?.['responses']).toMatchObject({
      '201': { content: { 'application/json': { schema: { properties: { id: { format: 'uuid' } } } } } },
      '400': {
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      },
    });
  });
});
