// Real: the directory service started in this process as main.ts starts it (the shared service
// world: startService, its own throwaway PostgreSQL database with unaccent, RabbitMQ), its outbox
// relay and events consumer. Faked: identity and service-enablement (the test publishes their
// membership.changed and service.changed events itself), the gateway (actors are made up here)
// and the clock (a test clock, on 2026-12-01).
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import {
  GetOwnProfile,
  GetPracticeProfile,
  ListPublicPages,
  GetProviderProfile,
  MembershipChanged,
  PracticeBySlug,
  ProfilePublished,
  ProfileUnpublished,
  ProviderBySlug,
  SearchListing,
  ServiceChanged,
  UpdateOwnProfile,
  UpdatePracticeProfile,
  UpdateProviderProfile,
  type Actor,
  type EventEnvelope,
  type PayloadOf,
  type Role,
} from '@arbor/contracts';
import type { BusClient } from '@arbor/messaging';
import { createServiceWorld, type ServiceWorld } from '@arbor/service-testing';
import { SERVICE_NAME } from '../directory.config';
import { DirectoryModule } from '../directory.module';

const practiceId = uuidv7();
const otherPracticeId = uuidv7();
const admin: Actor = { userId: uuidv7(), practiceId, role: 'admin' };
const ana: Actor = { userId: uuidv7(), practiceId, role: 'provider' };
const ben: Actor = { userId: uuidv7(), practiceId, role: 'provider' };
const client: Actor = { userId: uuidv7(), practiceId, role: 'client' };
const otherAdmin: Actor = { userId: uuidv7(), practiceId: otherPracticeId, role: 'admin' };

const anaProfile: PayloadOf<typeof UpdateOwnProfile>['changes'] = {
  displayName: 'Ana Pérez',
  providerType: { key: 'licensed_clinical_social_worker', other: null },
  introduction: 'I work with adults through anxiety and big life changes, in English and Spanish.',
  specialties: { curated: ['Anxiety', 'Life Transitions'], free: ['Duelo migratório'] },
  education: [{ degree: 'MSW', school: 'Universidad de Puerto Rico', year: 2011 }],
  licenses: [
    { type: 'LCSW', state: 'NJ', number: 'NJ-44123', expiresOn: '2027-06-30', numberPublic: true },
    { type: 'LCSW', state: 'NY', number: 'NY-99887', expiresOn: '2026-11-30', numberPublic: true },
    { type: 'LCSW', state: 'PA', number: 'PA-55555', expiresOn: '2027-06-30', numberPublic: false },
  ],
  languages: ['es', 'en'],
  listed: true,
};

describe('directory profiles and listing over the bus', () => {
  let world: ServiceWorld;
  let bus: BusClient;
  let minute = 0;

  beforeAll(async () => {
    world = await createServiceWorld({
      service: SERVICE_NAME,
      migrations: path.join(__dirname, '../../migrations'),
      module: ({ clock }) => DirectoryModule.forRoot({ clock }),
      clockStart: new Date('2026-12-01T12:00:00Z'),
    });
    bus = world.bus;
    await membership(ana.userId, ['provider']);
    await membership(ben.userId, ['provider']);
    await listing(true);
  });

  afterAll(() => world.close());

  /** Each foreign event a minute after the last, unless a test says when. */
  function later(): Date {
    minute += 1;
    return new Date(Date.parse('2026-12-01T00:00:00Z') + minute * 60_000);
  }

  async function publish(type: string, data: unknown, occurredAt: Date, actor: unknown): Promise<void> {
    const event = {
      id: uuidv7(),
      type,
      occurredAt: occurredAt.toISOString(),
      practiceId,
      actor,
      data,
    } as EventEnvelope<unknown>;
    await world.events.publish(event);
    // Once its inbox row exists, the service has applied (or deliberately skipped) the event.
    await expect(world.handled(event.id)).resolves.toBe(1);
  }

  /** What identity would publish when someone's roles change. */
  function membership(userId: string, roles: Role[], occurredAt = later()): Promise<void> {
    return publish(MembershipChanged.pattern, { practiceId, userId, roles, clientId: null }, occurredAt, {
      system: 'identity',
    });
  }

  /** What service-enablement would publish when an Admin turns Directory Listing on or off. */
  function listing(enabled: boolean, occurredAt = later()): Promise<void> {
    return publish(
      ServiceChanged.pattern,
      { practiceId, key: 'directory_listing', enabled, providerIds: [] },
      occurredAt,
      { userId: admin.userId, practiceId, role: 'admin' },
    );
  }

  const search = (params: Partial<PayloadOf<typeof SearchListing>>) =>
    bus.send(SearchListing, { limit: 20, ...params });
  const found = async (params: Partial<PayloadOf<typeof SearchListing>>) =>
    (await search(params)).items.map((item) => item.displayName);

  const isOn = (providerId: string) => (data: Record<string, unknown>) => data['providerId'] === providerId;

  it('lists a provider who completes a profile, says so once, and names only the photo as missing', async () => {
    const empty = await bus.send(GetOwnProfile, { actor: ana });
    expect(empty.emptySections).toHaveLength(6);
    expect(empty.slug).toBeNull();

    const saved = await bus.send(UpdateOwnProfile, { actor: ana, changes: anaProfile });
    expect(saved).toMatchObject({ slug: 'ana-perez', published: true, emptySections: ['photo'] });
    const event = await world.events.take(ProfilePublished.pattern, isOn(ana.userId));
    expect(event.data).toEqual({ practiceId, providerId: ana.userId, slug: 'ana-perez' });
  });

  it('finds her by name, specialty, language, state and type, with and without accents', async () => {
    expect(await found({ q: 'perez' })).toEqual(['Ana Pérez']);
    expect(await found({ q: 'Pérez' })).toEqual(['Ana Pérez']);
    expect(await found({ q: 'anxiety' })).toEqual(['Ana Pérez']);
    expect(await found({ q: 'duelo migratorio' })).toEqual(['Ana Pérez']);
    expect(await found({ specialty: 'duelo migratorio' })).toEqual(['Ana Pérez']);
    expect(await found({ specialty: 'Duelo Migratório' })).toEqual(['Ana Pérez']);
    expect(await found({ language: 'es' })).toEqual(['Ana Pérez']);
    expect(await found({ state: 'NJ', providerType: 'licensed_clinical_social_worker' })).toEqual([
      'Ana Pérez',
    ]);

    expect(await found({ q: 'psychoanalysis' })).toEqual([]);
    expect(await found({ language: 'fr' })).toEqual([]);
    expect(await found({ providerType: 'psychologist' })).toEqual([]);
    // Her New York license expired yesterday: it is not public, so it does not find her.
    expect(await found({ state: 'NY' })).toEqual([]);
  });

  it('answers her public page with public fields only: no expired license, numbers only when chosen', async () => {
    const page = await bus.send(ProviderBySlug, { slug: 'ana-perez' });
    expect(page.licenses).toEqual([
      { type: 'LCSW', state: 'NJ', number: 'NJ-44123', expiresOn: '2027-06-30' },
      { type: 'LCSW', state: 'PA', number: null, expiresOn: '2027-06-30' },
    ]);
    expect(JSON.stringify(page)).not.toContain(ana.userId);
    expect(JSON.stringify(page)).not.toContain('NY-99887');
    expect(page.specialties).toEqual(['Anxiety', 'Life Transitions', 'Duelo migratório']);
  });

  it('ranks a name match above an introduction match, and pages with a cursor', async () => {
    await bus.send(UpdateOwnProfile, {
      actor: ben,
      changes: { displayName: 'Ben Okafor', introduction: 'Trained by Ana Perez.', listed: true },
    });
    await world.events.take(ProfilePublished.pattern, isOn(ben.userId));
    const first = await search({ q: 'perez', limit: 1 });
    expect(first.items.map((i) => i.displayName)).toEqual(['Ana Pérez']);
    expect(first.nextCursor).not.toBeNull();
    const second = await search({ q: 'perez', limit: 1, cursor: first.nextCursor ?? '' });
    expect(second.items.map((i) => i.displayName)).toEqual(['Ben Okafor']);
    expect(second.nextCursor).toBeNull();
    await expect(search({ cursor: 'not-a-cursor' })).rejects.toMatchObject({
      code: 'validation_failed',
      details: { errors: [{ path: 'cursor' }] },
    });
  });

  it('keeps the slug when the name changes, and never gives it to anyone else', async () => {
    const renamed = await bus.send(UpdateOwnProfile, {
      actor: ana,
      changes: { displayName: 'Ana Pérez-Ruiz' },
    });
    expect(renamed.slug).toBe('ana-perez');
    expect(await found({ q: 'ruiz' })).toEqual(['Ana Pérez-Ruiz']);
    const ben2 = await bus.send(UpdateOwnProfile, {
      actor: { ...ben, userId: uuidv7() },
      changes: { displayName: 'Ana Perez' },
    });
    expect(ben2.slug).toBe('ana-perez-2');
  });

  it('refuses bad input naming the field', async () => {
    await expect(
      bus.send(UpdateOwnProfile, {
        actor: ana,
        changes: { languages: ['xx' as 'en'], introduction: 'x'.repeat(5001) },
      }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      details: {
        errors: expect.arrayContaining([
          expect.objectContaining({ path: 'changes.introduction' }),
          expect.objectContaining({ path: 'changes.languages[0]' }),
        ]) as unknown,
      },
    });
  });

  it('lets an Admin of the practice edit a provider; not another practice’s Admin, a client or another provider', async () => {
    const edited = await bus.send(UpdateProviderProfile, {
      actor: admin,
      providerId: ana.userId,
      changes: { introduction: 'Edited by the Admin.' },
    });
    expect(edited.introduction).toBe('Edited by the Admin.');
    await expect(
      bus.send(GetProviderProfile, { actor: admin, providerId: ana.userId }),
    ).resolves.toMatchObject({
      introduction: 'Edited by the Admin.',
    });

    const attempt = { providerId: ana.userId, changes: { introduction: 'Hijacked.' } };
    await expect(bus.send(UpdateProviderProfile, { actor: otherAdmin, ...attempt })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(
      bus.send(GetProviderProfile, { actor: otherAdmin, providerId: ana.userId }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(bus.send(UpdateProviderProfile, { actor: client, ...attempt })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      bus.send(UpdateOwnProfile, { actor: client, changes: attempt.changes }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(bus.send(UpdateProviderProfile, { actor: ben, ...attempt })).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect((await bus.send(ProviderBySlug, { slug: 'ana-perez' })).introduction).toBe('Edited by the Admin.');
  });

  it('takes her out at once when she unlists, and back when she lists again', async () => {
    await bus.send(UpdateOwnProfile, { actor: ana, changes: { listed: false } });
    await world.events.take(ProfileUnpublished.pattern, isOn(ana.userId));
    expect(await found({ q: 'perez' })).toEqual(['Ben Okafor']);
    await expect(bus.send(ProviderBySlug, { slug: 'ana-perez' })).rejects.toMatchObject({
      code: 'not_found',
    });

    await bus.send(UpdateOwnProfile, { actor: ana, changes: { listed: true } });
    await world.events.take(ProfilePublished.pattern, isOn(ana.userId));
    expect(await found({ q: 'perez' })).toContain('Ana Pérez-Ruiz');
  });

  it('takes the practice’s providers out when Directory Listing is turned off, ignoring older news', async () => {
    const on = later();
    await listing(false);
    await world.events.take(ProfileUnpublished.pattern, isOn(ana.userId));
    await world.events.take(ProfileUnpublished.pattern, isOn(ben.userId));
    expect(await found({})).toEqual([]);
    await expect(bus.send(ProviderBySlug, { slug: 'ana-perez' })).rejects.toMatchObject({
      code: 'not_found',
    });

    // An "on" from before the "off", delivered late (or again), changes nothing.
    await listing(true, on);
    expect(await found({})).toEqual([]);

    await listing(true);
    await world.events.take(ProfilePublished.pattern, isOn(ana.userId));
    expect(await found({ q: 'perez' })).toEqual(['Ana Pérez-Ruiz', 'Ben Okafor']);
  });

  it('takes a provider out when the provider role is removed, and the Admin no longer finds them', async () => {
    await membership(ben.userId, ['admin']);
    await world.events.take(ProfileUnpublished.pattern, isOn(ben.userId));
    expect(await found({ q: 'okafor' })).toEqual([]);
    await expect(
      bus.send(GetProviderProfile, { actor: admin, providerId: ben.userId }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('keeps the practice profile for its Admin and answers its public page with its public providers', async () => {
    await expect(
      bus.send(GetPracticeProfile, { actor: { ...admin, role: 'provider' } }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    const practice = await bus.send(UpdatePracticeProfile, {
      actor: admin,
      changes: {
        name: 'Harbor Counseling',
        description: 'Telehealth therapy across New Jersey.',
        phone: '+1 973 555 0100',
        website: 'https://harbor.example',
        listed: true,
      },
    });
    expect(practice).toMatchObject({ slug: 'harbor-counseling', published: true });
    const page = await bus.send(PracticeBySlug, { slug: 'harbor-counseling' });
    expect(page.providers).toEqual([{ slug: 'ana-perez', displayName: 'Ana Pérez-Ruiz' }]);
    expect((await bus.send(ProviderBySlug, { slug: 'ana-perez' })).practice).toEqual({
      slug: 'harbor-counseling',
      name: 'Harbor Counseling',
    });

    await bus.send(UpdatePracticeProfile, { actor: admin, changes: { listed: false } });
    await expect(bus.send(PracticeBySlug, { slug: 'harbor-counseling' })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect((await bus.send(ProviderBySlug, { slug: 'ana-perez' })).practice).toEqual({
      slug: null,
      name: null,
    });
  });

  it('lists every public page for the sitemap, in pages, and only public ones', async () => {
    const all = async (kind: 'provider' | 'practice', limit: number) => {
      const slugs: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await bus.send(ListPublicPages, { kind, limit, ...(after ? { after } : {}) });
        slugs.push(...page.slugs);
        if (page.nextAfter === null) return slugs;
        after = page.nextAfter;
      }
    };
    const everyone = (await search({ limit: 50 })).items.map((item) => item.slug).sort();
    expect(everyone).toContain('ana-perez');
    expect(await all('provider', 500)).toEqual(everyone);
    expect(await all('provider', 1)).toEqual(everyone);
    // The practice was unlisted by the test before.
    expect(await all('practice', 500)).toEqual([]);
    await bus.send(UpdatePracticeProfile, { actor: admin, changes: { listed: true } });
    expect(await all('practice', 1)).toEqual(['harbor-counseling']);
  });
});
