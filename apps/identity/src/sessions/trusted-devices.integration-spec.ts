// Real: PostgreSQL, RabbitMQ, the identity service started in this process with startService,
// argon2id. Faked: the clock (tests move it instead of waiting for lockouts to end).
// What a person would notice: a stranger who knows their email, or a colleague behind the
// clinic's shared address, cannot keep them out of a browser they have signed in from before.
import { ChangePassword, Login } from '@arbor/contracts';
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

const DAY = 24 * 60 * 60_000;

describe('sign-in from a trusted device', () => {
  let world: IdentityWorld;

  beforeAll(async () => {
    world = await createIdentityWorld('trusted_devices');
  });
  afterAll(() => world.close());

  async function lockAccountFromElsewhere(email: string): Promise<void> {
    for (let i = 0; i < 5; i += 1) {
      await failure(
        world.bus.send(Login, { email, password: `a stranger's guess ${i}`, origin: freshOrigin() }),
      );
    }
    const locked = await failure(world.bus.send(Login, { email, password: PASSWORD, origin: freshOrigin() }));
    expect(locked.code).toBe('rate_limited');
  }

  function signInFromDevice(email: string, deviceToken: string, password = PASSWORD) {
    return world.bus.send(Login, { email, password, origin: freshOrigin(), deviceToken });
  }

  it('answers a device token on every sign-in, and keeps the same one for a trusted device', async () => {
    const { email, session } = await signUpAndLogin(world);
    expect(session.deviceToken).toMatch(/^dv_[A-Za-z0-9_-]{43}$/);
    const again = await world.bus.send(Login, {
      email,
      password: PASSWORD,
      origin: freshOrigin(),
      deviceToken: session.deviceToken,
    });
    expect(again.deviceToken).toBe(session.deviceToken);
  });

  it("lets the owner in from their known device while a stranger's failures lock the account everywhere else", async () => {
    const { email, session } = await signUpAndLogin(world);
    await lockAccountFromElsewhere(email);

    await expect(
      world.bus.send(Login, {
        email,
        password: PASSWORD,
        origin: freshOrigin(),
        deviceToken: session.deviceToken,
      }),
    ).resolves.toMatchObject({ user: { email } });
    // The owner's sign-in does not lift the lock the stranger is under.
    const stranger = await failure(
      world.bus.send(Login, { email, password: PASSWORD, origin: freshOrigin() }),
    );
    expect(stranger.code).toBe('rate_limited');
  });

  it('lets a person with a known device in from an address locked by failures across accounts', async () => {
    const { email, session } = await signUpAndLogin(world);
    const clinic = freshOrigin();
    for (let i = 0; i < 20; i += 1) {
      await failure(
        world.bus.send(Login, { email: uniqueEmail('spray'), password: 'Summer2026!!', origin: clinic }),
      );
    }
    const newBrowser = await failure(world.bus.send(Login, { email, password: PASSWORD, origin: clinic }));
    expect(newBrowser.code).toBe('rate_limited');
    await expect(
      world.bus.send(Login, { email, password: PASSWORD, origin: clinic, deviceToken: session.deviceToken }),
    ).resolves.toMatchObject({ user: { email } });
  });

  it("locks a trusted device after its own 5 failures, and that lock is the device's alone", async () => {
    const { email, session } = await signUpAndLogin(world);
    const device = { origin: freshOrigin(), deviceToken: session.deviceToken };
    for (let i = 0; i < 5; i += 1) {
      const wrong = await failure(world.bus.send(Login, { email, password: `typo ${i} here`, ...device }));
      expect(wrong.code).toBe('unauthenticated');
    }
    const locked = await failure(world.bus.send(Login, { email, password: PASSWORD, ...device }));
    expect(locked).toMatchObject({ code: 'rate_limited', details: { retryAfterSeconds: 900 } });
    await expect(
      world.bus.send(Login, { email, password: PASSWORD, origin: freshOrigin() }),
    ).resolves.toMatchObject({ user: { email } });
  });

  it("does not trust one account's device for another account", async () => {
    const mine = await signUpAndLogin(world);
    const theirs = await signUpAndLogin(world);
    await lockAccountFromElsewhere(theirs.email);
    const borrowed = await failure(
      world.bus.send(Login, {
        email: theirs.email,
        password: PASSWORD,
        origin: freshOrigin(),
        deviceToken: mine.session.deviceToken,
      }),
    );
    expect(borrowed.code).toBe('rate_limited');
  });

  it('stops trusting a device 90 days after its last sign-in', async () => {
    const { email, session } = await signUpAndLogin(world);
    world.clock.advance(91 * DAY);
    await lockAccountFromElsewhere(email);
    const expired = await failure(signInFromDevice(email, session.deviceToken));
    expect(expired.code).toBe('rate_limited');
  });

  it('forgets every device of a person who changes their password', async () => {
    const { email, session } = await signUpAndLogin(world);
    const newPassword = 'another long and uncommon passphrase';
    await world.bus.send(ChangePassword, {
      actor: actorOf(session),
      currentPassword: PASSWORD,
      newPassword,
      origin: freshOrigin(),
    });
    await lockAccountFromElsewhere(email);
    const forgotten = await failure(signInFromDevice(email, session.deviceToken, newPassword));
    expect(forgotten.code).toBe('rate_limited');
  });

  it("a stranger's failed sign-ins do not stop the signed-in owner changing their password", async () => {
    const { email, session } = await signUpAndLogin(world);
    await lockAccountFromElsewhere(email);
    await expect(
      world.bus.send(ChangePassword, {
        actor: actorOf(session),
        currentPassword: PASSWORD,
        newPassword: 'another long and uncommon passphrase',
        origin: freshOrigin(),
      }),
    ).resolves.toEqual({});
  });
});
