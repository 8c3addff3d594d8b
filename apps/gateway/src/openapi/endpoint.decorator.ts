import {
  applyDecorators,
  createParamDecorator,
  HttpCode,
  RequestMapping,
  RequestMethod,
  SetMetadata,
  type ExecutionContext,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AllowMfaPending, Public, Roles } from '@arbor/auth';
import { ArborError, fieldErrors, successStatus, type FieldError, type HttpRoute } from '@arbor/contracts';

export const HTTP_ROUTE = 'arbor:http-route';

const METHODS: Record<HttpRoute['method'], RequestMethod> = {
  GET: RequestMethod.GET,
  POST: RequestMethod.POST,
  PUT: RequestMethod.PUT,
  PATCH: RequestMethod.PATCH,
  DELETE: RequestMethod.DELETE,
};

/** `/api/v1/practices/{pid}/staff` → `api/v1/practices/:pid/staff`, as NestJS routes are written. */
export function nestPath(path: string): string {
  return path.replace(/^\//, '').replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
}

/**
 * Mounts a handler as the route contract says — method, path, success status, who may call it —
 * and keeps the contract on the handler for validation ({@link RouteInput}) and for the OpenAPI
 * document, so what is documented is what is served and enforced. Controllers using it have no
 * path prefix of their own.
 */
export function Endpoint(route: HttpRoute): MethodDecorator {
  return applyDecorators(
    RequestMapping({ path: nestPath(route.path), method: METHODS[route.method] }),
    HttpCode(successStatus(route)),
    route.access === 'public' ? Public() : Roles(...route.access),
    ...(route.allowMfaPending ? [AllowMfaPending()] : []),
    SetMetadata(HTTP_ROUTE, route),
  );
}

function check(schema: z.ZodType | undefined, value: unknown, errors: FieldError[]): unknown {
  if (!schema) return {};
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // Path and query parameters are named by themselves (`key`, `limit`), body fields by their path.
  errors.push(...fieldErrors(result.error));
  return undefined;
}

/**
 * The request's path parameters, query and body, each validated with the route's own schemas
 * (the handler's {@link Endpoint}): a bad request answers 400 naming every field at once.
 */
export const RouteInput = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const route = Reflect.getMetadata(HTTP_ROUTE, context.getHandler()) as HttpRoute | undefined;
  if (!route) throw new Error(`${context.getHandler().name} takes @RouteInput() but has no @Endpoint()`);
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  const errors: FieldError[] = [];
  const params = check(route.params, request.params ?? {}, errors);
  const query = check(route.query, request.query ?? {}, errors);
  const body = route.body ? check(route.body, request.body, errors) : undefined;
  if (errors.length > 0) throw ArborError.validation('invalid request', errors);
  return { params, query, body };
});
