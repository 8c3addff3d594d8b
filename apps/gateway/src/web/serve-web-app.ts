import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Vite names every file under assets/ by its content's hash: a new build is a new name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else keeps its name from build to build, so the browser asks again each time. */
const REVALIDATE = 'no-cache';
/** The API and its docs: never answered with the web app, however unknown the path. */
const API_PREFIX = /^\/api(?:[/?]|$)/;
/** A hashed file a build no longer has: a 404, not the page parsed as a script. */
const ASSETS_PREFIX = /^\/assets\//;
/**
 * The public directory's server-rendered pages: a path under it that no page answers is a 404,
 * never the web app's page with a 200 (a search engine would index it as a page).
 */
const DIRECTORY_PREFIX = /^\/directory\//;

/**
 * Serves the web app's build (`vite build` → dist/web) from the gateway, on the API's own origin:
 * one route per built file (`wildcard: false`, so nothing outside the build can be asked for),
 * hashed assets cached for good, the rest revalidated. A GET or HEAD of any other path outside
 * `/api` is one of the app's own routes (e.g. `/clients/abc` after a reload or from a link), so it
 * answers index.html and the app's router takes over.
 *
 * Register it after the gateway's own `onRequest` hooks that answer unmatched requests (the 405
 * for a known API path asked with another method), so those still answer first.
 */
export async function serveWebApp(fastify: FastifyInstance, webRoot: string): Promise<void> {
  const root = path.resolve(webRoot);
  if (!existsSync(path.join(root, 'index.html'))) {
    throw new Error(`the web app folder ${root} has no index.html: build it (dist/web) or unset webRoot`);
  }
  const assets = path.join(root, 'assets') + path.sep;
  // Loaded only by a gateway that serves the web app: it requires content-disposition, an ES
  // module, which Jest's CommonJS runtime cannot load untransformed, so the API-only gateway (and
  // every test of it) never touches it. Node itself requires ES modules since 20.19.
  const { default: fastifyStatic } = await import('@fastify/static');
  await fastify.register(fastifyStatic, {
    root,
    wildcard: false,
    // Headers are ours (setHeaders), per file: send's defaults would give every file one max-age.
    cacheControl: false,
    // A page load is a dozen files: log their requests only when something goes wrong.
    logLevel: 'warn',
    setHeaders: (reply: FastifyReply, file: string) => {
      void reply.header('cache-control', file.startsWith(assets) ? IMMUTABLE : REVALIDATE);
    },
  });

  fastify.addHook('onRequest', async (request, reply) => {
    if (!request.is404 || (request.method !== 'GET' && request.method !== 'HEAD')) return;
    if (API_PREFIX.test(request.url) || ASSETS_PREFIX.test(request.url) || DIRECTORY_PREFIX.test(request.url))
      return;
    // The reply is a thenable that settles once the file is sent, so no later hook (nor the
    // not-found handler) runs for this request.
    return reply.sendFile('index.html');
  });
}
