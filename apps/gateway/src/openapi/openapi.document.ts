import { z } from 'zod';
import { HttpLevelProblem, HttpProblem, ProblemCode, responsesOf, type HttpRoute } from '@arbor/contracts';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  });
  return rest;
}

/** `validation_failed` → `ValidationFailed`: the component names of the problem responses. */
function componentName(code: ProblemCode): string {
  return code
    .split('_')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

const PROBLEM_DESCRIPTIONS: Record<ProblemCode, string> = {
  validation_failed: 'The request is invalid: `errors` names each field and what is wrong with it',
  unauthenticated: 'No valid access token (or wrong credentials)',
  forbidden: 'The active role may not do this',
  not_found: 'No such thing here (another practice’s things do not exist for the caller)',
  conflict: 'The request conflicts with the current state',
  payment_declined: 'The processor declined the payment',
  rate_limited: 'Too many requests: retry after `retryAfterSeconds`',
  service_unavailable: 'A service did not answer: retry after `retryAfterSeconds` if given',
  internal: 'An unexpected error (logged; never any detail)',
};

const HTTP_LEVEL = { 413: 'PayloadTooLarge', 415: 'UnsupportedMediaType' } as const;
const HTTP_LEVEL_DESCRIPTIONS = {
  413: 'The body is larger than the gateway accepts (1 MiB)',
  415: 'Bodies are accepted as application/json, UTF-8 only',
} as const;

/** The header an idempotent operation honours (docs/adr/0021). */
const IDEMPOTENCY_KEY_PARAMETER: JsonSchema = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes a retry safe: a repeat with the same key and body, by the same person, within 24 hours, ' +
    'answers the first answer (with `Idempotent-Replayed: true`) instead of acting again; the same ' +
    'key with another body, or while the first request is still running, answers 409. Use a new ' +
    'random key (a UUID) per operation.',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x20-\\x7E]+$' },
};

function parameters(route: HttpRoute): JsonSchema[] {
  const of = (location: 'path' | 'query', shape: Record<string, z.ZodType>) =>
    Object.entries(shape).map(([name, schema]) => {
      const documented = jsonSchema(schema, 'input');
      const { description, ...rest } = documented;
      return {
        name,
        in: location,
        required: location === 'path' || !schema.safeParse(undefined).success,
        ...(typeof description === 'string' ? { description } : {}),
        schema: rest,
      };
    });
  return [
    ...of('path', route.params?.shape ?? {}),
    ...of('query', route.query?.shape ?? {}),
    ...(route.idempotent ? [IDEMPOTENCY_KEY_PARAMETER] : []),
  ];
}

function accessNote(route: HttpRoute): string {
  if (route.access === 'public') return 'Anyone may call it (no access token).';
  const roles = `Active role: ${route.access.join(', ')}.`;
  return route.allowMfaPending ? `${roles} Also before MFA enrolment where the practice requires it.` : roles;
}

function operation(route: HttpRoute): JsonSchema {
  const responses: Record<string, JsonSchema> = {};
  for (const [status, response] of responsesOf(route)) {
    if (response.kind === 'problem') {
      responses[String(status)] = { $ref: `#/components/responses/${componentName(response.code)}` };
    } else if (response.kind === 'http') {
      responses[String(status)] = { $ref: `#/components/responses/${HTTP_LEVEL[response.status]}` };
    } else if (response.schema === null) {
      responses[String(status)] = { description: 'Done; no content' };
    } else {
      responses[String(status)] = {
        description: 'Success',
        content: { 'application/json': { schema: jsonSchema(response.schema, 'output') } },
      };
    }
  }
  const params = parameters(route);
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: [route.description, accessNote(route)].filter(Boolean).join('\n\n'),
    tags: [...route.tags],
    ...(params.length ? { parameters: params } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
          },
        }
      : {}),
    responses,
    ...(route.access === 'public' ? { security: [] } : {}),
    'x-arbor-access': route.access === 'public' ? 'public' : [...route.access],
  };
}

/**
 * The OpenAPI 3.1 document of these route contracts: JSON Schema 2020-12 from the same zod
 * schemas that validate requests, one problem response per code with its typed details.
 */
export function buildOpenApiDocument(routes: readonly HttpRoute[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const seen = new Map<string, string>();
  const used = new Set<ProblemCode>();
  const usedHttp = new Set<keyof typeof HTTP_LEVEL>();
  for (const route of routes) {
    const clash = seen.get(route.operationId);
    if (clash) throw new Error(`operationId ${route.operationId} is used by ${clash} and ${route.path}`);
    seen.set(route.operationId, route.path);
    for (const response of responsesOf(route).values()) {
      if (response.kind === 'problem') used.add(response.code);
      if (response.kind === 'http') usedHttp.add(response.status);
    }
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operation(route);
  }
  const codes = ProblemCode.options.filter((code) => used.has(code));
  const tags = [...new Set(routes.flatMap((route) => route.tags))].sort();
  return {
    openapi: '3.1.0',
    info: {
      title: 'Arbor API',
      version,
      description:
        'The public HTTP API of Arbor, served by the gateway under /api/v1. Errors are RFC 9457 problem+json; lists are pages (`?limit=&cursor=` → `{items, nextCursor}`).',
    },
    servers: [{ url: '/', description: 'The gateway that serves this document' }],
    security: [{ bearer: [] }],
    tags: tags.map((name) => ({ name, description: `${name} operations` })),
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        ...Object.fromEntries(
          codes.map((code) => [`${componentName(code)}Problem`, jsonSchema(HttpProblem[code], 'output')]),
        ),
        ...(usedHttp.size ? { HttpLevelProblem: jsonSchema(HttpLevelProblem, 'output') } : {}),
      },
      responses: Object.fromEntries<JsonSchema>([
        ...[...usedHttp].sort().map((status): [string, JsonSchema] => [
          HTTP_LEVEL[status],
          {
            description: HTTP_LEVEL_DESCRIPTIONS[status],
            content: {
              'application/problem+json': { schema: { $ref: '#/components/schemas/HttpLevelProblem' } },
            },
          },
        ]),
        ...codes.map((code): [string, JsonSchema] => [
          componentName(code),
          {
            description: PROBLEM_DESCRIPTIONS[code],
            content: {
              'application/problem+json': {
                schema: { $ref: `#/components/schemas/${componentName(code)}Problem` },
              },
            },
          },
        ]),
      ]),
    },
  };
}
