// Real: PostgreSQL, RabbitMQ (commands and the events identity publishes), the identity service
// started in this process with startService. Faked: nothing.
import { and, eq } from 'drizzle-orm';
import {
  GetMe,
  ListStaff,
  Login,
  RefreshSession,
  UpdateStaffRoles,
  type SessionActor,
} from '@arbor/contracts';
import { auditLog } from '@arbor/audit';
import { memberships } from '../users/users.schema';
import {
  actorOf,
  addStaff,
  asRole,
  createIdentityWorld,
  failure,
  freshOrigin,
  type IdentityWorld,
  PASSWORD,
  signUpAndLogin,
} from '../../test/identity-world';

describe('staff', () => {
  let world: IdentityWorld;
  let admin: SessionActor;

  beforeAll(async () => {
    world = await createIdentityWorld('staff');
  });
  beforeEach(async () => {
    admin = actorOf((await signUpAndLogin(world)).session);
  });
  afterAll(() => world.close());

  it('lists the staff with their staff roles for Admins and Providers, by name', async () => {
    const provider = await addStaff(world, admin, ['provider']);
    const asAdmin = await world.bus.send(ListStaff, { actor: asRole(admin, 'admin') });
    expect(asAdmin).toEqual({
      items: [
        {
          userId: admin.userId,
          name: 'Ana Founder',
          email: expect.any(String) as unknown,
          roles: ['admin', 'provider'],
        },
        { userId: provider.userId, name: 'Sam Staff', email: provider.email, roles: ['provider'] },
      ],
      nextCursor: null,
    });
    const asProvider = await world.bus.send(ListStaff, {
      actor: asRole(actorOf(provider.session), 'provider'),
    });
    expect(asProvider.items).toHaveLength(2);
  });

  it('refuses the list to a client, and to an actor who no longer holds the role they claim', async () => {
    const provider = await addStaff(world, admin, ['provider']);
    expect((await failure(world.bus.send(ListStaff, { actor: asRole(admin, 'client') }))).code).toBe(
      'forbidden',
    );
    // A token still saying "admin" for someone who was only ever a provider.
    expect(
      (await failure(world.bus.send(ListStaff, { actor: asRole(actorOf(provider.session), 'admin') }))).code,
    ).toBe('forbidden');
  });

  it('changes roles: a role taken away ends every session of the person, and is announced', async () => {
    const staff = await addStaff(world, admin, ['admin', 'provider']);
    const reply = await world.bus.send(UpdateStaffRoles, {
      actor: asRole(admin, 'admin'),
      userId: staff.userId,
      roles: ['provider'],
    });
    expect(reply).toEqual({ userId: staff.userId, roles: ['provider'] });
    expect(
      (
        await failure(
          world.bus.send(RefreshSession, { refreshToken: staff.session.refreshToken, origin: freshOrigin() }),
        )
      ).code,
    ).toBe('unauthenticated');
    expect((await failure(world.bus.send(GetMe, { actor: actorOf(staff.session) }))).code).toBe(
      'unauthenticated',
    );
    await world.events.next(
      'identity.membership.changed.v1',
      (data) => data['userId'] === staff.userId && JSON.stringify(data['roles']) === '["provider"]',
    );
    const [audited] = await world.database.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'membership.roles_changed'), eq(auditLog.subject, `user:${staff.userId}`)),
      );
    expect(audited).toMatchObject({
      actorUserId: admin.userId,
      details: { before: ['admin', 'provider'], after: ['provider'], sessionsEnded: 1 },
    });
  });

  it('adding a role leaves sessions alone', async () => {
    const staff = await addStaff(world, admin, ['provider']);
    await world.bus.send(UpdateStaffRoles, {
      actor: asRole(admin, 'admin'),
      userId: staff.userId,
      roles: ['admin', 'provider'],
    });
    const refreshed = await world.bus.send(RefreshSession, {
      refreshToken: staff.session.refreshToken,
      origin: freshOrigin(),
    });
    expect(refreshed.refreshToken).toMatch(/^rt_/);
  });

  it('removes someone with no roles left', async () => {
    const staff = await addStaff(world, admin, ['provider']);
    await world.bus.send(UpdateStaffRoles, {
      actor: asRole(admin, 'admin'),
      userId: staff.userId,
      roles: [],
    });
    const rows = await world.database.db
      .select()
      .from(memberships)
      .where(eq(memberships.userId, staff.userId));
    expect(rows).toEqual([]);
    await world.events.next(
      'identity.membership.changed.v1',
      (data) => data['userId'] === staff.userId && JSON.stringify(data['roles']) === '[]',
    );
    const list = await world.bus.send(ListStaff, { actor: asRole(admin, 'admin') });
    expect(list.items.map((item) => item.userId)).not.toContain(staff.userId);
    // Their password is still right, but there is no practice left to sign in to.
    const login = await failure(
      world.bus.send(Login, { email: staff.email, password: PASSWORD, origin: freshOrigin() }),
    );
    expect(login.code).toBe('forbidden');
  });

  it('keeps the last Admin an Admin', async () => {
    const error = await failure(
      world.bus.send(UpdateStaffRoles, {
        actor: asRole(admin, 'admin'),
        userId: admin.userId,
        roles: ['provider'],
      }),
    );
    expect(error.code).toBe('conflict');
    // With a second Admin, the first may step down.
    const second = await addStaff(world, admin, ['admin']);
    await expect(
      world.bus.send(UpdateStaffRoles, {
        actor: asRole(admin, 'admin'),
        userId: admin.userId,
        roles: ['provider'],
      }),
    ).resolves.toEqual({ userId: admin.userId, roles: ['provider'] });
    // And now the second one is the last.
    expect(
      (
        await failure(
          world.bus.send(UpdateStaffRoles, {
            actor: asRole(actorOf(second.session), 'admin'),
            userId: second.userId,
            roles: [],
          }),
        )
      ).code,
    ).toBe('conflict');
  });

  it('answers not_found for someone of another practice, and forbidden to non-Admins', async () => {
    const stranger = actorOf((await signUpAndLogin(world)).session);
    const elsewhere = await failure(
      world.bus.send(UpdateStaffRoles, {
        actor: asRole(admin, 'admin'),
        userId: stranger.userId,
        roles: ['provider'],
      }),
    );
    expect(elsewhere.code).toBe('not_found');
    const staff = await addStaff(world, admin, ['provider']);
    const asProvider = await failure(
      world.bus.send(UpdateStaffRoles, { actor: asRole(admin, 'provider'), userId: staff.userId, roles: [] }),
    );
    expect(asProvider.code).toBe('forbidden');
  });
});
