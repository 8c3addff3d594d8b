import { z } from 'zod';
import { route } from '@arbor/contracts';
import { buildOpenApiDocument } from '../openapi/openapi.document';

type Parameter = { name: string; in: string; required: boolean; schema: { pattern?: string } };
type Document = { paths: Record<string, { post: { parameters?: Parameter[] } }> };

const operation = (idempotent: boolean) =>
  route({
    operationId: idempotent ? 'payIt' : 'noteIt',
    method: 'POST',
    path: idempotent ? '/api/v1/things/{tid}/pay' : '/api/v1/things/{tid}/note',
    summary: 'x',
    tags: ['things'],
    access: ['admin'],
    idempotent,
    params: z.object({ tid: z.uuid() }),
    body: z.object({ amount: z.number().int() }),
    responses: { 200: z.object({}) },
  });

describe('the Idempotency-Key header in the OpenAPI document', () => {
  const document = buildOpenApiDocument([operation(true), operation(false)], '1.0.0') as unknown as Document;

  it('is an optional header parameter of an idempotent operation, as the gateway validates it', () => {
    const parameters = document.paths['/api/v1/things/{tid}/pay']!.post.parameters ?? [];
    const header = parameters.find((parameter) => parameter.in === 'header');
    expect(header).toMatchObject({ name: 'Idempotency-Key', required: false });
    const pattern = new RegExp(header!.schema.pattern!);
    expect(pattern.test('5f0c8a4e-9a57-4a1e-8d6e-1f2b3c4d5e6f')).toBe(true);
    expect(pattern.test('clé')).toBe(false);
    // The path parameter is still there, first.
    expect(parameters.map((parameter) => parameter.name)).toEqual(['tid', 'Idempotency-Key']);
  });

  it('is not offered by an operation that is not idempotent', () => {
    const parameters = document.paths['/api/v1/things/{tid}/note']!.post.parameters ?? [];
    expect(parameters.map((parameter) => parameter.name)).toEqual(['tid']);
  });
});
