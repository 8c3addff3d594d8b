import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  ArborError,
  ListPublicPages,
  PracticeBySlug,
  ProviderBySlug,
  SearchListing,
  SearchListingParams,
} from '@arbor/contracts';
import { Public } from '@arbor/auth';
import type { BusClient } from '@arbor/messaging';
import type { GatewayConfig } from '../gateway.config';
import { GATEWAY_BUS, GATEWAY_CONFIG } from '../gateway.tokens';
import {
  practicePath,
  providerPath,
  renderNotFoundPage,
  renderPracticePage,
  renderProviderPage,
  renderSearchPage,
  type PageContext,
  type SearchForm,
} from './pages';
import { renderRobots, renderSitemap } from './sitemap';

const PAGE_CACHE = 'public, max-age=300';
/** Results change as providers list and unlist themselves: kept only briefly. */
const SEARCH_CACHE = 'public, max-age=60';
const HTML = 'text/html; charset=utf-8';
/** 500 slugs a page, 25 000 of each kind: a sitemap file holds at most 50 000 addresses. */
const MAX_SITEMAP_PAGES = 50;

/** The form's fields as a browser sends them: an empty select or box means "any". */
const FormQuery = z.object({
  q: z.string().optional(),
  specialty: z.string().optional(),
  language: z.string().optional(),
  state: z.string().optional(),
  providerType: z.string().optional(),
  cursor: z.string().optional(),
});

const given = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value);

/**
 * The public directory as server-rendered HTML for search engines and people without JavaScript
 * (outside `/api`, so the web app's fallback never answers these paths: they are routes).
 */
@Controller()
@Public()
export class DirectoryPagesController {
  private readonly context: PageContext;

  constructor(
    @Inject(GATEWAY_BUS) private readonly bus: BusClient,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    // The first configured web origin is the public one (links in emails point there too).
    this.context = { origin: config.webOrigins[0] ?? '' };
  }

  @Get('directory')
  async search(@Query() query: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    void reply.type(HTML).header('cache-control', SEARCH_CACHE);
    const raw = FormQuery.safeParse(query);
    const fields = raw.success ? raw.data : {};
    const form: SearchForm = {
      q: given(fields.q),
      specialty: given(fields.specialty),
      language: given(fields.language),
      state: given(fields.state),
      providerType: given(fields.providerType),
    };
    const params = SearchListingParams.safeParse({ ...form, cursor: given(fields.cursor), limit: 20 });
    if (!raw.success || !params.success) {
      void reply.status(400);
      const errors = params.success
        ? ['Give each field once.']
        : params.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}.`);
      return renderSearchPage(this.context, form, { errors });
    }
    try {
      return renderSearchPage(this.context, form, await this.bus.send(SearchListing, params.data));
    } catch (error) {
      if (!(error instanceof ArborError) || error.code !== 'validation_failed') throw error;
      void reply.status(400);
      return renderSearchPage(this.context, form, {
        errors: ['This page of results is no longer available.'],
      });
    }
  }

  @Get('directory/providers/:slug')
  provider(@Param('slug') slug: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return this.page(reply, slug, async (s) =>
      renderProviderPage(this.context, await this.bus.send(ProviderBySlug, { slug: s })),
    );
  }

  @Get('directory/practices/:slug')
  practice(@Param('slug') slug: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return this.page(reply, slug, async (s) =>
      renderPracticePage(this.context, await this.bus.send(PracticeBySlug, { slug: s })),
    );
  }

  @Get('sitemap.xml')
  async sitemap(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    void reply.type('application/xml; charset=utf-8').header('cache-control', PAGE_CACHE);
    const [providers, practices] = await Promise.all([
      this.publicSlugs('provider'),
      this.publicSlugs('practice'),
    ]);
    return renderSitemap(this.context.origin, [
      '/directory',
      ...providers.map(providerPath),
      ...practices.map(practicePath),
    ]);
  }

  @Get('robots.txt')
  robots(@Res({ passthrough: true }) reply: FastifyReply): string {
    void reply.type('text/plain; charset=utf-8').header('cache-control', PAGE_CACHE);
    return renderRobots(this.context.origin);
  }

  /** Every public page's slug of one kind, page by page (bounded, see MAX_SITEMAP_PAGES). */
  private async publicSlugs(kind: 'provider' | 'practice'): Promise<string[]> {
    const slugs: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < MAX_SITEMAP_PAGES; page += 1) {
      const result = await this.bus.send(ListPublicPages, { kind, limit: 500, ...(after ? { after } : {}) });
      slugs.push(...result.slugs);
      if (result.nextAfter === null) break;
      after = result.nextAfter;
    }
    return slugs;
  }

  /** A profile page, or the 404 page when the slug is unknown, unlisted or not a slug at all. */
  private async page(
    reply: FastifyReply,
    slug: string,
    render: (slug: string) => Promise<string>,
  ): Promise<string> {
    void reply.type(HTML);
    if (slug.length > 200) return this.notFound(reply);
    try {
      const page = await render(slug);
      void reply.header('cache-control', PAGE_CACHE);
      return page;
    } catch (error) {
      if (error instanceof ArborError && error.code === 'not_found') return this.notFound(reply);
      throw error;
    }
  }

  private notFound(reply: FastifyReply): string {
    // Never kept: a profile published a moment later must not stay a 404 (as the API's 404s).
    void reply.status(404).header('cache-control', 'no-store');
    return renderNotFoundPage(this.context);
  }
}
