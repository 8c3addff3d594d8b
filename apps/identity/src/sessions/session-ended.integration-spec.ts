// Real: PostgreSQL, RabbitMQ, the identity service started in this process with startService, its
// outbox relay, and a tap on what it publishes. Faked: the clock (moved instead of waiting).
import {
  ChangePassword,
  Login,
  Logout,
  RefreshSession,
  SessionEnded,
  UpdateStaffRoles,
  type SessionView,
} from '@arbor/contracts';
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

const MINUTE = 60_000;
/** Long enough for the relay to publish a second copy, were one written. */
const SETTLE_MS = 500;

describe('a session that ends says so on the bus (identity.session.ended.v1)', () => {
  let world: IdentityWorld;

  beforeAll(async () => {
    world = await createIdentityWorld('session_ended');
  });
  afterAll(() => world.close());

  const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

  /** Every session-ended event of this session so far, each checked against the contract. */
  const endsOf = (session: SessionView) =>
    world.events.events
      .filter((event) => event.type === SessionEnded.pattern)
      .map((event) => SessionEnded.envelope.parse(event))
      .filter((event) => event.data.sessionId === actorOf(session).sessionId);

  /** Waits for this session's event, then that no second one follows; answers the one. */
  async function endedOnce(session: SessionView) {
    await world.events.next(SessionEnded.pattern, (data) => data['sessionId'] === actorOf(session).sessionId);
    await settle();
    const ends = endsOf(session);
    expect(ends).toHaveLength(1);
    return ends[0]!;
  }

  it('on sign-out: once, naming the session, the person and the practice it acted in', async () => {
    const { session, user, practice } = await signUpAndLogin(world);
    await world.bus.send(Logout, { refreshToken: session.refreshToken, origin: freshOrigin() });
    const ended = await endedOnce(session);
    expect(ended.data).toEqual({
      sessionId: actorOf(session).sessionId,
      userId: user.id,
      practiceId: practice.id,
      reason: 'logout',
    });
    expect(ended).toMatchObject({
      practiceId: practice.id,
      actor: { userId: user.id, practiceId: practice.id, role: 'provider' },
    });

    // Signing out again (another tab, a retried request) ends nothing more.
    await world.bus.send(Logout, { refreshToken: session.refreshToken, origin: freshOrigin() });
    await settle();
    expect(endsOf(session)).toHaveLength(1);
  });

  it('not on a sign-out that ends nothing: an unknown or a malformed token', async () => {
    const { session } = await signUpAndLogin(world);
    const rotated = await world.bus.send(RefreshSession, {
      refreshToken: session.refreshToken,
      origin: freshOrigin(),
    });
    const before = world.events.events.filter((event) => event.type === SessionEnded.pattern).length;
    for (const refreshToken of [`rt_${'A'.repeat(43)}`, 'not-a-token']) {
      await world.bus.send(Logout, { refreshToken, origin: freshOrigin() });
    }
    await settle();
    expect(world.events.events.filter((event) => event.type === SessionEnded.pattern)).toHaveLength(before);
    // The session is still open: its current refresh token still works.
    await expect(
      world.bus.send(RefreshSession, { refreshToken: rotated.refreshToken, origin: freshOrigin() }),
    ).resolves.toMatchObject({ expiresIn: 900 });
    expect(endsOf(session)).toEqual([]);
  });

  it('when a spent refresh token comes back (theft): once, for the whole session', async () => {
    const { session } = await signUpAndLogin(world);
    const next = await world.bus.send(RefreshSession, {
      refreshToken: session.refreshToken,
      origin: freshOrigin(),
    });
    await failure(
      world.bus.send(RefreshSession, { refreshToken: session.refreshToken, origin: freshOrigin() }),
    );
    // The other party's token, refused now, ends nothing more.
    await failure(world.bus.send(RefreshSession, { refreshToken: next.refreshToken, origin: freshOrigin() }));
    const ended = await endedOnce(session);
    expect(ended.data.reason).toBe('reuse_detected');
    expect(ended.actor).toEqual({ system: 'identity.sessions' });
  });

  it('when a refresh finds the session idle too long', async () => {
    const { session } = await signUpAndLogin(world);
    world.clock.advance(30 * MINUTE);
    await failure(
      world.bus.send(RefreshSession, { refreshToken: session.refreshToken, origin: freshOrigin() }),
    );
    expect((await endedOnce(session)).data.reason).toBe('idle_timeout');
  });

  it('for every session of the person on a password change, and none on a refused one', async () => {
    const { session, email } = await signUpAndLogin(world);
    const other = await world.bus.send(Login, { email, password: PASSWORD, origin: freshOrigin() });
    await failure(
      world.bus.send(ChangePassword, {
        actor: actorOf(session),
        currentPassword: 'not the current password',
        newPassword: 'a brand new passphrase',
        origin: freshOrigin(),
      }),
    );
    await settle();
    expect([...endsOf(session), ...endsOf(other)]).toEqual([]);

    await world.bus.send(ChangePassword, {
      actor: actorOf(session),
      currentPassword: PASSWORD,
      newPassword: 'a brand new passphrase',
      origin: freshOrigin(),
    });
    for (const ended of [session, other])
      expect((await endedOnce(ended)).data.reason).toBe('password_changed');
  });

  it('for every session of someone an Admin removes from the staff, sent as the Admin', async () => {
    const founder = await signUpAndLogin(world);
    const admin = actorOf(founder.session);
    const staff = await addStaff(world, admin, ['provider']);
    const again = await world.bus.send(Login, {
      email: staff.email,
      password: PASSWORD,
      origin: freshOrigin(),
    });
    await world.bus.send(UpdateStaffRoles, {
      actor: asRole(admin, 'admin'),
      userId: staff.userId,
      roles: [],
    });
    for (const session of [staff.session, again]) {
      const ended = await endedOnce(session);
      expect(ended.data).toMatchObject({ userId: staff.userId, reason: 'roles_changed' });
      expect(ended.actor).toEqual({ userId: admin.userId, practiceId: admin.practiceId, role: 'admin' });
    }
    // The Admin's own session goes on.
    expect(endsOf(founder.session)).toEqual([]);
  });
});
