// Real: PostgreSQL, RabbitMQ, the identity service started in this process with startService,
// argon2id, EdDSA signing. Faked: the clock (tests move it instead of waiting for timeouts).
import { and, eq } from 'drizzle-orm';
import {
  ChangePassword,
  GetMe,
  Login,
  Logout,
  RefreshSession,
  SwitchRole,
  type SessionView,
} from '@arbor/contracts';
import { auditLog } from '@arbor/audit';
import {
  actorOf,
  createIdentityWorld,
  failure,
  freshOrigin,
  type IdentityWorld,
  PASSWORD,
  signUpAndLogin,
  uniqueEmail,
} from '../../test/identity-world';
import { sessions } from './sessions.schema';

const MINUTE = 60_000;

function claimsOf(accessToken: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString()) as Record<
    string,
    unknown
  >;
}

describe('sessions', () => {
  let world: IdentityWorld;

  beforeAll(async () => {
    world = await createIdentityWorld('sessions');
  });
  afterAll(() => world.close());

  describe('login', () => {
    it('answers tokens, the person and every membership, acting as Provider by default', async () => {
      const { practice, user, email, session } = await signUpAndLogin(world);
      expect(session.user).toEqual({ id: user.id, name: 'Ana Founder', email });
      expect(session.memberships).toEqual([
        {
          practiceId: practice.id,
          practiceName: 'Riverside Counselling',
          roles: ['admin', 'provider'],
          activeRole: 'provider',
        },
      ]);
      expect(session.expiresIn).toBe(900);
      expect(session.refreshToken).toMatch(/^rt_[A-Za-z0-9_-]{43}$/);
      expect(new Date(session.refreshExpiresAt).getTime()).toBe(
        world.clock.now().getTime() + 12 * 60 * MINUTE,
      );
      expect(claimsOf(session.accessToken)).toMatchObject({
        iss: 'arbor-identity',
        aud: 'arbor',
        sub: user.id,
        pid: practice.id,
        roles: ['admin', 'provider'],
        role: 'provider',
      });
    });

    it('matches the email whatever its case and surrounding spaces', async () => {
      const { email } = await signUpAndLogin(world);
      await expect(
        world.bus.send(Login, {
          email: `  ${email.toUpperCase()} `,
          password: PASSWORD,
          origin: freshOrigin(),
        }),
      ).resolves.toMatchObject({ user: { email } });
    });

    it('answers a wrong password and an unknown email alike', async () => {
      // The timing half (an unknown email costs one argon2id verification too) is held by
      // passwords.service.spec.ts, where the difference is not drowned in bus round trips.
      const { email } = await signUpAndLogin(world);
      const wrong = await failure(
        world.bus.send(Login, { email, password: 'not the password at all', origin: freshOrigin() }),
      );
      const unknown = await failure(
        world.bus.send(Login, {
          email: uniqueEmail('nobody'),
          password: 'not the password at all',
          origin: freshOrigin(),
        }),
      );
      expect(wrong.toWire()).toEqual({ code: 'unauthenticated', message: 'email or password is wrong' });
      expect(unknown.toWire()).toEqual(wrong.toWire());
    });

    it('audits success and failure with where they came from', async () => {
      const { user, email } = await signUpAndLogin(world);
      const origin = { ip: '203.0.113.99', userAgent: 'audit-check/1.0' };
      await failure(world.bus.send(Login, { email, password: 'wrong wrong wrong', origin }));
      await world.bus.send(Login, { email, password: PASSWORD, origin });
      const rows = await world.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.ip, '203.0.113.99'))
        .orderBy(auditLog.id);
      expect(rows.map((row) => row.action)).toEqual(['login.failed', 'login.succeeded']);
      expect(rows[0]).toMatchObject({
        subject: `user:${user.id}`,
        userAgent: 'audit-check/1.0',
        details: { reason: 'bad_credentials' },
      });
      expect(rows[1]).toMatchObject({
        actorUserId: user.id,
        details: { role: 'provider', secondFactor: null },
      });
      expect(JSON.stringify(rows)).not.toContain('wrong wrong wrong');
    });
  });

  describe('refresh', () => {
    it('rotates: the new token works, the access token is new, the old token is spent', async () => {
      const { session } = await signUpAndLogin(world);
      world.clock.advance(MINUTE);
      const next = await world.bus.send(RefreshSession, {
        refreshToken: session.refreshToken,
        origin: freshOrigin(),
      });
      expect(next.refreshToken).not.toBe(session.refreshToken);
      expect(next.accessToken).not.toBe(session.accessToken);
      expect(claimsOf(next.accessToken)).toMatchObject({
        sid: claimsOf(session.accessToken)['sid'],
        role: 'provider',
      });
      expect(next.refreshExpiresAt).toBe(session.refreshExpiresAt);
      await expect(
        world.bus.send(RefreshSession, { refreshToken: next.refreshToken, origin: freshOrigin() }),
      ).resolves.toMatchObject({ expiresIn: 900 });
    });

    it('revokes the whole family when a spent token is used again, and audits it', async () => {
      const { session, user } = await signUpAndLogin(world);
      const first = await world.bus.send(RefreshSession, {
        refreshToken: session.refreshToken,
        origin: freshOrigin(),
      });
      const second = await world.bus.send(RefreshSession, {
        refreshToken: first.refreshToken,
        origin: freshOrigin(),
      });

      // The original token comes back (a thief replaying it, or the victim after the thief).
      const reuse = await failure(
        world.bus.send(RefreshSession, { refreshToken: session.refreshToken, origin: freshOrigin() }),
      );
      expect(reuse.code).toBe('unauthenticated');
      // The newest token of the family, the one the other party holds, is dead too.
      expect(
        (
          await failure(
            world.bus.send(RefreshSession, { refreshToken: second.refreshToken, origin: freshOrigin() }),
          )
        ).code,
      ).toBe('unauthenticated');

      const sid = claimsOf(session.accessToken)['sid'] as string;
      const [row] = await world.database.db.select().from(sessions).where(eq(sessions.id, sid));
      expect(row).toMatchObject({ revokeReason: 'reuse_detected' });
      const audited = await world.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'session.reuse_detected'), eq(auditLog.subject, `session:${sid}`)));
      expect(audited).toHaveLength(1);
      expect(audited[0]).toMatchObject({ actorUserId: user.id });
    });

    it('refuses an unknown or malformed token without a difference', async () => {
      const unknown = await failure(
        world.bus.send(RefreshSession, { refreshToken: `rt_${'A'.repeat(43)}`, origin: freshOrigin() }),
      );
      const malformed = await failure(
        world.bus.send(RefreshSession, { refreshToken: 'not-a-token', origin: freshOrigin() }),
      );
      expect(unknown.toWire()).toEqual(malformed.toWire());
      expect(unknown.code).toBe('unauthenticated');
    });

    it('ends a session idle for 30 minutes; activity keeps it alive', async () => {
      const { session } = await signUpAndLogin(world);
      world.clock.advance(20 * MINUTE);
      const kept = await world.bus.send(RefreshSession, {
        refreshToken: session.refreshToken,
        origin: freshOrigin(),
      });
      world.clock.advance(29 * MINUTE);
      const keptAgain = await world.bus.send(RefreshSession, {
        refreshToken: kept.refreshToken,
        origin: freshOrigin(),
      });
      world.clock.advance(30 * MINUTE);
      expect(
        (
          await failure(
            world.bus.send(RefreshSession, { refreshToken: keptAgain.refreshToken, origin: freshOrigin() }),
          )
        ).code,
      ).toBe('unauthenticated');
      const sid = claimsOf(session.accessToken)['sid'] as string;
      const [row] = await world.database.db.select().from(sessions).where(eq(sessions.id, sid));
      expect(row?.revokeReason).toBe('idle_timeout');
    });

    it('ends a session 12 hours after login however active it is', async () => {
      const { session } = await signUpAndLogin(world);
      let refreshToken = session.refreshToken;
      for (let elapsed = 0; elapsed + 25 < 12 * 60; elapsed += 25) {
        world.clock.advance(25 * MINUTE);
        refreshToken = (await world.bus.send(RefreshSession, { refreshToken, origin: freshOrigin() }))
          .refreshToken;
      }
      world.clock.advance(25 * MINUTE);
      expect(
        (await failure(world.bus.send(RefreshSession, { refreshToken, origin: freshOrigin() }))).code,
      ).toBe('unauthenticated');
      const sid = claimsOf(session.accessToken)['sid'] as string;
      const [row] = await world.database.db.select().from(sessions).where(eq(sessions.id, sid));
      expect(row?.revokeReason).toBe('absolute_timeout');
    });
  });

  describe('logout', () => {
    it('ends the session: its refresh token and its access token’s session stop working', async () => {
      const { session } = await signUpAndLogin(world);
      await expect(
        world.bus.send(Logout, { refreshToken: session.refreshToken, origin: freshOrigin() }),
      ).resolves.toEqual({});
      expect(
        (
          await failure(
            world.bus.send(RefreshSession, { refreshToken: session.refreshToken, origin: freshOrigin() }),
          )
        ).code,
      ).toBe('unauthenticated');
      expect((await failure(world.bus.send(GetMe, { actor: actorOf(session) }))).code).toBe(
        'unauthenticated',
      );
      const sid = claimsOf(session.accessToken)['sid'] as string;
      const audited = await world.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'logout'), eq(auditLog.subject, `session:${sid}`)));
      expect(audited).toHaveLength(1);
    });

    it('is idempotent, and fine with an unknown token', async () => {
      const { session } = await signUpAndLogin(world);
      await world.bus.send(Logout, { refreshToken: session.refreshToken, origin: freshOrigin() });
      await expect(
        world.bus.send(Logout, { refreshToken: session.refreshToken, origin: freshOrigin() }),
      ).resolves.toEqual({});
      await expect(
        world.bus.send(Logout, { refreshToken: 'whatever', origin: freshOrigin() }),
      ).resolves.toEqual({});
    });
  });

  describe('switching roles', () => {
    it('issues a token acting as another role held, in the same session; refresh keeps it', async () => {
      const { session, practice } = await signUpAndLogin(world);
      const actor = actorOf(session);
      const switched = await world.bus.send(SwitchRole, {
        actor,
        practiceId: practice.id,
        role: 'admin',
        origin: freshOrigin(),
      });
      expect(switched).toMatchObject({ activeRole: 'admin', practiceId: practice.id, expiresIn: 900 });
      expect(claimsOf(switched.accessToken)).toMatchObject({ role: 'admin', sid: actor.sessionId });
      const refreshed = await world.bus.send(RefreshSession, {
        refreshToken: session.refreshToken,
        origin: freshOrigin(),
      });
      expect(claimsOf(refreshed.accessToken)['role']).toBe('admin');
      const me = await world.bus.send(GetMe, { actor: { ...actor, role: 'admin' } });
      expect(me).toMatchObject({ activePracticeId: practice.id, activeRole: 'admin' });
      expect(me.memberships[0]?.activeRole).toBe('admin');
      const audited = await world.database.db
        .select()
        .from(auditLog)
        .where(
          and(
            eq(auditLog.action, 'session.role_switched'),
            eq(auditLog.subject, `session:${actor.sessionId}`),
          ),
        );
      expect(audited[0]?.details).toEqual({
        from: { practiceId: practice.id, role: 'provider' },
        to: { practiceId: practice.id, role: 'admin' },
      });
    });

    it('refuses a role not held, and a practice the person is not in, with forbidden', async () => {
      const { session, practice } = await signUpAndLogin(world);
      const other = await signUpAndLogin(world);
      const actor = actorOf(session);
      const notHeld = await failure(
        world.bus.send(SwitchRole, { actor, practiceId: practice.id, role: 'client', origin: freshOrigin() }),
      );
      expect(notHeld.code).toBe('forbidden');
      const elsewhere = await failure(
        world.bus.send(SwitchRole, {
          actor,
          practiceId: other.practice.id,
          role: 'admin',
          origin: freshOrigin(),
        }),
      );
      expect(elsewhere.code).toBe('forbidden');
    });
  });

  describe('lockout', () => {
    it('locks an account after 5 failures in 15 minutes, even for the right password, then lets it in', async () => {
      const { email } = await signUpAndLogin(world);
      for (let i = 0; i < 5; i += 1) {
        const error = await failure(
          world.bus.send(Login, { email, password: `wrong ${i} attempt`, origin: freshOrigin() }),
        );
        expect(error.code).toBe('unauthenticated');
      }
      const locked = await failure(
        world.bus.send(Login, { email, password: PASSWORD, origin: freshOrigin() }),
      );
      expect(locked.code).toBe('rate_limited');
      expect(locked.details).toEqual({ retryAfterSeconds: 900 });
      world.clock.advance(15 * MINUTE);
      await expect(
        world.bus.send(Login, { email, password: PASSWORD, origin: freshOrigin() }),
      ).resolves.toMatchObject({
        user: { email },
      });
    });

    it('locks an unknown email exactly like a known one: the lock reveals nothing', async () => {
      const known = (await signUpAndLogin(world)).email;
      const unknown = uniqueEmail('nobody');
      const answers: Record<string, unknown>[] = [];
      for (const email of [known, unknown]) {
        for (let i = 0; i < 5; i += 1) {
          await failure(world.bus.send(Login, { email, password: 'not this one', origin: freshOrigin() }));
        }
        answers.push(
          (
            await failure(world.bus.send(Login, { email, password: 'not this one', origin: freshOrigin() }))
          ).toWire(),
        );
      }
      expect(answers[0]).toMatchObject({ code: 'rate_limited', details: { retryAfterSeconds: 900 } });
      expect(answers[1]).toEqual(answers[0]);
    });

    it('locks an address after 20 failures across accounts; other addresses still get in', async () => {
      const { email } = await signUpAndLogin(world);
      const origin = freshOrigin();
      for (let i = 0; i < 20; i += 1) {
        await failure(
          world.bus.send(Login, { email: uniqueEmail('spray'), password: 'Summer2026!!', origin }),
        );
      }
      const locked = await failure(world.bus.send(Login, { email, password: PASSWORD, origin }));
      expect(locked.code).toBe('rate_limited');
      expect(locked.details?.['retryAfterSeconds']).toBeGreaterThan(0);
      await expect(
        world.bus.send(Login, { email, password: PASSWORD, origin: freshOrigin() }),
      ).resolves.toMatchObject({
        user: { email },
      });
    });

    it('a successful login clears the account’s count', async () => {
      const { email } = await signUpAndLogin(world);
      for (let i = 0; i < 4; i += 1) {
        await failure(world.bus.send(Login, { email, password: 'nope nope nope', origin: freshOrigin() }));
      }
      await world.bus.send(Login, { email, password: PASSWORD, origin: freshOrigin() });
      for (let i = 0; i < 4; i += 1) {
        await failure(world.bus.send(Login, { email, password: 'nope nope nope', origin: freshOrigin() }));
      }
      await expect(
        world.bus.send(Login, { email, password: PASSWORD, origin: freshOrigin() }),
      ).resolves.toBeTruthy();
    });
  });

  describe('changing the password', () => {
    let founder: { email: string; session: SessionView };

    beforeEach(async () => {
      founder = await signUpAndLogin(world);
    });

    it('needs the current password and applies the policy to the new one', async () => {
      const actor = actorOf(founder.session);
      const wrong = await failure(
        world.bus.send(ChangePassword, {
          actor,
          currentPassword: 'not my password',
          newPassword: 'a brand new passphrase',
          origin: freshOrigin(),
        }),
      );
      expect(wrong).toMatchObject({
        code: 'validation_failed',
        details: { errors: [{ path: 'currentPassword' }] },
      });
      const common = await failure(
        world.bus.send(ChangePassword, {
          actor,
          currentPassword: PASSWORD,
          newPassword: 'qwerty123456',
          origin: freshOrigin(),
        }),
      );
      expect(common).toMatchObject({
        code: 'validation_failed',
        details: {
          errors: [{ path: 'newPassword', message: 'is a commonly used password: choose another' }],
        },
      });
    });

    it('ends every session of the person; the new password works, the old one not', async () => {
      const second = await world.bus.send(Login, {
        email: founder.email,
        password: PASSWORD,
        origin: freshOrigin(),
      });
      await world.bus.send(ChangePassword, {
        actor: actorOf(founder.session),
        currentPassword: PASSWORD,
        newPassword: 'a brand new passphrase',
        origin: freshOrigin(),
      });
      for (const session of [founder.session, second]) {
        expect(
          (
            await failure(
              world.bus.send(RefreshSession, { refreshToken: session.refreshToken, origin: freshOrigin() }),
            )
          ).code,
        ).toBe('unauthenticated');
      }
      expect(
        (
          await failure(
            world.bus.send(Login, { email: founder.email, password: PASSWORD, origin: freshOrigin() }),
          )
        ).code,
      ).toBe('unauthenticated');
      await expect(
        world.bus.send(Login, {
          email: founder.email,
          password: 'a brand new passphrase',
          origin: freshOrigin(),
        }),
      ).resolves.toBeTruthy();
    });
  });
});
