// Real: every service as a built app in its own process, the processor sandbox, the gateway in
// this process, RabbitMQ, PostgreSQL, Redis. Faked: nothing.
// A property-based test generated from the gateway's own OpenAPI document: every operation gets
// malformed path parameters, queries and bodies (wrong types, huge or NUL-laden strings, lone
// surrogates, deep nesting, odd numbers, missing and extra fields, bad ids and cursors), as the
// Admin of a real practice, and must never answer 5xx; every error must be problem+json (and,
// through the API client, every answer must match what the document says of it).
import fc from 'fast-check';
import { signUpAsAdmin } from './identity-helpers';
import { startPlatform, type Platform } from './platform';

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  additionalProperties?: Schema | boolean;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
};
type Parameter = { name: string; in: 'path' | 'query'; schema: Schema };
type Operation = {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: { 'application/json': { schema: Schema } } };
};
type OpenApi = { paths: Record<string, Record<string, Operation>> };

const PASSWORD = 'maple-syrup-on-tuesdays';
const RUNS_PER_OPERATION = 20;
const SEED = 20261201;
/** Operations the document holds today: the fuzz must never cover fewer. */
const OPERATIONS_TODAY = 25;

const LONE_SURROGATES = fc.constantFrom('\uD800', 'a\uDBFFb', '\uDC00x', 'x\uDFFF');
const NASTY_STRINGS: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', 'a\u0000b', '\u0000', '\u202e', '%00', '../../etc/passwd', '🌳'.repeat(3)),
  LONE_SURROGATES,
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer({ min: 1_000, max: 300_000 }).map((length) => 'x'.repeat(length)),
);
const ODD_NUMBERS = fc.constantFrom(1e308, -1e308, -0, 1e-320, 5e-324, 0.1 + 0.2, -1, 2 ** 53 + 1, 1.5, 0);
const NOT_A_UUID = fc.oneof(
  fc.constantFrom('not-a-uuid', '00000000-0000-0000-0000-00000000000g', '0190b1a2-7c1e-7d3f-8a2b', ' '),
  fc.uuid().map((id) => id.toUpperCase()),
  fc.uuid().map((id) => `${id}\u0000`),
  NASTY_STRINGS,
);
const BAD_CURSORS = fc.oneof(
  fc.base64String({ maxLength: 60 }).map((text) => text.replace(/=+$/, '')),
  fc
    .json()
    .map((json) => Buffer.from(json).toString('base64url'))
    .filter((cursor) => cursor.length > 0),
  fc.constantFrom(
    Buffer.from(
      '{"v":1,"l":"payments.processor-accounts","k":{"createdAt":"2026-01-01T00:00:00.000Z","id":"0190b1a2-7c1e-7d3f-8a2b-123456789abc"}}',
    ).toString('base64url'),
    Buffer.from('{"v":1,"l":"identity.staff","k":{"userId":"nope"}}').toString('base64url'),
    Buffer.from(
      '{"v":9,"l":"identity.staff","k":{"userId":"0190b1a2-7c1e-7d3f-8a2b-123456789abc"}}',
    ).toString('base64url'),
    '!!!',
    'x'.repeat(5_000),
  ),
  NASTY_STRINGS,
);

/**
 * JSON nested thousands of levels deep, as text (the body parser and validators must not recurse
 * into a crash): alone, or as the value of a field.
 */
const DEEP_JSON = fc
  .tuple(
    fc.integer({ min: 100, max: 20_000 }),
    fc.constantFrom('[', '{"a":'),
    fc.option(fc.string({ maxLength: 10 })),
  )
  .map(([depth, open, field]) => {
    const nested =
      open === '[' ? '['.repeat(depth) + ']'.repeat(depth) : open.repeat(depth) + '1' + '}'.repeat(depth);
    return field === null ? nested : `{${JSON.stringify(field)}:${nested}}`;
  });

const JUNK: fc.Arbitrary<unknown> = fc.oneof(
  NASTY_STRINGS,
  ODD_NUMBERS,
  fc.constantFrom(null, true, false, [], {}, [null], JSON.parse('{"__proto__":{"admin":true}}') as unknown),
  fc.anything({ maxDepth: 3 }),
);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function variantsOf(schema: Schema): Schema[] {
  return schema.anyOf ?? schema.oneOf ?? [schema];
}

/** A value `schema` accepts (as far as JSON Schema can say: refinements are zod's alone). */
function valid(schema: Schema, depth = 0): fc.Arbitrary<Json> {
  const variants = variantsOf(schema);
  if (variants.length > 1) return fc.oneof(...variants.map((variant) => valid(variant, depth)));
  if (schema.const !== undefined) return fc.constant(schema.const as Json);
  if (schema.enum) return fc.constantFrom(...(schema.enum as Json[]));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object' || schema.properties) {
    const properties = Object.entries(schema.properties ?? {});
    const required = new Set(schema.required ?? []);
    return fc.record(Object.fromEntries(properties.map(([key, value]) => [key, valid(value, depth + 1)])), {
      requiredKeys: properties.map(([key]) => key).filter((key) => required.has(key)),
    });
  }
  if (type === 'array') {
    return fc.array(schema.items && depth < 4 ? valid(schema.items, depth + 1) : fc.constant(null), {
      minLength: schema.minItems ?? 0,
      maxLength: Math.min(schema.maxItems ?? 3, 3),
    });
  }
  if (type === 'boolean') return fc.boolean();
  if (type === 'integer') {
    // At most 1000 above the minimum: a year (1900–2100) has a minimum above 1000.
    const min = schema.minimum ?? 0;
    return fc.integer({ min, max: Math.min(schema.maximum ?? min + 1000, min + 1000) });
  }
  if (type === 'number') return fc.integer({ min: schema.minimum ?? 0, max: schema.maximum ?? 1000 });
  if (type === 'string') {
    if (schema.format === 'email')
      return fc.stringMatching(/^[a-z]{1,12}$/).map((local) => `${local}@example.test`);
    if (schema.format === 'uuid') return fc.uuid({ version: 7 });
    if (schema.format === 'date-time')
      return fc.date({ noInvalidDate: true }).map((date) => date.toISOString());
    if (schema.pattern)
      return fc
        .stringMatching(new RegExp(schema.pattern))
        .filter((text) => text.length <= (schema.maxLength ?? 255));
    return fc
      .string({
        unit: 'grapheme-ascii',
        minLength: Math.max(schema.minLength ?? 1, 1),
        maxLength: Math.min(schema.maxLength ?? 40, 40),
      })
      .filter((text) => text.trim().length >= (schema.minLength ?? 0));
  }
  return fc.constant(null);
}

/** Paths (keys from the root) of every string in a value. */
function stringPaths(value: Json, at: string[] = []): string[][] {
  if (typeof value === 'string') return [at];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringPaths(item, [...at, String(index)]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => stringPaths(item, [...at, key]));
  return [];
}

/** Every path in a value, the root included. */
function allPaths(value: Json, at: string[] = []): string[][] {
  const below = Array.isArray(value)
    ? value.flatMap((item, index) => allPaths(item, [...at, String(index)]))
    : value && typeof value === 'object'
      ? Object.entries(value).flatMap(([key, item]) => allPaths(item, [...at, key]))
      : [];
  return [at, ...below];
}

function cloneJson(value: Json): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}

/** `value` with the node at `path` replaced (`undefined`: removed). */
function replaced(value: Json, path: string[], by: (old: Json) => Json | undefined): Json | undefined {
  if (path.length === 0) return by(value);
  const copy = cloneJson(value) as Record<string, Json>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, Json>;
  const last = path[path.length - 1]!;
  const next = by(parent[last]!);
  if (next === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = next;
  return copy;
}

const POISON = fc.constantFrom('\u0000', '\uD800', '\uDFFF', '\u0000\uDC00');

/** A valid value with one thing wrong: a junk node, a poisoned string, a missing or extra member. */
function mutated(schema: Schema): fc.Arbitrary<unknown> {
  return valid(schema).chain((base) => {
    const paths = allPaths(base);
    const strings = stringPaths(base);
    const junkAt = fc
      .tuple(fc.constantFrom(...paths), JUNK)
      .map(([path, junk]) =>
        replaced(base, path, () => cloneJson(junk === undefined ? null : (junk as Json))),
      );
    const removed = fc.constantFrom(...paths).map((path) => replaced(base, path, () => undefined));
    const extra = fc
      .tuple(fc.constantFrom('extra', '__proto__', 'constructor', 'a\u0000'), JUNK)
      .map(([key, junk]) =>
        base && typeof base === 'object' && !Array.isArray(base) ? { ...base, [key]: junk } : base,
      );
    const options: Array<fc.Arbitrary<unknown>> = [fc.constant(base), junkAt, removed, extra];
    if (strings.length > 0) {
      options.push(
        fc.tuple(fc.constantFrom(...strings), POISON, fc.nat()).map(([path, poison, at]) =>
          replaced(base, path, (old) => {
            const text = old as string;
            const index = text.length === 0 ? 0 : at % (text.length + 1);
            return text.slice(0, index) + poison + text.slice(index);
          }),
        ),
      );
    }
    return fc.oneof(...options);
  });
}

/**
 * The requests that must be tried whatever the seed: a valid body with each of its strings, one
 * at a time, carrying a NUL or a lone surrogate (the text a database refuses).
 */
function poisonedExamples(schema: Schema, seed: number): unknown[] {
  return fc
    .sample(valid(schema), { seed, numRuns: 3 })
    .flatMap((base) =>
      stringPaths(base).flatMap((path) =>
        ['a\u0000b', 'a\uD800b'].map((poison) => replaced(base, path, (old) => `${old as string}${poison}`)),
      ),
    );
}

interface Request {
  path: string;
  query: Array<[string, string]>;
  body: { json: unknown } | { raw: string } | undefined;
}

/**
 * A URL carries UTF-8, which a lone surrogate has none of (`encodeURIComponent` throws on one): a
 * client sends U+FFFD in its place. Bodies keep them: JSON can carry them escaped.
 */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function requestFor(template: string, operation: Operation, pid: string): fc.Arbitrary<Request> {
  const pathParams = (operation.parameters ?? []).filter((parameter) => parameter.in === 'path');
  const queryParams = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query');
  const path = fc
    .tuple(
      ...pathParams.map((parameter) =>
        parameter.name === 'pid'
          ? // Mostly the caller's own practice, so requests get past the tenancy check to the service.
            fc.oneof({ arbitrary: fc.constant(pid), weight: 6 }, { arbitrary: NOT_A_UUID, weight: 1 })
          : fc.oneof(
              valid(parameter.schema).map(String),
              NOT_A_UUID,
              JUNK.map((value) => JSON.stringify(value) ?? ''),
            ),
      ),
    )
    .map((values) =>
      pathParams.reduce(
        (built, parameter, index) =>
          built.replace(`{${parameter.name}}`, encodeURIComponent(wellFormed(String(values[index])))),
        template.replace(/^\/api\/v1/, ''),
      ),
    );
  const query = fc
    .tuple(
      ...queryParams.map((parameter) =>
        fc.option(
          parameter.name === 'cursor'
            ? BAD_CURSORS
            : fc.oneof(
                fc.constantFrom(
                  '-1',
                  '0',
                  '101',
                  '1e308',
                  'NaN',
                  '',
                  '2.5',
                  '-0',
                  '1e-320',
                  '99999999999999999999',
                ),
                valid(parameter.schema).map(String),
                JUNK.map((value) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? ''))),
              ),
          { nil: undefined },
        ),
      ),
    )
    .map((values) =>
      queryParams.flatMap((parameter, index): Array<[string, string]> =>
        values[index] === undefined ? [] : [[parameter.name, String(values[index])]],
      ),
    );
  const schema = operation.requestBody?.content['application/json'].schema;
  const body = schema
    ? fc.oneof(
        { arbitrary: mutated(schema).map((json) => ({ json })), weight: 6 },
        { arbitrary: JUNK.map((json) => ({ json })), weight: 1 },
        { arbitrary: DEEP_JSON.map((raw) => ({ raw })), weight: 1 },
      )
    : fc.constant(undefined);
  return fc.record({ path, query, body });
}

/** The operation's path with the caller's practice and a valid value for every other parameter. */
function concretePath(template: string, operation: Operation, pid: string): string {
  return (operation.parameters ?? [])
    .filter((parameter) => parameter.in === 'path')
    .reduce(
      (built, parameter) =>
        built.replace(
          `{${parameter.name}}`,
          parameter.name === 'pid'
            ? pid
            : encodeURIComponent(
                JSON.stringify(fc.sample(valid(parameter.schema), { seed: SEED, numRuns: 1 })[0]).replace(
                  /^"|"$/g,
                  '',
                ),
              ),
        ),
      template.replace(/^\/api\/v1/, ''),
    );
}

describe('fuzzing every documented operation', () => {
  let platform: Platform;
  let document: OpenApi;
  const admin = { practiceId: '', token: '' };

  beforeAll(async () => {
    platform = await startPlatform('fuzz', [
      'identity',
      'service-enablement',
      'payments',
      'client-records',
      'notes',
      'notifications',
      'invoicing',
      'directory',
    ]);
    document = (await (await fetch(`${platform.api.base}/api/openapi.json`)).json()) as OpenApi;
    const signedUp = await signUpAsAdmin(platform.api, 'Maple Counselling', 'ada@maple.test', PASSWORD);
    Object.assign(admin, { practiceId: signedUp.practiceId, token: signedUp.adminToken });
  });

  afterAll(() => platform?.close());

  it('never answers 5xx, and answers every error as problem+json', async () => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        path,
        method: method.toUpperCase(),
        operation,
      })),
    );
    expect(operations.length).toBeGreaterThanOrEqual(OPERATIONS_TODAY);
    const failures: string[] = [];
    for (const { path, method, operation } of operations) {
      const property = fc.asyncProperty(
        requestFor(path, operation, admin.practiceId),
        async ({ path: url, query, body }) => {
          const search = query.length ? `?${new URLSearchParams(query).toString()}` : '';
          // The API client checks the answer against the document (status documented, body
          // matching its schema, problems as problem+json) and throws when it does not.
          const answer = await platform.api.call(method, `${url}${search}`, {
            token: admin.token,
            ...(body && 'raw' in body ? { rawBody: body.raw } : { body: body?.json }),
          });
          if (answer.status >= 500)
            throw new Error(`answered ${answer.status}: ${JSON.stringify(answer.body)}`);
        },
      );
      const schema = operation.requestBody?.content['application/json'].schema;
      const examples: Array<[Request]> = schema
        ? poisonedExamples(schema, SEED).map((json) => [
            { path: concretePath(path, operation, admin.practiceId), query: [], body: { json } },
          ])
        : [];
      try {
        await fc.assert(property, { numRuns: RUNS_PER_OPERATION, seed: SEED, examples });
      } catch (error) {
        const cause = (error as Error).cause;
        failures.push(
          `${operation.operationId} (${method} ${path}):\n${(error as Error).message}\n${
            cause instanceof Error ? `Because: ${cause.stack?.split('\n').slice(0, 14).join('\n')}` : ''
          }\n${(error as Error).stack?.split('\n').slice(0, 8).join('\n')}`,
        );
      }
    }
    expect(failures).toEqual([]);
  });
});
