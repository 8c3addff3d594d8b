import { applyDecorators } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { WEBHOOK_MAX_BODY_BYTES } from '@arbor/contracts';

/** The route-config flag (Fastify's per-route `config`) of a route that needs its body's exact bytes. */
const RAW_BODY = 'arborRawBody';

type Done = (error: Error | null, body?: unknown) => void;
type BodyParser = (request: FastifyRequest, body: Buffer, done: Done) => void;

const rawBodies = new WeakMap<FastifyRequest, Buffer>();

function takesRawBody(config: unknown): boolean {
  return (
    typeof config === 'object' && config !== null && (config as Record<string, unknown>)[RAW_BODY] === true
  );
}

/**
 * Marks a handler that needs the request's body exactly as sent (a processor signs the bytes, and
 * no parsed-then-serialised JSON is byte-for-byte the same), and caps that body at
 * {@link WEBHOOK_MAX_BODY_BYTES}: these routes are public, and no processor sends more.
 */
export function TakesRawBody(): MethodDecorator {
  return applyDecorators(RouteConfig({ [RAW_BODY]: true }));
}

/**
 * Wraps the gateway's JSON parser: on a {@link TakesRawBody} route the bytes are kept beside the
 * parsed body (which the route's schema still validates); on every other route nothing changes.
 */
export function keepingRawBody(parse: BodyParser): BodyParser {
  return (request, body, done) => {
    if (takesRawBody(request.routeOptions.config)) rawBodies.set(request, body);
    parse(request, body, done);
  };
}

/**
 * Gives each {@link TakesRawBody} route its own, smaller body limit (Fastify answers 413 past it).
 * Registered before the routes are.
 */
export function limitRawBodyRoutes(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    if (takesRawBody(route.config)) route.bodyLimit = WEBHOOK_MAX_BODY_BYTES;
  });
}

/** The exact bytes of a {@link TakesRawBody} route's body. */
export function rawBodyOf(request: FastifyRequest): Buffer {
  const body = rawBodies.get(request);
  if (!body) throw new Error('no raw body kept: is the route marked @TakesRawBody()?');
  return body;
}
