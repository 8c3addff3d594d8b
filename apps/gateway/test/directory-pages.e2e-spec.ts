// Real: identity, service-enablement and directory as built apps in their own processes, each
// with its own database; the gateway in this process serving the built web app too (so the
// pages are seen beside the app's fallback, as in production); RabbitMQ; Debian's chromium.
// Faked: nothing.
import { eventually } from '@arbor/testing';
import { inviteProvider, signUpAsAdmin } from './identity-helpers';
import { platformWithBrowser } from './web/web-platform';
import { accessibilityViolations, describeViolations, VIEWPORTS } from './web/browser';

const PASSWORD = 'maple-syrup-on-tuesdays';
const INTRODUCTION = 'I help adults through anxiety. <script>alert(1)</script> </script><b>& more</b>';

const patProfile = {
  displayName: 'Pat Quiñones',
  providerType: { key: 'licensed_clinical_social_worker', other: null },
  introduction: INTRODUCTION,
  specialties: { curated: ['Anxiety'], free: ['Grief in migration'] },
  education: [{ degree: 'MSW', school: 'Rutgers University', year: 2012 }],
  licenses: [
    { type: 'LCSW', state: 'NJ', number: 'NJ-44123', expiresOn: '2030-06-30', numberPublic: true },
    { type: 'LCSW', state: 'PA', number: 'PA-HIDDEN-555', expiresOn: '2030-06-30', numberPublic: false },
  ],
  languages: ['es', 'en'],
  listed: true,
};

const LD = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/g;

function structuredData(page: string): Array<Record<string, unknown>> {
  return [...page.matchAll(LD)].map((match) => JSON.parse(match[1] ?? '') as Record<string, unknown>);
}

describe('the public directory pages, server-rendered for search engines', () => {
  const web = platformWithBrowser('directory-pages', ['identity', 'service-enablement', 'directory']);
  const slugs = { pat: '', quinn: '', practice: '', birch: '' };
  const get = (path: string) => fetch(`${web.platform.webOrigin}${path}`);

  beforeAll(async () => {
    const { api } = web.platform;
    const admin = await signUpAsAdmin(api, 'Maple Counselling', 'ada@maple.test', PASSWORD);
    const pat = await inviteProvider(api, admin, {
      name: 'Pat',
      email: 'pat@maple.test',
      password: PASSWORD,
    });
    const quinn = await inviteProvider(api, admin, {
      name: 'Quinn',
      email: 'quinn@maple.test',
      password: PASSWORD,
    });
    const profilePath = (uid: string) => `/practices/${admin.practiceId}/providers/${uid}/profile`;
    // The directory hears of each provider through identity's membership event.
    const saved = await eventually(async () => {
      const answer = await api.call('PUT', profilePath(pat.userId), {
        token: pat.accessToken,
        body: patProfile,
      });
      expect(answer.status).toBe(200);
      return answer.body;
    });
    slugs.pat = saved['slug'] as string;
    const unlisted = await eventually(async () => {
      const answer = await api.call('PUT', profilePath(quinn.userId), {
        token: quinn.accessToken,
        body: { ...patProfile, displayName: 'Quinn Unlisted', listed: false },
      });
      expect(answer.status).toBe(200);
      return answer.body;
    });
    slugs.quinn = unlisted['slug'] as string;
    const practice = await api.call('PUT', `/practices/${admin.practiceId}/profile`, {
      token: admin.adminToken,
      body: {
        name: 'Maple Counselling',
        description: 'Counselling in Newark, by video.',
        address: null,
        phone: '+1 973 555 0100',
        website: 'https://maple.test',
        listed: true,
      },
    });
    expect(practice.status).toBe(200);
    slugs.practice = practice.body['slug'] as string;
    const listing = await api.call('PATCH', `/practices/${admin.practiceId}/services/directory_listing`, {
      token: admin.adminToken,
      body: { enabled: true },
    });
    expect(listing.status).toBe(200);
    // A listed practice with no public provider still has its page, and so its sitemap entry.
    const birch = await signUpAsAdmin(api, 'Birch Therapy', 'otto@birch.test', PASSWORD);
    const birchProfile = await api.call('PUT', `/practices/${birch.practiceId}/profile`, {
      token: birch.adminToken,
      body: {
        name: 'Birch Therapy',
        description: null,
        address: null,
        phone: null,
        website: null,
        listed: true,
      },
    });
    expect(birchProfile.status).toBe(200);
    slugs.birch = birchProfile.body['slug'] as string;
    const birchListing = await api.call(
      'PATCH',
      `/practices/${birch.practiceId}/services/directory_listing`,
      {
        token: birch.adminToken,
        body: { enabled: true },
      },
    );
    expect(birchListing.status).toBe(200);
    await eventually(async () => expect((await get(`/directory/providers/${slugs.pat}`)).status).toBe(200));
    await eventually(async () => expect((await get(`/directory/practices/${slugs.birch}`)).status).toBe(200));
  });

  it("renders the provider's page with valid schema.org JSON-LD, public fields only, the introduction as text", async () => {
    const response = await get(`/directory/providers/${slugs.pat}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const page = await response.text();

    const [person, ...others] = structuredData(page);
    expect(others).toEqual([]);
    expect(person).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Person',
      name: 'Pat Quiñones',
      jobTitle: 'Licensed clinical social worker',
      description: INTRODUCTION,
      knowsLanguage: [
        { '@type': 'Language', name: 'Spanish', alternateName: 'es' },
        { '@type': 'Language', name: 'English', alternateName: 'en' },
      ],
      hasCredential: [
        { '@type': 'EducationalOccupationalCredential', name: 'LCSW', identifier: 'NJ-44123' },
        { '@type': 'EducationalOccupationalCredential', name: 'LCSW', recognizedBy: { name: 'PA' } },
      ],
      alumniOf: [{ '@type': 'EducationalOrganization', name: 'Rutgers University' }],
      worksFor: {
        '@type': 'MedicalBusiness',
        name: 'Maple Counselling',
        url: `${web.platform.webOrigin}/directory/practices/${slugs.practice}`,
      },
    });

    expect(page).toContain(
      `<link rel="canonical" href="${web.platform.webOrigin}/directory/providers/${slugs.pat}" />`,
    );
    expect(page).toContain(
      '<meta property="og:title" content="Pat Quiñones, Licensed clinical social worker',
    );
    expect(page).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt; &lt;/script&gt;&lt;b&gt;&amp; more&lt;/b&gt;',
    );
    expect(page).not.toContain('<script>alert(1)');
    expect(page).not.toContain('pat@maple.test');
    expect(page).not.toContain('PA-HIDDEN-555');
    expect(page).toContain('NJ-44123');
  });

  it("renders the practice's page as a MedicalBusiness linking to its public providers only", async () => {
    const response = await get(`/directory/practices/${slugs.practice}`);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(structuredData(page)).toEqual([
      expect.objectContaining({
        '@type': 'MedicalBusiness',
        name: 'Maple Counselling',
        telephone: '+1 973 555 0100',
        employee: [expect.objectContaining({ '@type': 'Person', name: 'Pat Quiñones' })],
      }),
    ]);
    expect(page).toContain(`href="/directory/providers/${slugs.pat}"`);
    expect(page).not.toContain('Quinn Unlisted');
  });

  it('answers an unlisted or unknown slug with the 404 page, not the web app', async () => {
    for (const path of [
      `/directory/providers/${slugs.quinn}`,
      '/directory/providers/no-such-provider',
      '/directory/practices/no-such-practice',
    ]) {
      const response = await get(path);
      expect([path, response.status, response.headers.get('cache-control')]).toEqual([path, 404, 'no-store']);
      const page = await response.text();
      expect(page).toContain('<h1>Not in the directory</h1>');
      expect(page).not.toContain('Quinn Unlisted');
    }
  });

  it('answers a path under /directory that no page serves with a 404, not the web app', async () => {
    for (const path of [
      '/directory/providers/',
      `/directory/providers/${slugs.pat}/extra`,
      '/directory/other',
    ]) {
      const response = await get(path);
      expect([path, response.status]).toEqual([path, 404]);
      expect(await response.text()).not.toContain('<div id="root">');
    }
    // The web app's own paths still answer its page.
    expect(await (await get('/clients')).text()).toContain('<div id="root">');
  });

  it('lists exactly the public pages in sitemap.xml, and points robots to it', async () => {
    const sitemap = await get('/sitemap.xml');
    expect(sitemap.status).toBe(200);
    expect(sitemap.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const locs = [...(await sitemap.text()).matchAll(/<loc>([^<]*)<\/loc>/g)].map((match) => match[1]);
    const origin = web.platform.webOrigin;
    expect(locs.sort()).toEqual(
      [
        `${origin}/directory`,
        `${origin}/directory/practices/${slugs.practice}`,
        `${origin}/directory/practices/${slugs.birch}`,
        `${origin}/directory/providers/${slugs.pat}`,
      ].sort(),
    );

    const robots = await get('/robots.txt');
    expect(robots.status).toBe(200);
    const text = await robots.text();
    expect(text).toContain('Allow: /directory\n');
    expect(text).toContain('Disallow: /api/\n');
    expect(text).toContain(`Sitemap: ${origin}/sitemap.xml`);
  });

  it('searches over plain HTTP, with a short cache, and names a bad filter', async () => {
    const found = await get('/directory?q=quinones&state=NJ&specialty=&language=');
    expect(found.status).toBe(200);
    expect(found.headers.get('cache-control')).toBe('public, max-age=60');
    expect(await found.text()).toContain(`href="/directory/providers/${slugs.pat}"`);
    const bad = await get('/directory?state=ZZ');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('role="alert">state:');
  });

  it.each(Object.keys(VIEWPORTS) as Array<keyof typeof VIEWPORTS>)(
    'the provider page passes axe with no serious or critical violation on a %s',
    async (viewport) => {
      const context = await web.browser.newContext(VIEWPORTS[viewport]);
      try {
        const page = await context.newPage();
        // A style or script the Content-Security-Policy refused is a console error in chromium.
        const errors: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error') errors.push(message.text());
        });
        await page.goto(`${web.platform.webOrigin}/directory/providers/${slugs.pat}`);
        await page.getByRole('heading', { level: 1, name: 'Pat Quiñones' }).waitFor();
        const violations = await accessibilityViolations(page);
        expect(describeViolations(violations)).toBe('');
        const width = await page.evaluate<number>('document.documentElement.scrollWidth');
        expect(width).toBeLessThanOrEqual(VIEWPORTS[viewport].viewport.width);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it('searches with the form and reaches the profile with JavaScript turned off', async () => {
    const context = await web.browser.newContext({ ...VIEWPORTS.phone, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${web.platform.webOrigin}/directory`);
      await page.getByLabel('Name, specialty or words').fill('Quiñones');
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL(/\/directory\?q=Qui%C3%B1ones/);
      expect(new URL(page.url()).searchParams.get('language')).toBe('es');
      await page.getByRole('link', { name: 'Pat Quiñones' }).click();
      await page.waitForURL(`**/directory/providers/${slugs.pat}`);
      await page.getByRole('heading', { level: 1, name: 'Pat Quiñones' }).waitFor();
    } finally {
      await context.close();
    }
  });
});
