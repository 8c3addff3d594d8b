import { HTTP_ROUTES, PROBLEM_STATUS, ProblemCode, route } from '@arbor/contracts';
import { z } from 'zod';
import { GatewayModule } from '../gateway.module';
import type { GatewayConfig } from '../gateway.config';
import { problemFor } from '../http/problem';
import { buildOpenApiDocument } from './openapi.document';
import { routeTable } from './route-table';

type Operation = {
  operationId: string;
  parameters?: Array<{ name: string; in: string; required: boolean; schema: Record<string, unknown> }>;
  requestBody?: unknown;
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: Record<string, unknown> }> }>;
  security?: unknown[];
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties: Record<string, unknown>; required?: string[] }> };
};

const document = buildOpenApiDocument(HTTP_ROUTES, '1.0.0') as unknown as Document;
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
);

describe('OpenAPI document', () => {
  it('mounts every contract, and only contracts, as the gateway module declares its routes', () => {
    const controllers = GatewayModule.register({
      config: {} as GatewayConfig,
      logger: {} as never,
      bus: {} as never,
    }).controllers!;
    const api = routeTable(controllers).filter((entry) => entry.path.startsWith('/api/v1/'));
    expect(api.filter((entry) => !entry.contract).map((entry) => entry.handler)).toEqual([]);
    const mounted = api.map((entry) => `${entry.method} ${entry.path}`).sort();
    const contracts = HTTP_ROUTES.map(
      (contract) => `${contract.method} ${contract.path.replace(/\{(\w+)\}/g, ':$1')}`,
    ).sort();
    expect(mounted).toEqual(contracts);
  });

  it('has no trailing slash, and a unique operationId written in the contract for every operation', () => {
    expect(operations.length).toBe(HTTP_ROUTES.length);
    expect(operations.filter(({ path }) => path.endsWith('/')).map(({ path }) => path)).toEqual([]);
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('listStaff');
    expect(ids).toContain('createPaymentProcessor');
  });

  it('documents path parameters with their schemas, and the paging query', () => {
    const listStaff = document.paths['/api/v1/practices/{pid}/staff']?.['get'];
    expect(listStaff?.parameters).toEqual([
      { name: 'pid', in: 'path', required: true, schema: expect.objectContaining({ format: 'uuid' }) },
      {
        name: 'limit',
        in: 'query',
        required: false,
        schema: expect.objectContaining({ type: 'integer', minimum: 1, maximum: 100, default: 50 }),
      },
      { name: 'cursor', in: 'query', required: false, schema: expect.objectContaining({ type: 'string' }) },
    ]);
    expect(listStaff?.responses['200']?.content?.['application/json']?.schema).toMatchObject({
      required: ['items', 'nextCursor'],
    });
  });

  it('answers the problems each operation can meet, with their typed details', () => {
    const invite = document.paths['/api/v1/practices/{pid}/staff']?.['post'];
    expect(Object.keys(invite?.responses ?? {}).sort()).toEqual(
      ['201', '400', '401', '403', '404', '409', '413', '415', '429', '503'].sort(),
    );
    expect(invite?.responses['409']).toEqual({ $ref: '#/components/responses/Conflict' });
    const login = document.paths['/api/v1/auth/login']?.['post'];
    expect(login?.security).toEqual([]);
    expect(Object.keys(login?.responses ?? {})).not.toContain('404');
    const schemas = document.components.schemas;
    expect(schemas['ValidationFailedProblem']?.required).toContain('errors');
    expect(schemas['RateLimitedProblem']?.required).toContain('retryAfterSeconds');
    expect(Object.keys(schemas['ConflictProblem']?.properties ?? {})).toEqual(
      expect.arrayContaining(['currentStatus', 'limit']),
    );
  });

  it('maps each code to the status the gateway answers it with', () => {
    for (const code of ProblemCode.options) {
      expect([code, problemFor(code, 'x').status]).toEqual([code, PROBLEM_STATUS[code]]);
    }
  });

  it('refuses two operations with one operationId, and a contract whose path and params disagree', () => {
    expect(() => buildOpenApiDocument([HTTP_ROUTES[0]!, HTTP_ROUTES[0]!], '1')).toThrow(/operationId/);
    expect(() =>
      route({
        operationId: 'broken',
        method: 'GET',
        path: '/api/v1/things/{id}',
        summary: 'x',
        tags: ['x'],
        access: 'public',
        params: z.object({ thingId: z.uuid() }),
        responses: { 200: z.object({}) },
      }),
    ).toThrow(/params declare/);
  });
});
