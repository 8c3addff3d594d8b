// Real: identity, service-enablement, client-records and directory as built apps in their own
// processes, each with its own database; the gateway in this process; RabbitMQ carrying the
// requests and the events (identity's membership events and service-enablement's Directory
// Listing changes reach the directory through their outboxes). Faked: nothing.
import { eventually } from '@arbor/testing';
import { createClient, portalSignIn } from './clients-helpers';
import { inviteProvider, signUpAsAdmin } from './identity-helpers';
import { startPlatform, type Platform } from './platform';

const PASSWORD = 'maple-syrup-on-tuesdays';
const INTRODUCTION = 'I help adults through anxiety. <script>alert("hi")</script> & more, in Spanish too.';

/** The whole editable document a provider saves with PUT. */
const patProfile = {
  displayName: 'Pat Quiñones',
  providerType: { key: 'licensed_clinical_social_worker', other: null },
  introduction: INTRODUCTION,
  specialties: { curated: ['Anxiety', 'Life Transitions'], free: ['Grief in migration'] },
  education: [{ degree: 'MSW', school: 'Rutgers University', year: 2012 }],
  licenses: [
    { type: 'LCSW', state: 'NJ', number: 'NJ-44123', expiresOn: '2030-06-30', numberPublic: true },
    { type: 'LCSW', state: 'PA', number: 'PA-HIDDEN-555', expiresOn: '2030-06-30', numberPublic: false },
  ],
  languages: ['es', 'en'],
  listed: true,
};

describe('provider and practice profiles and the public directory through the gateway', () => {
  let platform: Platform;
  const maple = { id: '', adminToken: '', patId: '', patToken: '', quinnToken: '', clientToken: '' };
  let birchAdminToken = '';
  let slug = '';

  const profilePath = (uid = maple.patId) => `/practices/${maple.id}/providers/${uid}/profile`;
  const search = (query: string) => platform.api.call('GET', `/directory?${query}`);
  const foundIn = async (query: string) => {
    const page = await search(query);
    expect(page.status).toBe(200);
    return (page.body['items'] as Array<{ slug: string }>).some((item) => item.slug === slug);
  };
  const setListing = async (enabled: boolean) => {
    const patched = await platform.api.call('PATCH', `/practices/${maple.id}/services/directory_listing`, {
      token: maple.adminToken,
      body: { enabled },
    });
    expect([patched.status, patched.body['enabled']]).toEqual([200, enabled]);
  };

  beforeAll(async () => {
    platform = await startPlatform('directory', [
      'identity',
      'service-enablement',
      'client-records',
      'directory',
    ]);
    const admin = await signUpAsAdmin(platform.api, 'Maple Counselling', 'ada@maple.test', PASSWORD);
    Object.assign(maple, { id: admin.practiceId, adminToken: admin.adminToken });
    const pat = await inviteProvider(platform.api, admin, {
      name: 'Pat Quiñones',
      email: 'pat@maple.test',
      password: PASSWORD,
    });
    Object.assign(maple, { patId: pat.userId, patToken: pat.accessToken });
    maple.quinnToken = (
      await inviteProvider(platform.api, admin, {
        name: 'Quinn',
        email: 'quinn@maple.test',
        password: PASSWORD,
      })
    ).accessToken;
    const client = await createClient(platform.api, maple.adminToken, maple.id, {
      firstName: 'Alice',
      lastName: 'Smith',
      email: 'alice@client.test',
    });
    maple.clientToken = (
      await portalSignIn(platform.api, client.portalInviteUrl, 'alice@client.test', PASSWORD)
    ).accessToken;
    birchAdminToken = (await signUpAsAdmin(platform.api, 'Birch Therapy', 'otto@birch.test', PASSWORD))
      .adminToken;
  });

  afterAll(() => platform?.close());

  it('shows a provider every section still empty, then saves their whole profile with PUT', async () => {
    // The directory hears of the provider through identity's membership event.
    const empty = await eventually(async () => {
      const read = await platform.api.call('GET', profilePath(), { token: maple.patToken });
      expect(read.status).toBe(200);
      return read.body;
    });
    expect(empty['photoUrl']).toBeNull();
    expect(empty['missing']).toEqual([
      'photo',
      'provider_type_and_introduction',
      'specialties',
      'education',
      'licenses',
      'languages',
    ]);

    const saved = await platform.api.call('PUT', profilePath(), { token: maple.patToken, body: patProfile });
    expect(saved.status).toBe(200);
    slug = saved.body['slug'] as string;
    expect(slug).toEqual(expect.any(String));
    expect(saved.body).toMatchObject({ ...patProfile, photoUrl: null, missing: ['photo'], published: false });

    const read = await platform.api.call('GET', profilePath(), { token: maple.adminToken });
    expect([read.status, read.body['introduction'], read.body['missing']]).toEqual([
      200,
      INTRODUCTION,
      ['photo'],
    ]);
  });

  it('keeps a listed provider out of the directory while the practice has Directory Listing off', async () => {
    expect(await foundIn('q=Quiñones')).toBe(false);
    const hidden = await platform.api.call('GET', `/directory/providers/${slug}`);
    // A 404 is never cached: the page must appear as soon as the provider is public.
    expect([hidden.status, hidden.headers.get('cache-control')]).toEqual([404, 'no-store']);
  });

  it('finds the provider by name, specialty, language, state and slug once Directory Listing is on, with public fields only', async () => {
    await setListing(true);
    await eventually(async () => expect(await foundIn('q=quinones')).toBe(true));
    expect(await foundIn('specialty=Anxiety')).toBe(true);
    expect(await foundIn('language=es')).toBe(true);
    expect(await foundIn('state=NJ')).toBe(true);
    expect(await foundIn('providerType=licensed_clinical_social_worker')).toBe(true);
    expect(await foundIn('q=Quiñones&language=fr')).toBe(false);
    expect(await foundIn('q=Quiñones&state=CA')).toBe(false);

    const page = await search('q=Quinones&limit=1');
    expect(page.headers.get('cache-control')).toBe('public, max-age=60');
    const bySlug = await platform.api.call('GET', `/directory/providers/${slug}`);
    expect(bySlug.status).toBe(200);
    expect(bySlug.headers.get('cache-control')).toBe('public, max-age=60');
    // The introduction is plain text: JSON carries it as it was typed, markup and all.
    expect(bySlug.body['introduction']).toBe(INTRODUCTION);
    expect(bySlug.body['licenses']).toEqual([
      { type: 'LCSW', state: 'NJ', number: 'NJ-44123', expiresOn: '2030-06-30' },
      { type: 'LCSW', state: 'PA', number: null, expiresOn: '2030-06-30' },
    ]);
    for (const answer of [page.body, bySlug.body]) {
      const text = JSON.stringify(answer);
      expect(text).not.toContain('pat@maple.test');
      expect(text).not.toContain('PA-HIDDEN-555');
      expect(text).not.toContain(maple.patId);
    }
  });

  it('lets the Admin publish the practice profile, found by its slug with its public providers', async () => {
    const practice = {
      name: 'Maple Counselling',
      description: 'Counselling in Newark.',
      address: null,
      phone: '+1 973 555 0100',
      website: 'https://maple.test',
      listed: true,
    };
    const saved = await platform.api.call('PUT', `/practices/${maple.id}/profile`, {
      token: maple.adminToken,
      body: practice,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject(practice);
    const read = await platform.api.call('GET', `/practices/${maple.id}/profile`, {
      token: maple.adminToken,
    });
    expect([read.status, read.body['name']]).toEqual([200, 'Maple Counselling']);

    const practiceSlug = saved.body['slug'] as string;
    const shown = await eventually(async () => {
      const answer = await platform.api.call('GET', `/directory/practices/${practiceSlug}`);
      expect(answer.status).toBe(200);
      return answer.body;
    });
    expect(shown['providers']).toEqual([{ slug, displayName: 'Pat Quiñones' }]);
    expect(JSON.stringify(shown)).not.toContain('ada@maple.test');
  });

  it('removes an unlisted provider from search and their page at once, and brings them back when listed', async () => {
    const unlisted = await platform.api.call('PUT', profilePath(), {
      token: maple.patToken,
      body: { ...patProfile, listed: false },
    });
    expect([unlisted.status, unlisted.body['published']]).toEqual([200, false]);
    expect(await foundIn('q=Quinones')).toBe(false);
    expect((await platform.api.call('GET', `/directory/providers/${slug}`)).status).toBe(404);

    const relisted = await platform.api.call('PUT', profilePath(), {
      token: maple.patToken,
      body: patProfile,
    });
    expect([relisted.status, relisted.body['published'], relisted.body['slug']]).toEqual([200, true, slug]);
    expect(await foundIn('q=Quinones')).toBe(true);
  });

  it('removes the practice’s providers when Directory Listing is turned off', async () => {
    await setListing(false);
    await eventually(async () => expect(await foundIn('q=Quinones')).toBe(false));
    expect((await platform.api.call('GET', `/directory/providers/${slug}`)).status).toBe(404);
  });

  it('refuses another practice’s Admin (404), another provider (403) and a client (403)', async () => {
    for (const method of ['GET', 'PUT'] as const) {
      const body = method === 'PUT' ? patProfile : undefined;
      const birch = await platform.api.call(method, profilePath(), { token: birchAdminToken, body });
      expect(birch.status).toBe(404);
      const quinn = await platform.api.call(method, profilePath(), { token: maple.quinnToken, body });
      expect(quinn.status).toBe(403);
      const client = await platform.api.call(method, profilePath(), { token: maple.clientToken, body });
      expect(client.status).toBe(403);
    }
    const practice = await platform.api.call('GET', `/practices/${maple.id}/profile`, {
      token: maple.patToken,
    });
    expect(practice.status).toBe(403);
    const read = await platform.api.call('GET', profilePath(), { token: maple.adminToken });
    expect(read.body['displayName']).toBe('Pat Quiñones');
  });

  it('answers bad input with 400 naming every field', async () => {
    const bad = await platform.api.call('PUT', profilePath(), {
      token: maple.patToken,
      body: { ...patProfile, introduction: 'x'.repeat(5001), languages: ['xx'], listed: undefined },
    });
    expect(bad.status).toBe(400);
    expect((bad.body['errors'] as Array<{ path: string }>).map((error) => error.path).sort()).toEqual([
      'introduction',
      'languages[0]',
      'listed',
    ]);

    const badSearch = await search('language=spa&limit=0');
    expect(badSearch.status).toBe(400);
    expect((badSearch.body['errors'] as Array<{ path: string }>).map((error) => error.path).sort()).toEqual([
      'language',
      'limit',
    ]);
  });
});
