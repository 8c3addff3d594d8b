import type { PublicPractice, PublicProvider } from '@arbor/contracts';
import {
  renderNotFoundPage,
  renderPracticePage,
  renderProviderPage,
  renderSearchPage,
  summary,
} from './pages';
import { renderRobots, renderSitemap } from './sitemap';

const context = { origin: 'https://arbor.example' };

const provider: PublicProvider = {
  slug: 'dana-reyes',
  displayName: 'Dana Reyes',
  providerType: { key: 'licensed_clinical_social_worker', other: null },
  introduction: 'I help with <script>alert(1)</script> and </script><b>breakouts</b>.',
  specialties: ['Anxiety', 'Grief and Loss'],
  education: [{ degree: 'MSW', school: 'Columbia University', year: 2012 }],
  licenses: [{ type: 'LCSW', state: 'NY', number: null, expiresOn: '2030-01-31' }],
  languages: ['en', 'es'],
  practice: { slug: 'riverside', name: 'Riverside Counseling' },
};

const practice: PublicPractice = {
  slug: 'riverside',
  name: 'Riverside "Counseling" & Co',
  description: 'Telehealth therapy.',
  address: { line1: '1 Main St', city: 'Albany', state: 'NY', postalCode: '12207', country: 'US' },
  phone: '+1 518 555 0100',
  website: 'https://riverside.example',
  providers: [{ slug: 'dana-reyes', displayName: 'Dana Reyes' }],
};

function ldOf(page: string): Record<string, unknown> {
  const blocks = [...page.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
  expect(blocks).toHaveLength(1);
  return JSON.parse(blocks[0]![1]!) as Record<string, unknown>;
}

describe('the provider page', () => {
  const page = renderProviderPage(context, provider);

  it('shows an introduction holding <script> as text, never as markup', () => {
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>alert(1)');
    expect(page).not.toContain('<b>breakouts');
    // The head's JSON-LD is the page's only script element.
    expect(page.match(/<script/g)).toHaveLength(1);
  });

  it('describes the provider as a schema.org Person whose JSON-LD parses whatever the text holds', () => {
    const ld = ldOf(page);
    expect(ld).toMatchObject({
      '@type': 'Person',
      name: 'Dana Reyes',
      jobTitle: 'Licensed clinical social worker',
      url: 'https://arbor.example/directory/providers/dana-reyes',
      description: provider.introduction,
      knowsLanguage: [
        { '@type': 'Language', name: 'English' },
        { '@type': 'Language', name: 'Spanish' },
      ],
      hasCredential: [{ '@type': 'EducationalOccupationalCredential', name: 'LCSW' }],
      alumniOf: [{ '@type': 'EducationalOrganization', name: 'Columbia University' }],
      worksFor: { '@type': 'MedicalBusiness', name: 'Riverside Counseling' },
    });
    expect(JSON.stringify(ld)).not.toContain('identifier');
  });

  it('has the head a search engine reads: lang, title, description, canonical, OpenGraph, viewport', () => {
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<title>Dana Reyes, Licensed clinical social worker | Arbor Directory</title>');
    expect(page).toMatch(/<meta name="description" content="I help with &lt;script&gt;/);
    expect(page).toContain(
      '<link rel="canonical" href="https://arbor.example/directory/providers/dana-reyes" />',
    );
    expect(page).toContain('<meta property="og:type" content="profile" />');
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1" />');
    expect(page).toContain('<main id="main">');
  });

  it('shows a license number only when the directory gave one (the provider chose so)', () => {
    const shown = renderProviderPage(context, {
      ...provider,
      licenses: [{ ...provider.licenses[0]!, number: 'LC-1234' }],
    });
    expect(shown).toContain('number LC-1234');
    expect(page).not.toContain('number ');
  });
});

describe('the practice page', () => {
  const page = renderPracticePage(context, practice);

  it('is a MedicalBusiness with its address, and escapes its name in the title and the heading', () => {
    expect(ldOf(page)).toMatchObject({
      '@type': 'MedicalBusiness',
      name: 'Riverside "Counseling" & Co',
      address: { '@type': 'PostalAddress', addressLocality: 'Albany', addressRegion: 'NY' },
      employee: [{ '@type': 'Person', name: 'Dana Reyes' }],
    });
    expect(page).toContain('<h1>Riverside &quot;Counseling&quot; &amp; Co</h1>');
    expect(page).toContain('href="/directory/providers/dana-reyes"');
  });
});

describe('the search page', () => {
  it('is a GET form whose every field has a label, showing back what was asked', () => {
    const page = renderSearchPage(
      context,
      { q: '"><x', state: 'NY' },
      { items: [provider], nextCursor: 'abc' },
    );
    expect(page).toContain('<form method="get" action="/directory"');
    for (const name of ['q', 'specialty', 'language', 'state', 'providerType']) {
      expect(page).toMatch(new RegExp(`<label\\s*>[^<]+<(input|select)[^>]* name="${name}"`));
    }
    expect(page).toContain('value="&quot;&gt;&lt;x"');
    expect(page).toMatch(/<option value="NY"\s+selected>/);
    expect(page).toContain('href="/directory/providers/dana-reyes"');
    expect(page).toContain('href="/directory?q=%22%3E%3Cx&amp;state=NY&amp;cursor=abc" rel="next"');
  });

  it('names what was wrong with the search instead of results', () => {
    const page = renderSearchPage(context, { state: 'ZZ' }, { errors: ['state: must be a state.'] });
    expect(page).toContain('role="alert">state: must be a state.</p>');
  });
});

describe('the 404 page', () => {
  it('says the page is not in the directory and asks not to be indexed', () => {
    const page = renderNotFoundPage(context);
    expect(page).toContain('<h1>Not in the directory</h1>');
    expect(page).toContain('<meta name="robots" content="noindex" />');
  });
});

describe('summary', () => {
  it('cuts a long text at a word, on one line', () => {
    const text = `${'word '.repeat(60)}\nend`;
    const cut = summary(text, 'x');
    expect(cut.length).toBeLessThanOrEqual(155);
    expect(cut).toMatch(/word…$/);
    expect(summary(null, 'fallback')).toBe('fallback');
  });
});

describe('the sitemap and robots.txt', () => {
  it('lists each page on the public origin, XML-escaped', () => {
    const xml = renderSitemap('https://arbor.example', ['/directory', '/directory/providers/a&b']);
    expect(xml).toContain('<loc>https://arbor.example/directory</loc>');
    expect(xml).toContain('<loc>https://arbor.example/directory/providers/a&amp;b</loc>');
  });

  it('lets search engines into the directory only, and names the sitemap', () => {
    const robots = renderRobots('https://arbor.example');
    expect(robots).toContain('Allow: /directory\n');
    expect(robots).toContain('Disallow: /api/\n');
    expect(robots).toContain('Sitemap: https://arbor.example/sitemap.xml');
  });
});
