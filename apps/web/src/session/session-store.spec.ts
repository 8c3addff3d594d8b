import { afterEach, describe, expect, it, vi } from 'vitest';
import { GetMeRoute, RefreshSessionRoute } from '@arbor/contracts';
import { accessTokenFor, fakeGateway, PRACTICE_ID, problem, USER_ID } from '../test/fake-gateway';
import { SessionStore } from './session-store';

const me = {
  status: 200,
  body: {
    user: { id: USER_ID, name: 'Dana', email: 'dana@example.test', mfaEnabled: false },
    memberships: [{ practiceId: PRACTICE_ID, practiceName: 'Demo', roles: ['admin'], activeRole: 'admin' }],
    activePracticeId: PRACTICE_ID,
    activeRole: 'admin',
  },
};
const tokenReply = (accessToken: string) => ({ status: 200, body: { accessToken, expiresIn: 900 } });
const bearer = (headers: Record<string, string>) => headers['authorization']?.replace('Bearer ', '');

/** Web Locks as a browser has them: one holder at a time per name, across every tab of the origin. */
function sharedLocks() {
  let queue = Promise.resolve<unknown>(undefined);
  return {
    request: <T>(_name: string, work: () => Promise<T>): Promise<T> => {
      const run = queue.then(work);
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

describe('SessionStore', () => {
  const stores: SessionStore[] = [];
  const newStore = () => {
    const store = new SessionStore();
    stores.push(store);
    return store;
  };
  afterEach(() => stores.splice(0).forEach((store) => store.close()));

  it('meets an expired token with one refresh and retries the call with the new token', async () => {
    const stale = accessTokenFor({ sid: '01937a1e-0000-7000-8000-00000000000a' });
    const fresh = accessTokenFor({ sid: '01937a1e-0000-7000-8000-00000000000b' });
    const gateway = fakeGateway([
      {
        route: GetMeRoute,
        reply: ({ headers }) => (bearer(headers) === fresh ? me : problem(401, 'unauthenticated', 'expired')),
      },
      { route: RefreshSessionRoute, reply: () => tokenReply(fresh) },
    ]);
    const store = newStore();
    store.adopt(stale, { broadcast: false });
    await expect(store.call(GetMeRoute, {})).resolves.toMatchObject({ activeRole: 'admin' });
    expect(gateway.requests.map((request) => request.operationId)).toEqual([
      'getMe',
      'refreshSession',
      'getMe',
    ]);
  });

  it('refreshes once for calls that fail together', async () => {
    const fresh = accessTokenFor({ sid: '01937a1e-0000-7000-8000-00000000000b' });
    const gateway = fakeGateway([
      {
        route: GetMeRoute,
        reply: ({ headers }) => (bearer(headers) === fresh ? me : problem(401, 'unauthenticated', 'expired')),
      },
      { route: RefreshSessionRoute, reply: () => tokenReply(fresh) },
    ]);
    const store = newStore();
    store.adopt(accessTokenFor(), { broadcast: false });
    await Promise.all([store.call(GetMeRoute, {}), store.call(GetMeRoute, {}), store.call(GetMeRoute, {})]);
    expect(gateway.requests.filter((request) => request.operationId === 'refreshSession')).toHaveLength(1);
  });

  it('refreshes a token about to run out before using it', async () => {
    const fresh = accessTokenFor({ sid: '01937a1e-0000-7000-8000-00000000000b' });
    const gateway = fakeGateway([
      { route: GetMeRoute, reply: () => me },
      { route: RefreshSessionRoute, reply: () => tokenReply(fresh) },
    ]);
    const store = newStore();
    store.adopt(accessTokenFor({ exp: Math.floor(Date.now() / 1000) + 5 }), { broadcast: false });
    await store.call(GetMeRoute, {});
    expect(gateway.requests.map((request) => request.operationId)).toEqual(['refreshSession', 'getMe']);
    expect(bearer(gateway.requests[1]!.headers)).toBe(fresh);
  });

  it('signs out as "expired" when the session cannot be refreshed', async () => {
    fakeGateway([
      { route: GetMeRoute, reply: () => problem(401, 'unauthenticated', 'expired') },
      { route: RefreshSessionRoute, reply: () => problem(401, 'unauthenticated', 'session ended') },
    ]);
    const store = newStore();
    store.adopt(accessTokenFor(), { broadcast: false });
    await expect(store.call(GetMeRoute, {})).rejects.toMatchObject({ status: 401 });
    expect(store.snapshot()).toEqual({ status: 'signed-out', reason: 'expired' });
  });

  it('restores a session from the refresh cookie at start, or is signed out without one', async () => {
    const fresh = accessTokenFor();
    let cookie = true;
    fakeGateway([
      {
        route: RefreshSessionRoute,
        reply: () => (cookie ? tokenReply(fresh) : problem(401, 'unauthenticated', 'no session')),
      },
    ]);
    localStorage.setItem('arbor.signed-in', '1');
    const returning = newStore();
    await returning.restore();
    expect(returning.snapshot()).toMatchObject({ status: 'signed-in', accessToken: fresh });
    cookie = false;
    const stranger = newStore();
    await stranger.restore();
    expect(stranger.snapshot()).toEqual({ status: 'signed-out' });
  });

  it('does not try to refresh in a browser that never signed in (or signed out since)', async () => {
    localStorage.removeItem('arbor.signed-in');
    const gateway = fakeGateway([]);
    const visitor = newStore();
    await visitor.restore();
    expect(visitor.snapshot()).toEqual({ status: 'signed-out' });
    expect(gateway.requests).toHaveLength(0);
  });

  it('never lets two tabs refresh at the same time, which would present one cookie twice', async () => {
    vi.stubGlobal('navigator', { ...navigator, locks: sharedLocks() });
    let inFlight = 0;
    let mostAtOnce = 0;
    let issued = 0;
    fakeGateway([
      {
        route: RefreshSessionRoute,
        reply: async () => {
          inFlight += 1;
          mostAtOnce = Math.max(mostAtOnce, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 5));
          inFlight -= 1;
          issued += 1;
          return tokenReply(accessTokenFor({ sid: `01937a1e-0000-7000-8000-00000000000${issued}` }));
        },
      },
    ]);
    const tabs = [newStore(), newStore(), newStore()];
    for (const tab of tabs) tab.adopt(accessTokenFor(), { broadcast: false });
    await expect(Promise.all(tabs.map((tab) => tab.refresh()))).resolves.toEqual([true, true, true]);
    expect(mostAtOnce).toBe(1);
    for (const tab of tabs) expect(tab.snapshot()).toMatchObject({ status: 'signed-in' });
  });

  it('adopts a token another tab broadcast, so it need not refresh itself', async () => {
    const fresh = accessTokenFor({ sid: '01937a1e-0000-7000-8000-00000000000b' });
    const gateway = fakeGateway([{ route: RefreshSessionRoute, reply: () => tokenReply(fresh) }]);
    const first = newStore();
    const second = newStore();
    second.adopt(accessTokenFor(), { broadcast: false });
    const heard = new Promise<void>((resolve) => {
      const stop = second.subscribe(() => {
        stop();
        resolve();
      });
    });
    await first.refresh();
    await heard;
    expect(second.snapshot()).toMatchObject({ status: 'signed-in', accessToken: fresh });
    expect(gateway.requests.filter((request) => request.operationId === 'refreshSession')).toHaveLength(1);
  });
});
