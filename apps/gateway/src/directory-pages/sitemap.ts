import { escapeXml } from './html';

/** `/sitemap.xml`: each public page's absolute address on the public origin. */
export function renderSitemap(origin: string, paths: readonly string[]): string {
  const urls = paths.map((path) => `<url><loc>${escapeXml(`${origin}${path}`)}</loc></url>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`;
}

/** The directory is for search engines; the API and the signed-in app are not. */
export function renderRobots(origin: string): string {
  return [
    'User-agent: *',
    'Allow: /directory',
    'Allow: /sitemap.xml',
    'Disallow: /api/',
    'Disallow: /',
    '',
    `Sitemap: ${origin}/sitemap.xml`,
    '',
  ].join('\n');
}
