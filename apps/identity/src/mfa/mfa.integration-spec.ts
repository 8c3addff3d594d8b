// Real: PostgreSQL, RabbitMQ, the identity service started in this process with startService,
// otplib's TOTP. Faked: the clock (so each test knows which 30-second step a code belongs to).
import { eq } from 'drizzle-orm';
import {
  ConfirmMfaEnrolment,
  GetMe,
  Login,
  StartMfaEnrolment,
  SwitchRole,
  UpdatePracticeSecurity,
  type SessionActor,
} from '@arbor/contracts';
import { auditLog } from '@arbor/audit';
import { users } from '../users/users.schema';
import {
  actorOf,
  createIdentityWorld,
  failure,
  freshOrigin,
  type IdentityWorld,
  PASSWORD,
  signUpAndLogin,
  totpAt,
} from '../../test/identity-world';

function claimsOf(accessToken: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString()) as Record<
    string,
    unknown
  >;
}

describe('MFA', () => {
  let world: IdentityWorld;

  beforeAll(async () => {
    world = await createIdentityWorld('mfa');
  });
  afterAll(() => world.close());

  /** A founder enrolled in MFA; answers their secret and recovery codes. */
  async function enrolled() {
    const founder = await signUpAndLogin(world);
    const actor = actorOf(founder.session);
    const { secret, otpauthUrl } = await world.bus.send(StartMfaEnrolment, { actor });
    expect(new URL(otpauthUrl).searchParams.get('secret')).toBe(secret);
    const { recoveryCodes } = await world.bus.send(ConfirmMfaEnrolment, {
      actor,
      code: await totpAt(world, secret),
    });
    return { ...founder, actor, secret, recoveryCodes };
  }

  it('enrols with a confirmed code and answers ten recovery codes; the secret is sealed at rest', async () => {
    const { user, actor, secret, recoveryCodes } = await enrolled();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const [row] = await world.database.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.mfaEnabled).toBe(true);
    expect(row?.mfaSecret).toMatch(/^v1\./);
    expect(row?.mfaSecret).not.toContain(secret);
    await expect(world.bus.send(GetMe, { actor })).resolves.toMatchObject({ user: { mfaEnabled: true } });
    const audited = await world.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subject, `user:${user.id}`));
    expect(audited.map((a) => a.action)).toContain('mfa.enrolled');
  });

  it('refuses a wrong confirmation code, naming the field, and keeps MFA off', async () => {
    const founder = await signUpAndLogin(world);
    const actor = actorOf(founder.session);
    const { secret } = await world.bus.send(StartMfaEnrolment, { actor });
    const wrongCode = (await totpAt(world, secret)) === '000000' ? '111111' : '000000';
    const error = await failure(world.bus.send(ConfirmMfaEnrolment, { actor, code: wrongCode }));
    expect(error).toMatchObject({ code: 'validation_failed', details: { errors: [{ path: 'code' }] } });
    await expect(world.bus.send(GetMe, { actor })).resolves.toMatchObject({ user: { mfaEnabled: false } });
    // Login still needs no code.
    await expect(
      world.bus.send(Login, { email: founder.email, password: PASSWORD, origin: freshOrigin() }),
    ).resolves.toBeTruthy();
  });

  it('refuses a second enrolment once enabled (a stolen token cannot swap the secret)', async () => {
    const { actor } = await enrolled();
    expect((await failure(world.bus.send(StartMfaEnrolment, { actor }))).code).toBe('conflict');
  });

  it('makes login ask for a code after the right password, and accept the right one once', async () => {
    const { email, secret } = await enrolled();
    const missing = await failure(
      world.bus.send(Login, { email, password: PASSWORD, origin: freshOrigin() }),
    );
    expect(missing).toMatchObject({ code: 'unauthenticated', details: { mfa: 'required' } });
    // A wrong password says nothing about MFA.
    const wrongPassword = await failure(
      world.bus.send(Login, {
        email,
        password: 'wrong password here',
        totp: '123456',
        origin: freshOrigin(),
      }),
    );
    expect(wrongPassword.toWire()).toEqual({
      code: 'unauthenticated',
      message: 'email or password is wrong',
    });

    world.clock.advance(30_000); // the enrolment used the current step
    const code = await totpAt(world, secret);
    const session = await world.bus.send(Login, {
      email,
      password: PASSWORD,
      totp: code,
      origin: freshOrigin(),
    });
    expect(session.user.email).toBe(email);
    const replay = await failure(
      world.bus.send(Login, { email, password: PASSWORD, totp: code, origin: freshOrigin() }),
    );
    expect(replay).toMatchObject({ code: 'unauthenticated', details: { mfa: 'required' } });
    const wrong = await failure(
      world.bus.send(Login, {
        email,
        password: PASSWORD,
        totp: code === '000000' ? '111111' : '000000',
        origin: freshOrigin(),
      }),
    );
    expect(wrong).toMatchObject({ code: 'unauthenticated', details: { mfa: 'required' } });
  });

  it('accepts each recovery code once instead of a TOTP code', async () => {
    const { email, recoveryCodes, user } = await enrolled();
    const [code] = recoveryCodes;
    await expect(
      world.bus.send(Login, { email, password: PASSWORD, recoveryCode: code, origin: freshOrigin() }),
    ).resolves.toMatchObject({ user: { id: user.id } });
    const again = await failure(
      world.bus.send(Login, { email, password: PASSWORD, recoveryCode: code, origin: freshOrigin() }),
    );
    expect(again).toMatchObject({ code: 'unauthenticated', details: { mfa: 'required' } });
    await expect(
      world.bus.send(Login, {
        email,
        password: PASSWORD,
        recoveryCode: recoveryCodes[9],
        origin: freshOrigin(),
      }),
    ).resolves.toBeTruthy();
    const used = await world.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'mfa.recovery_code_used'));
    expect(used.filter((row) => row.actorUserId === user.id)).toHaveLength(2);
  });

  it('counts wrong codes toward the account lockout', async () => {
    const { email, secret } = await enrolled();
    for (let i = 0; i < 5; i += 1) {
      await failure(
        world.bus.send(Login, { email, password: PASSWORD, totp: '000000', origin: freshOrigin() }),
      );
    }
    world.clock.advance(30_000);
    const locked = await failure(
      world.bus.send(Login, {
        email,
        password: PASSWORD,
        totp: await totpAt(world, secret),
        origin: freshOrigin(),
      }),
    );
    expect(locked.code).toBe('rate_limited');
  });

  it('is for staff: a client cannot enrol', async () => {
    const founder = await signUpAndLogin(world);
    const actor: SessionActor = { ...actorOf(founder.session), role: 'client' };
    expect((await failure(world.bus.send(StartMfaEnrolment, { actor }))).code).toBe('forbidden');
  });

  it('marks tokens mfa_pending when the practice requires MFA, until the staff member enrols', async () => {
    const founder = await signUpAndLogin(world);
    const actor = actorOf(founder.session);
    const asAdmin = { userId: actor.userId, practiceId: actor.practiceId, role: 'admin' as const };
    expect(
      (
        await failure(
          world.bus.send(UpdatePracticeSecurity, {
            actor: { ...asAdmin, role: 'provider' },
            requireMfa: true,
          }),
        )
      ).code,
    ).toBe('forbidden');
    await expect(
      world.bus.send(UpdatePracticeSecurity, { actor: asAdmin, requireMfa: true }),
    ).resolves.toEqual({
      requireMfa: true,
    });
    const pending = await world.bus.send(Login, {
      email: founder.email,
      password: PASSWORD,
      origin: freshOrigin(),
    });
    expect(claimsOf(pending.accessToken)['mfa_pending']).toBe(true);
    const switched = await world.bus.send(SwitchRole, {
      actor: actorOf(pending),
      practiceId: actor.practiceId,
      role: 'admin',
      origin: freshOrigin(),
    });
    expect(claimsOf(switched.accessToken)['mfa_pending']).toBe(true);

    const pendingActor = actorOf(pending);
    const { secret } = await world.bus.send(StartMfaEnrolment, { actor: pendingActor });
    await world.bus.send(ConfirmMfaEnrolment, { actor: pendingActor, code: await totpAt(world, secret) });
    world.clock.advance(30_000);
    const done = await world.bus.send(Login, {
      email: founder.email,
      password: PASSWORD,
      totp: await totpAt(world, secret),
      origin: freshOrigin(),
    });
    expect('mfa_pending' in claimsOf(done.accessToken)).toBe(false);
  });
});
