import type { INestApplicationContext, Type } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { ALLOW_MFA_PENDING, PUBLIC_ROUTE, ROUTE_ROLES } from '@arbor/auth';
import type { HttpRoute, Role } from '@arbor/contracts';
import { HTTP_ROUTE } from './endpoint.decorator';

/** One route the gateway serves, as its NestJS metadata says (what the guard and router act on). */
export interface RouteTableEntry {
  readonly method: string;
  /** NestJS style, from the root: `/api/v1/practices/:pid/staff`. */
  readonly path: string;
  readonly handler: string;
  readonly isPublic: boolean;
  /** `undefined`: no `@Roles()` (any signed-in role may call it, unless it is public). */
  readonly roles: readonly Role[] | undefined;
  readonly allowMfaPending: boolean;
  /** The route contract of an `@Endpoint()`; `undefined` for a route mounted some other way. */
  readonly contract: HttpRoute | undefined;
}

function joinPath(...parts: Array<string | undefined>): string {
  const joined = parts
    .flatMap((part) => (part ?? '').split('/'))
    .filter((segment) => segment !== '')
    .join('/');
  return `/${joined}`;
}

function metadataOf<T>(key: string, handler: object, controller: Type): T | undefined {
  return (
    (Reflect.getMetadata(key, handler) as T | undefined) ??
    (Reflect.getMetadata(key, controller) as T | undefined)
  );
}

/**
 * Every route of these controllers, read from their metadata alone (no instance, no broker): the
 * OpenAPI document, the authorization matrix and the contract checks all start from this.
 */
export function routeTable(controllers: readonly Type[]): RouteTableEntry[] {
  const scanner = new MetadataScanner();
  const entries: RouteTableEntry[] = [];
  for (const controller of controllers) {
    const prefix = Reflect.getMetadata(PATH_METADATA, controller) as string | undefined;
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as object;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      const route = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (method === undefined || route === undefined) continue;
      for (const path of Array.isArray(route) ? route : [route]) {
        entries.push({
          method: RequestMethod[method],
          path: joinPath(prefix, path),
          handler: `${controller.name}.${name}`,
          isPublic: Boolean(metadataOf<boolean>(PUBLIC_ROUTE, handler, controller)),
          roles: metadataOf<Role[]>(ROUTE_ROLES, handler, controller),
          allowMfaPending: Boolean(metadataOf<boolean>(ALLOW_MFA_PENDING, handler, controller)),
          contract: Reflect.getMetadata(HTTP_ROUTE, handler) as HttpRoute | undefined,
        });
      }
    }
  }
  return entries.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** The route table of a running (or merely initialised) gateway, fixture routes included. */
export function routeTableOf(app: INestApplicationContext): RouteTableEntry[] {
  const controllers = app
    .get(DiscoveryService)
    .getControllers()
    .map((wrapper) => wrapper.metatype as Type | null)
    .filter((metatype): metatype is Type => Boolean(metatype));
  return routeTable(controllers);
}
