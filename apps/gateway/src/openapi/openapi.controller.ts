import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Controller, Get, Header, type OnModuleInit, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { Public, PUBLIC_ROUTE } from '@arbor/auth';
import { API_DOC, type ApiDoc } from './api-doc.decorator';
import { buildOpenApiDocument, type DocumentedRoute } from './openapi.document';

const API_VERSION = '1.0.0';

/** Swagger UI is served from the installed package: the docs page works without the internet. */
function swaggerAsset(file: string): string {
  return readFileSync(path.join(path.dirname(require.resolve('swagger-ui-dist/package.json')), file), 'utf8');
}

const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Arbor API</title>
  <link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/api/docs/swagger-ui-bundle.js"></script>
  <script src="/api/docs/init.js"></script>
</body>
</html>`;

// A separate file rather than an inline script, so the strict Content-Security-Policy holds here too.
const DOCS_INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });`;

/** `/api/openapi.json` (OpenAPI 3.1, built from the routes' own zod schemas) and the `/api/docs` page. */
@Controller('api')
@Public()
export class OpenApiController implements OnModuleInit {
  private document: Record<string, unknown> = {};
  private readonly assets = new Map<string, string>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onModuleInit(): void {
    const routes: DocumentedRoute[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const instance = wrapper.instance as object | undefined;
      const metatype = wrapper.metatype as object | null;
      if (!instance || !metatype) continue;
      const prefix = (Reflect.getMetadata(PATH_METADATA, metatype) as string | undefined) ?? '';
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = (prototype as Record<string, unknown>)[name] as object;
        const doc = Reflect.getMetadata(API_DOC, handler) as ApiDoc | undefined;
        if (!doc) continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
        const route = (Reflect.getMetadata(PATH_METADATA, handler) as string | undefined) ?? '';
        const isPublic = Boolean(
          Reflect.getMetadata(PUBLIC_ROUTE, handler) ?? Reflect.getMetadata(PUBLIC_ROUTE, metatype),
        );
        routes.push({ method, path: `${prefix}/${route}`, doc, isPublic });
      }
    }
    routes.sort((a, b) => a.path.localeCompare(b.path));
    this.document = buildOpenApiDocument(routes, API_VERSION);
  }

  @Get('openapi.json')
  openapi(): Record<string, unknown> {
    return this.document;
  }

  @Get('docs')
  @Header('content-type', 'text/html; charset=utf-8')
  docs(): string {
    return DOCS_PAGE;
  }

  @Get('docs/init.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  docsInit(): string {
    return DOCS_INIT;
  }

  @Get('docs/swagger-ui.css')
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('cache-control', 'public, max-age=86400')
  docsCss(): string {
    return this.asset('swagger-ui.css');
  }

  @Get('docs/swagger-ui-bundle.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'public, max-age=86400')
  docsBundle(): string {
    return this.asset('swagger-ui-bundle.js');
  }

  private asset(file: string): string {
    let content = this.assets.get(file);
    if (content === undefined) {
      content = swaggerAsset(file);
      this.assets.set(file, content);
    }
    return content;
  }
}
