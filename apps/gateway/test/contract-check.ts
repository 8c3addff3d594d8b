import path from 'node:path';
import { expect } from '@jest/globals';
import type { z } from 'zod';
import {
  fieldErrors,
  HTTP_ROUTES,
  HttpLevelProblem,
  HttpProblem,
  responsesOf,
  TRANSPORT_PROBLEM_STATUSES,
  type HttpRoute,
} from '@arbor/contracts';
import { recordCheckedSuccess, recordDocumented } from './contract-coverage';

interface Compiled {
  readonly route: HttpRoute;
  readonly pattern: RegExp;
  /** How many path parameters it has. */
  readonly params: number;
}

function compile(routes: readonly HttpRoute[]): Compiled[] {
  return routes.map((route) => ({
    route,
    pattern: new RegExp(`^${route.path.replace(/^\/api\/v1/, '').replace(/\{[A-Za-z0-9_]+\}/g, '[^/]+')}$`),
    params: route.path.match(/\{[A-Za-z0-9_]+\}/g)?.length ?? 0,
  }));
}

/** Members the body has that the schema does not document (what `z.object` would drop quietly). */
function undocumented(body: unknown, parsed: unknown, at = ''): string[] {
  if (Array.isArray(body) && Array.isArray(parsed)) {
    return body.flatMap((item, index) => undocumented(item, parsed[index], `${at}[${index}]`));
  }
  if (body && parsed && typeof body === 'object' && typeof parsed === 'object' && !Array.isArray(body)) {
    return Object.entries(body).flatMap(([key, value]) => {
      const where = at ? `${at}.${key}` : key;
      return key in parsed ? undocumented(value, (parsed as Record<string, unknown>)[key], where) : [where];
    });
  }
  return [];
}

function conform(what: string, schema: z.ZodType, body: unknown): void {
  const result = schema.safeParse(body);
  if (!result.success) {
    const errors = fieldErrors(result.error).map((error) => `${error.path || '(body)'}: ${error.message}`);
    throw new Error(`${what}: the body breaks its documented schema:\n  ${errors.join('\n  ')}`);
  }
  const extra = undocumented(body, result.data);
  if (extra.length > 0) throw new Error(`${what}: the body has undocumented members: ${extra.join(', ')}`);
}

export interface Answer {
  readonly status: number;
  readonly contentType: string;
  /** The raw body text ('' when there is none). */
  readonly text: string;
  readonly body: unknown;
}

/**
 * Checks one answer of the gateway against the contract of the operation it belongs to: the
 * status must be one the operation documents, the body must parse with the schema documented for
 * that status (and carry nothing undocumented), problems must be problem+json. A checked success
 * is recorded, so the run can fail when a documented operation was never called successfully.
 */
export function contractChecker(routes: readonly HttpRoute[] = HTTP_ROUTES) {
  const compiled = compile(routes);
  recordDocumented(routes.map((route) => route.operationId));
  return function check(method: string, url: string, answer: Answer): void {
    const pathname = url.split('?')[0]!;
    // As the router does: a literal segment (`notes/access-log`) wins over a parameter (`notes/{nid}`).
    const found = compiled
      .filter(
        (candidate) => candidate.route.method === method.toUpperCase() && candidate.pattern.test(pathname),
      )
      .sort((a, b) => a.params - b.params)[0]?.route;
    const problem = answer.contentType.startsWith('application/problem+json');
    if (answer.status >= 400 && !problem) {
      throw new Error(
        `${method} ${url}: answered ${answer.status} as ${answer.contentType}, not problem+json`,
      );
    }
    if ((TRANSPORT_PROBLEM_STATUSES as readonly number[]).includes(answer.status)) {
      conform(`${method} ${url} → ${answer.status}`, HttpLevelProblem, answer.body);
      return;
    }
    if (!found) {
      // Test fixtures mount routes of their own; an unknown path is a 404 like any other.
      if (pathname.startsWith('/fixture/')) return;
      if (answer.status === 404) return conform(`${method} ${url} → 404`, HttpProblem.not_found, answer.body);
      throw new Error(`${method} ${url} is no documented operation (answered ${answer.status})`);
    }
    const what = `${found.operationId} (${method} ${url}) → ${answer.status}`;
    const documented = responsesOf(found).get(answer.status);
    if (!documented) {
      throw new Error(
        `${what}: status not documented (documented: ${[...responsesOf(found).keys()].join(', ')})`,
      );
    }
    if (documented.kind === 'problem') return conform(what, HttpProblem[documented.code], answer.body);
    if (documented.kind === 'http') return conform(what, HttpLevelProblem, answer.body);
    if (documented.schema === null) {
      if (answer.text !== '') throw new Error(`${what}: documented without a body, but answered one`);
    } else {
      if (!answer.contentType.startsWith('application/json')) {
        throw new Error(`${what}: answered ${answer.contentType}, not application/json`);
      }
      conform(what, documented.schema, answer.body);
    }
    recordCheckedSuccess(found.operationId, path.basename(expect.getState().testPath ?? 'unknown'));
  };
}
