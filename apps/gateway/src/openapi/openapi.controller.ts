import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Controller, Get, Header, type OnModuleInit, type Type } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Public } from '@arbor/auth';
import { buildOpenApiDocument } from './openapi.document';
import { routeTable } from './route-table';

export const API_VERSION = '1.0.0';

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

/** `/api/openapi.json` (OpenAPI 3.1, built from the routes' contracts) and the `/api/docs` page. */
@Controller('api')
@Public()
export class OpenApiController implements OnModuleInit {
  private document: Record<string, unknown> = {};
  private readonly assets = new Map<string, string>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    const controllers = this.discovery
      .getControllers()
      .map((wrapper) => wrapper.metatype as Type | null)
      .filter((metatype): metatype is Type => Boolean(metatype));
    const contracts = routeTable(controllers).flatMap((entry) => (entry.contract ? [entry.contract] : []));
    this.document = buildOpenApiDocument(contracts, API_VERSION);
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
