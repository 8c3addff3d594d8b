// Real: PostgreSQL, RabbitMQ (commands and the events identity publishes), the identity service
// started in this process with startService. Faked: the clock (invitations expire without waiting).
import { eq } from 'drizzle-orm';
import { AcceptInvitation, InviteClient, InviteStaff, Login, type SessionActor } from '@arbor/contracts';
import { auditLog } from '@arbor/audit';
import { memberships } from '../users/users.schema';
import {
  actorOf,
  asRole,
  createIdentityWorld,
  failure,
  freshOrigin,
  type IdentityWorld,
  PASSWORD,
  signUpAndLogin,
  tokenOf,
  uniqueEmail,
} from '../../test/identity-world';
import { invitations } from './invitations.schema';

const HOUR = 3_600_000;
const CLIENT_RECORD = '01950000-0000-7000-8000-0000000000c1';

describe('invitations', () => {
  let world: IdentityWorld;
  let admin: SessionActor;
  let practiceId: string;

  beforeAll(async () => {
    world = await createIdentityWorld('invitations');
    const founder = await signUpAndLogin(world);
    admin = actorOf(founder.session);
    practiceId = founder.practice.id;
  });
  afterAll(() => world.close());

  it('lets an Admin invite staff; the new person sets a password, joins, and logs in with the roles', async () => {
    const email = uniqueEmail('new.provider');
    const invited = await world.bus.send(InviteStaff, {
      actor: asRole(admin, 'admin'),
      name: 'Priya Provider',
      email,
      roles: ['provider'],
    });
    expect(invited.inviteUrl).toMatch(/^https:\/\/app\.arbor\.test\/invitations\/[A-Za-z0-9_-]{43}$/);
    await world.events.next('identity.user.invited.v1', (data) => data['invitationId'] === invited.id);
    const v2 = await world.events.next(
      'identity.user.invited.v2',
      (data) => data['invitationId'] === invited.id,
    );
    expect(v2).toMatchObject({
      practiceId,
      data: {
        practiceId,
        practiceName: 'Riverside Counselling',
        kind: 'staff',
        roles: ['provider'],
        clientId: null,
        invitee: { name: 'Priya Provider', email },
        invitedBy: { userId: admin.userId, name: 'Ana Founder' },
        inviteUrl: invited.inviteUrl,
      },
    });
    expect(Date.parse(v2.data['expiresAt'] as string)).toBeGreaterThan(world.clock.now().getTime());

    const [stored] = await world.database.db.select().from(invitations).where(eq(invitations.id, invited.id));
    expect(stored?.tokenHash).not.toContain(tokenOf(invited.inviteUrl));

    const accepted = await world.bus.send(AcceptInvitation, {
      token: tokenOf(invited.inviteUrl),
      password: PASSWORD,
      origin: freshOrigin(),
    });
    expect(accepted.practiceId).toBe(practiceId);
    const joined = await world.events.next(
      'identity.membership.changed.v1',
      (data) => data['userId'] === accepted.userId,
    );
    expect(joined).toMatchObject({ practiceId, data: { roles: ['provider'], clientId: null } });
    const address = await world.events.next(
      'identity.user.email-set.v1',
      (data) => data['userId'] === accepted.userId,
    );
    expect(address).toMatchObject({ practiceId, data: { email } });

    const session = await world.bus.send(Login, { email, password: PASSWORD, origin: freshOrigin() });
    expect(session.user).toEqual({ id: accepted.userId, name: 'Priya Provider', email });
    expect(session.memberships).toEqual([
      { practiceId, practiceName: 'Riverside Counselling', roles: ['provider'], activeRole: 'provider' },
    ]);
    const actions = await world.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.subject, `invitation:${invited.id}`));
    expect(actions.map((row) => row.action).sort()).toEqual(['invitation.accepted', 'invitation.created']);
  });

  it('works once', async () => {
    const { inviteUrl } = await world.bus.send(InviteStaff, {
      actor: asRole(admin, 'admin'),
      name: 'Once Only',
      email: uniqueEmail('once'),
      roles: ['provider'],
    });
    const token = tokenOf(inviteUrl);
    await world.bus.send(AcceptInvitation, { token, password: PASSWORD, origin: freshOrigin() });
    expect(
      (await failure(world.bus.send(AcceptInvitation, { token, password: PASSWORD, origin: freshOrigin() })))
        .code,
    ).toBe('not_found');
  });

  it('expires after 168 hours', async () => {
    const { inviteUrl } = await world.bus.send(InviteStaff, {
      actor: asRole(admin, 'admin'),
      name: 'Too Late',
      email: uniqueEmail('late'),
      roles: ['provider'],
    });
    world.clock.advance(168 * HOUR);
    expect(
      (
        await failure(
          world.bus.send(AcceptInvitation, {
            token: tokenOf(inviteUrl),
            password: PASSWORD,
            origin: freshOrigin(),
          }),
        )
      ).code,
    ).toBe('not_found');
  });

  it('answers not_found for a token nobody issued', async () => {
    const error = await failure(
      world.bus.send(AcceptInvitation, { token: 'A'.repeat(43), password: PASSWORD, origin: freshOrigin() }),
    );
    expect(error.code).toBe('not_found');
  });

  it('applies the password policy to a new person, naming the field', async () => {
    const { inviteUrl } = await world.bus.send(InviteStaff, {
      actor: asRole(admin, 'admin'),
      name: 'Weak Password',
      email: uniqueEmail('weak'),
      roles: ['provider'],
    });
    const error = await failure(
      world.bus.send(AcceptInvitation, {
        token: tokenOf(inviteUrl),
        password: 'password1234',
        origin: freshOrigin(),
      }),
    );
    expect(error).toMatchObject({ code: 'validation_failed', details: { errors: [{ path: 'password' }] } });
    // Still usable with a good password.
    await expect(
      world.bus.send(AcceptInvitation, {
        token: tokenOf(inviteUrl),
        password: PASSWORD,
        origin: freshOrigin(),
      }),
    ).resolves.toBeTruthy();
  });

  it('lets someone with an account join another practice with their own password, not another', async () => {
    const other = await signUpAndLogin(world);
    const { inviteUrl } = await world.bus.send(InviteStaff, {
      actor: asRole(admin, 'admin'),
      name: 'Ignored For Existing Accounts',
      email: other.email,
      roles: ['admin'],
    });
    const token = tokenOf(inviteUrl);
    world.clock.advance(60_000); // joined after founding their own practice
    const wrong = await failure(
      world.bus.send(AcceptInvitation, { token, password: 'a different passphrase', origin: freshOrigin() }),
    );
    expect(wrong.code).toBe('unauthenticated');
    const accepted = await world.bus.send(AcceptInvitation, {
      token,
      password: PASSWORD,
      origin: freshOrigin(),
    });
    expect(accepted).toEqual({ userId: other.user.id, practiceId });
    const session = await world.bus.send(Login, {
      email: other.email,
      password: PASSWORD,
      origin: freshOrigin(),
    });
    expect(session.user.name).toBe('Ana Founder');
    expect(session.memberships.map((m) => [m.practiceId, m.roles])).toEqual([
      [other.practice.id, ['admin', 'provider']],
      [practiceId, ['admin']],
    ]);
    // The session acts in the practice joined first.
    expect(session.memberships[0]?.activeRole).toBe('provider');
  });

  it('refuses to invite someone already on the staff, and staff invitations from non-Admins', async () => {
    const existing = await world.bus.send(InviteStaff, {
      actor: asRole(admin, 'admin'),
      name: 'Already Here',
      email: uniqueEmail('here'),
      roles: ['provider'],
    });
    const { email } = (
      await world.database.db.select().from(invitations).where(eq(invitations.id, existing.id))
    )[0]!;
    await world.bus.send(AcceptInvitation, {
      token: tokenOf(existing.inviteUrl),
      password: PASSWORD,
      origin: freshOrigin(),
    });
    const again = await failure(
      world.bus.send(InviteStaff, { actor: asRole(admin, 'admin'), name: 'Again', email, roles: ['admin'] }),
    );
    expect(again.code).toBe('conflict');
    const asProvider = await failure(
      world.bus.send(InviteStaff, {
        actor: asRole(admin, 'provider'),
        name: 'Nope',
        email: uniqueEmail('nope'),
        roles: ['provider'],
      }),
    );
    expect(asProvider.code).toBe('forbidden');
  });

  describe('client portal accounts', () => {
    it('makes the person a client of the practice, linked to the client record', async () => {
      const email = uniqueEmail('client');
      const invited = await world.bus.send(InviteClient, {
        actor: asRole(admin, 'provider'),
        clientId: CLIENT_RECORD,
        name: 'Casey Client',
        email,
      });
      await world.events.next(
        'identity.user.invited.v1',
        (data) => data['invitationId'] === invited.id && data['clientId'] === CLIENT_RECORD,
      );
      const v2 = await world.events.next(
        'identity.user.invited.v2',
        (data) => data['invitationId'] === invited.id,
      );
      expect(v2.data).toMatchObject({
        kind: 'client_portal',
        roles: ['client'],
        clientId: CLIENT_RECORD,
        invitee: { name: 'Casey Client', email },
        invitedBy: { userId: admin.userId, name: 'Ana Founder' },
        inviteUrl: invited.inviteUrl,
      });
      const accepted = await world.bus.send(AcceptInvitation, {
        token: tokenOf(invited.inviteUrl),
        password: PASSWORD,
        origin: freshOrigin(),
      });
      const [membership] = await world.database.db
        .select()
        .from(memberships)
        .where(eq(memberships.userId, accepted.userId));
      expect(membership).toMatchObject({ practiceId, roles: ['client'], clientId: CLIENT_RECORD });
      await world.events.next(
        'identity.membership.changed.v1',
        (data) => data['userId'] === accepted.userId && data['clientId'] === CLIENT_RECORD,
      );
      const session = await world.bus.send(Login, { email, password: PASSWORD, origin: freshOrigin() });
      expect(session.memberships[0]).toMatchObject({ roles: ['client'], activeRole: 'client' });

      const twice = await failure(
        world.bus.send(InviteClient, {
          actor: asRole(admin, 'admin'),
          clientId: CLIENT_RECORD,
          name: 'Casey',
          email,
        }),
      );
      expect(twice.code).toBe('conflict');
    });

    it('may be sent by Admins and Providers, not by clients', async () => {
      const email = uniqueEmail('client.two');
      const invited = await world.bus.send(InviteClient, {
        actor: asRole(admin, 'admin'),
        clientId: '01950000-0000-7000-8000-0000000000c2',
        name: 'Client Two',
        email,
      });
      const accepted = await world.bus.send(AcceptInvitation, {
        token: tokenOf(invited.inviteUrl),
        password: PASSWORD,
        origin: freshOrigin(),
      });
      const asClient = await failure(
        world.bus.send(InviteClient, {
          actor: { userId: accepted.userId, practiceId, role: 'client' },
          clientId: '01950000-0000-7000-8000-0000000000c3',
          name: 'Their Friend',
          email: uniqueEmail('friend'),
        }),
      );
      expect(asClient.code).toBe('forbidden');
    });
  });
});
