import {
  ISO_639_1,
  ProviderTypeKey,
  SPECIALTIES,
  US_STATES,
  type ProviderType,
  type PublicPractice,
  type PublicProvider,
} from '@arbor/contracts';
import { html, jsonLd, type SafeHtml } from './html';

/** Where the pages link to themselves: the public origin, never the Host a request came with. */
export interface PageContext {
  readonly origin: string;
}

/** What `/directory`'s form was given, each as typed (shown back in the form). */
export interface SearchForm {
  readonly q?: string;
  readonly specialty?: string;
  readonly language?: string;
  readonly state?: string;
  readonly providerType?: string;
}

export interface SearchResults {
  readonly items: readonly PublicProvider[];
  readonly nextCursor: string | null;
}

const LANGUAGES = new Intl.DisplayNames(['en'], { type: 'language' });

export const providerPath = (slug: string) => `/directory/providers/${encodeURIComponent(slug)}`;
export const practicePath = (slug: string) => `/directory/practices/${encodeURIComponent(slug)}`;

export function languageName(code: string): string {
  return LANGUAGES.of(code) ?? code;
}

export function providerTypeName(type: ProviderType | null): string | null {
  if (!type) return null;
  if (type.key === 'other') return type.other;
  const words = type.key.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A meta description: the first words of the text, on one line, at most ~155 characters. */
export function summary(text: string | null, fallback: string): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  if (!flat) return fallback;
  return flat.length <= 155 ? flat : `${flat.slice(0, 154).replace(/\s+\S*$/, '')}…`;
}

const STYLE = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font:1rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f7f8fa}
header,main,footer{max-width:48rem;margin:0 auto;padding:1rem}
header{display:flex;justify-content:space-between;align-items:center}
header a{color:#1b1f24;font-weight:700;text-decoration:none}
a{color:#0b5cad}
h1{font-size:1.75rem;line-height:1.25;margin:.5rem 0}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
.card{background:#fff;border:1px solid #d8dde3;border-radius:.5rem;padding:1rem;margin:0 0 1rem}
.intro{white-space:pre-line;overflow-wrap:anywhere}
form{display:grid;gap:.75rem;grid-template-columns:repeat(auto-fit,minmax(13rem,1fr))}
label{display:flex;flex-direction:column;font-weight:600;font-size:.9rem}
input,select,button{font:inherit;padding:.5rem;border:1px solid #8a939d;border-radius:.375rem;margin-top:.25rem;min-height:2.75rem}
button{background:#0b5cad;color:#fff;border-color:#0b5cad;font-weight:600;cursor:pointer}
ul.results{list-style:none;padding:0}
.muted{color:#4a535c}
.error{color:#a1122a;font-weight:600}
footer{color:#4a535c;font-size:.875rem}
`;

interface Head {
  readonly title: string;
  readonly description: string;
  /** The page's path on the public origin; absent on the 404 page (nothing to canonicalise). */
  readonly path?: string;
  readonly type?: 'website' | 'profile';
  readonly structured?: unknown;
  readonly noindex?: boolean;
}

function layout(context: PageContext, head: Head, body: SafeHtml): string {
  const url = head.path === undefined ? undefined : `${context.origin}${head.path}`;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${head.title}</title>
        <meta name="description" content="${head.description}" />
        ${head.noindex ? html`<meta name="robots" content="noindex" />` : ''}
        ${url ? html`<link rel="canonical" href="${url}" />` : ''}
        <meta property="og:title" content="${head.title}" />
        <meta property="og:description" content="${head.description}" />
        <meta property="og:type" content="${head.type ?? 'website'}" />
        ${url ? html`<meta property="og:url" content="${url}" />` : ''}
        <meta property="og:site_name" content="Arbor Directory" />
        <style>
          ${STYLE}
        </style>
        ${head.structured === undefined ? '' : jsonLd(head.structured)}
      </head>
      <body>
        <header><a href="/directory">Arbor Directory</a></header>
        <main id="main">${body}</main>
        <footer>
          <p>Providers listed here chose to be found. <a href="/directory">Search the directory</a></p>
        </footer>
      </body>
    </html> `.value;
}

function options(values: readonly (readonly [string, string])[], chosen: string | undefined, any: string) {
  return html`<option value="">${any}</option>
    ${values.map(
      ([value, label]) =>
        html`<option value="${value}" ${value === chosen ? html` selected` : ''}>${label}</option>`,
    )}`;
}

function providerCard(provider: PublicProvider): SafeHtml {
  const type = providerTypeName(provider.providerType);
  return html`<li class="card">
    <h2><a href="${providerPath(provider.slug)}">${provider.displayName}</a></h2>
    ${type ? html`<p>${type}</p>` : ''}
    ${provider.practice.name ? html`<p class="muted">${provider.practice.name}</p>` : ''}
    ${provider.specialties.length ? html`<p>${provider.specialties.join(', ')}</p>` : ''}
  </li>`;
}

/** `/directory`: the search form (a GET, so it works without JavaScript) and a page of results. */
export function renderSearchPage(
  context: PageContext,
  form: SearchForm,
  results: SearchResults | { readonly errors: readonly string[] },
): string {
  const fields = Object.entries(form).filter(([, value]) => value) as Array<[string, string]>;
  const next =
    'items' in results && results.nextCursor
      ? `/directory?${new URLSearchParams([...fields, ['cursor', results.nextCursor]]).toString()}`
      : null;
  const body = html`<h1>Find a provider</h1>
    <form method="get" action="/directory" role="search" aria-label="Search the directory">
      <label
        >Name, specialty or words<input type="search" name="q" value="${form.q ?? ''}" maxlength="200"
      /></label>
      <label
        >Specialty<select name="specialty">
          ${options(
            SPECIALTIES.map((s) => [s, s] as const),
            form.specialty,
            'Any specialty',
          )}
        </select></label
      >
      <label
        >Language<select name="language">
          ${options(
            ISO_639_1.map((code) => [code, languageName(code)] as const).sort((a, b) =>
              a[1].localeCompare(b[1]),
            ),
            form.language,
            'Any language',
          )}
        </select></label
      >
      <label
        >State<select name="state">
          ${options(
            US_STATES.map((s) => [s, s] as const),
            form.state,
            'Any state',
          )}
        </select></label
      >
      <label
        >Provider type<select name="providerType">
          ${options(
            ProviderTypeKey.options.map(
              (key) => [key, providerTypeName({ key, other: 'Other' }) ?? key] as const,
            ),
            form.providerType,
            'Any type',
          )}
        </select></label
      >
      <button type="submit">Search</button>
    </form>
    <section aria-labelledby="results-heading">
      <h2 id="results-heading">Results</h2>
      ${
        'errors' in results
          ? html`<p class="error" role="alert">${results.errors.join(' ')}</p>`
          : results.items.length === 0
            ? html`<p>No provider matches this search.</p>`
            : html`<ul class="results">
                ${results.items.map(providerCard)}
              </ul>`
      }
      ${next ? html`<nav aria-label="Result pages"><a href="${next}" rel="next">Next page</a></nav>` : ''}
    </section>`;
  return layout(
    context,
    {
      title: 'Find a telehealth provider | Arbor Directory',
      description:
        'Search telehealth therapists and counselors by name, specialty, language, state and provider type.',
      path: '/directory',
      // A page of results for some words is not a page for search engines; the bare form is.
      noindex: fields.length > 0,
    },
    body,
  );
}

/** schema.org's Person for a provider: only what the public page shows. */
export function providerStructuredData(
  context: PageContext,
  provider: PublicProvider,
): Record<string, unknown> {
  const type = providerTypeName(provider.providerType);
  return {
    '@context': 'https://schema.org',
    '@type': 'Person',
    name: provider.displayName,
    url: `${context.origin}${providerPath(provider.slug)}`,
    ...(type ? { jobTitle: type } : {}),
    ...(provider.introduction ? { description: provider.introduction } : {}),
    knowsAbout: provider.specialties,
    knowsLanguage: provider.languages.map((code) => ({
      '@type': 'Language',
      name: languageName(code),
      alternateName: code,
    })),
    hasCredential: provider.licenses.map((license) => ({
      '@type': 'EducationalOccupationalCredential',
      credentialCategory: 'license',
      name: license.type,
      recognizedBy: { '@type': 'State', name: license.state },
      expires: license.expiresOn,
      ...(license.number ? { identifier: license.number } : {}),
    })),
    alumniOf: provider.education.map((entry) => ({ '@type': 'EducationalOrganization', name: entry.school })),
    ...(provider.practice.name
      ? {
          worksFor: {
            '@type': 'MedicalBusiness',
            name: provider.practice.name,
            ...(provider.practice.slug
              ? { url: `${context.origin}${practicePath(provider.practice.slug)}` }
              : {}),
          },
        }
      : {}),
  };
}

/** A titled list, left out while it has nothing to list (a search engine reads no empty heading). */
function listSection(id: string, heading: string, items: readonly SafeHtml[]): SafeHtml | '' {
  if (items.length === 0) return '';
  return html`<section aria-labelledby="${id}">
    <h2 id="${id}">${heading}</h2>
    <ul>
      ${items}
    </ul>
  </section>`;
}

export function renderProviderPage(context: PageContext, provider: PublicProvider): string {
  const type = providerTypeName(provider.providerType);
  const practice = provider.practice;
  const body = html`<article>
    <h1>${provider.displayName}</h1>
    ${type ? html`<p>${type}</p>` : ''}
    ${
      practice.name
        ? html`<p>
            ${practice.slug ? html`<a href="${practicePath(practice.slug)}">${practice.name}</a>` : practice.name}
          </p>`
        : ''
    }
    ${
      provider.introduction
        ? html`<section aria-labelledby="about">
            <h2 id="about">About</h2>
            <p class="intro">${provider.introduction}</p>
          </section>`
        : ''
    }
    ${listSection(
      'specialties',
      'Specialties',
      provider.specialties.map((s) => html`<li>${s}</li>`),
    )}
    ${listSection(
      'languages',
      'Languages',
      provider.languages.map((code) => html`<li lang="${code}">${languageName(code)}</li>`),
    )}
    ${listSection(
      'education',
      'Education',
      provider.education.map((e) => html`<li>${e.degree}, ${e.school} (${e.year})</li>`),
    )}
    ${listSection(
      'licenses',
      'Licenses',
      provider.licenses.map(
        (l) =>
          html`<li>
            ${l.type}, ${l.state}${l.number ? html` — number ${l.number}` : ''}; valid until ${l.expiresOn}
          </li>`,
      ),
    )}
  </article>`;
  return layout(
    context,
    {
      title: `${provider.displayName}${type ? `, ${type}` : ''} | Arbor Directory`,
      description: summary(
        provider.introduction,
        `${provider.displayName}${type ? `, ${type}` : ''}, in the Arbor directory.`,
      ),
      path: providerPath(provider.slug),
      type: 'profile',
      structured: providerStructuredData(context, provider),
    },
    body,
  );
}

export function practiceStructuredData(
  context: PageContext,
  practice: PublicPractice,
): Record<string, unknown> {
  const address = practice.address;
  return {
    '@context': 'https://schema.org',
    '@type': 'MedicalBusiness',
    name: practice.name,
    url: `${context.origin}${practicePath(practice.slug)}`,
    ...(practice.description ? { description: practice.description } : {}),
    ...(practice.phone ? { telephone: practice.phone } : {}),
    ...(practice.website ? { sameAs: practice.website } : {}),
    ...(address
      ? {
          address: {
            '@type': 'PostalAddress',
            streetAddress: [address.line1, address.line2].filter(Boolean).join(', '),
            addressLocality: address.city,
            addressRegion: address.state,
            postalCode: address.postalCode,
            addressCountry: address.country,
          },
        }
      : {}),
    employee: practice.providers.map((p) => ({
      '@type': 'Person',
      name: p.displayName,
      url: `${context.origin}${providerPath(p.slug)}`,
    })),
  };
}

export function renderPracticePage(context: PageContext, practice: PublicPractice): string {
  const address = practice.address;
  const body = html`<article>
    <h1>${practice.name}</h1>
    ${practice.description ? html`<p class="intro">${practice.description}</p>` : ''}
    <section aria-labelledby="contact">
      <h2 id="contact">Contact</h2>
      ${address ? html`<address>${address.line1}${address.line2 ? html`<br />${address.line2}` : ''}<br />${address.city}, ${address.state} ${address.postalCode}</address>` : ''}
      ${practice.phone ? html`<p>Phone: <a href="tel:${practice.phone.replace(/[^0-9+]/g, '')}">${practice.phone}</a></p>` : ''}
      ${practice.website && /^https?:\/\//i.test(practice.website) ? html`<p>Website: <a href="${practice.website}" rel="nofollow noopener">${practice.website}</a></p>` : ''}
    </section>
    ${
      practice.providers.length
        ? html`<section aria-labelledby="providers">
            <h2 id="providers">Providers</h2>
            <ul>
              ${practice.providers.map((p) => html`<li><a href="${providerPath(p.slug)}">${p.displayName}</a></li>`)}
            </ul>
          </section>`
        : ''
    }
  </article>`;
  return layout(
    context,
    {
      title: `${practice.name} | Arbor Directory`,
      description: summary(practice.description, `${practice.name}, a practice in the Arbor directory.`),
      path: practicePath(practice.slug),
      structured: practiceStructuredData(context, practice),
    },
    body,
  );
}

export function renderNotFoundPage(context: PageContext): string {
  return layout(
    context,
    {
      title: 'Not in the directory | Arbor Directory',
      description: 'This page is not in the directory.',
      noindex: true,
    },
    html`<h1>Not in the directory</h1>
      <p>
        No provider or practice is listed at this address. <a href="/directory">Search the directory</a>
      </p>`,
  );
}
