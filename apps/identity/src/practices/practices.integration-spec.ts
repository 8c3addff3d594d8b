// Real: PostgreSQL, RabbitMQ (commands and the events identity publishes), the identity service
// started in this process with startService. Faked: nothing.
import { eq } from 'drizzle-orm';
import { ArborError, CreatePractice, Login } from '@arbor/contracts';
import { auditLog } from '@arbor/audit';
import { memberships, users } from '../users/users.schema';
import {
  createIdentityWorld,
  failure,
  freshOrigin,
  type IdentityWorld,
  PASSWORD,
  uniqueEmail,
} from '../../test/identity-world';
import { practices } from './practices.schema';

describe('sign-up', () => {
  let world: IdentityWorld;

  beforeAll(async () => {
    world = await createIdentityWorld('practices');
  });
  afterAll(() => world.close());

  it('creates the practice and its first Admin, who is also a Provider, and announces both', async () => {
    const email = uniqueEmail('founder');
    const reply = await world.bus.send(CreatePractice, {
      practiceName: '  Harbour Therapy  ',
      admin: { name: 'Hana Harbour', email: email.toUpperCase(), password: PASSWORD },
      origin: freshOrigin(),
    });
    expect(reply).toEqual({
      practice: { id: expect.any(String) as unknown, name: 'Harbour Therapy' },
      user: { id: expect.any(String) as unknown, email },
    });
    const [practice] = await world.database.db
      .select()
      .from(practices)
      .where(eq(practices.id, reply.practice.id));
    expect(practice).toMatchObject({ name: 'Harbour Therapy', requireMfa: false });
    const [user] = await world.database.db.select().from(users).where(eq(users.id, reply.user.id));
    expect(user?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const [membership] = await world.database.db
      .select()
      .from(memberships)
      .where(eq(memberships.userId, reply.user.id));
    expect(membership).toMatchObject({
      practiceId: reply.practice.id,
      roles: ['admin', 'provider'],
      clientId: null,
    });

    const created = await world.events.next(
      'identity.practice.created.v1',
      (data) => data['practiceId'] === reply.practice.id,
    );
    expect(created).toMatchObject({
      practiceId: reply.practice.id,
      actor: { userId: reply.user.id, practiceId: reply.practice.id, role: 'admin' },
      data: { name: 'Harbour Therapy', adminUserId: reply.user.id },
    });
    await world.events.next(
      'identity.membership.changed.v1',
      (data) => data['userId'] === reply.user.id && JSON.stringify(data['roles']) === '["admin","provider"]',
    );
    // The address in its stored form (trimmed, lower-cased), for notifications' email.
    const address = await world.events.next(
      'identity.user.email-set.v1',
      (data) => data['userId'] === reply.user.id,
    );
    expect(address).toMatchObject({ practiceId: reply.practice.id, data: { userId: reply.user.id, email } });
    const audited = await world.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.practiceId, reply.practice.id));
    expect(audited.map((row) => row.action)).toEqual(['practice.created']);
    await expect(
      world.bus.send(Login, { email, password: PASSWORD, origin: freshOrigin() }),
    ).resolves.toBeTruthy();
  });

  it('answers conflict for an email that already has an account, whatever its case', async () => {
    const email = uniqueEmail('twice');
    await world.bus.send(CreatePractice, {
      practiceName: 'First',
      admin: { name: 'First', email, password: PASSWORD },
      origin: freshOrigin(),
    });
    const error = await failure(
      world.bus.send(CreatePractice, {
        practiceName: 'Second',
        admin: { name: 'Second', email: email.toUpperCase(), password: PASSWORD },
        origin: freshOrigin(),
      }),
    );
    expect(error.code).toBe('conflict');
  });

  it('answers conflict to one of two sign-ups with one email racing each other', async () => {
    const email = uniqueEmail('race');
    const attempt = () =>
      world.bus
        .send(CreatePractice, {
          practiceName: 'Race',
          admin: { name: 'Racer', email, password: PASSWORD },
          origin: freshOrigin(),
        })
        .then(
          () => 'created',
          (e: unknown) => (e instanceof ArborError ? e.code : 'other'),
        );
    const outcomes = await Promise.all([attempt(), attempt()]);
    expect(outcomes.sort()).toEqual(['conflict', 'created']);
  });

  it('refuses a common password, naming admin.password', async () => {
    const error = await failure(
      world.bus.send(CreatePractice, {
        practiceName: 'Weak',
        admin: { name: 'Weak', email: uniqueEmail('weak'), password: 'Password1234' },
        origin: freshOrigin(),
      }),
    );
    expect(error).toMatchObject({
      code: 'validation_failed',
      details: {
        errors: [{ path: 'admin.password', message: 'is a commonly used password: choose another' }],
      },
    });
  });
});
