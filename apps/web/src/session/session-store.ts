import type { AccessTokenClaims, Role } from '@arbor/contracts';
import { LogoutRoute, RefreshSessionRoute, SwitchRoleRoute } from '@arbor/contracts';
import type { HttpRoute } from '@arbor/contracts';
import { callRoute, type CallInput, type CallOptions, type CallOutput } from '../api/api-client';
import { isApiProblem } from '../api/api-problem';
import { claimsOf } from './access-token';

export type SessionState =
  | { status: 'restoring' }
  | { status: 'signed-out'; reason?: 'expired' | 'signed-out' }
  | { status: 'signed-in'; accessToken: string; claims: AccessTokenClaims };

type Broadcast = { type: 'token'; accessToken: string } | { type: 'signed-out' };

/** A token this close to its expiry is refreshed before use rather than sent to fail. */
const EXPIRY_MARGIN_SECONDS = 20;
const REFRESH_LOCK = 'arbor-session-refresh';
/**
 * Whether this browser has signed in since it last signed out: only then can a refresh cookie
 * exist, so a first visit does not start with a refresh that can only answer 401. A hint, never
 * a credential: it holds no token, and a stale one costs one refused refresh.
 */
const SIGNED_IN_HINT = 'arbor.signed-in';

/**
 * The browser's session: the access token in memory only (the refresh token is an httpOnly
 * cookie the app never sees), refreshed silently when it runs out. A refresh rotates the cookie,
 * and two refreshes presenting the same cookie look like theft and end the session; so every
 * refresh runs under one Web Lock shared by the origin's tabs (the next one then carries the
 * already-rotated cookie), and its token is broadcast, so a tab that hears of it while waiting
 * for the lock uses it without refreshing at all.
 */
export class SessionStore {
  private state: SessionState = { status: 'restoring' };
  private readonly listeners = new Set<() => void>();
  private refreshing: Promise<boolean> | undefined;
  private readonly channel: BroadcastChannel | undefined;

  constructor(private readonly now: () => number = () => Date.now()) {
    this.channel =
      typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel('arbor-session');
    this.channel?.addEventListener('message', (event: MessageEvent<Broadcast>) =>
      this.onBroadcast(event.data),
    );
  }

  /** Stops listening to the other tabs (tests; the app's store lives as long as the page). */
  close(): void {
    this.channel?.close();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): SessionState => this.state;

  /** At start: a refresh cookie from an earlier visit signs the person back in without a form. */
  async restore(): Promise<void> {
    if (this.state.status !== 'restoring') return;
    // Unreachable or refused alike: the sign-in page says what is wrong when they try.
    const restored = hint.get() ? await this.refresh().catch(() => false) : false;
    if (!restored) this.set({ status: 'signed-out' });
  }

  /** After sign-in, accepting an invitation, or switching role: the token to act with. */
  adopt(accessToken: string, options: { broadcast?: boolean } = {}): void {
    const claims = claimsOf(accessToken);
    if (!claims) throw new Error('the gateway answered an unreadable access token');
    this.set({ status: 'signed-in', accessToken, claims });
    hint.set(true);
    if (options.broadcast !== false) this.post({ type: 'token', accessToken });
  }

  /**
   * A call as the signed-in person. A token about to run out is refreshed first; a 401 is met
   * with one refresh and one retry; when the session cannot be refreshed, the person is signed
   * out with reason `expired` (the router then sends them to sign in, and back here after).
   */
  async call<R extends HttpRoute>(
    route: R,
    input: CallInput<R>,
    options: Omit<CallOptions, 'accessToken'> = {},
  ): Promise<CallOutput<R>> {
    if (this.aboutToExpire()) await this.refreshOrExpire();
    try {
      return await callRoute(route, input, { ...options, accessToken: this.token() });
    } catch (error) {
      if (!isApiProblem(error) || error.status !== 401 || this.state.status !== 'signed-in') throw error;
      await this.refreshOrExpire();
      return callRoute(route, input, { ...options, accessToken: this.token() });
    }
  }

  /**
   * The token to open a long request with (the alert stream, which `call` cannot carry): refreshed
   * first when about to run out, or when it is `refused`, the token the gateway just answered 401
   * to. None once the session is over.
   */
  async streamToken(refused?: string): Promise<string | undefined> {
    if (this.aboutToExpire() || (refused !== undefined && refused === this.token())) {
      await this.refreshOrExpire();
    }
    return this.token();
  }

  /**
   * The gateway said session `sessionId` ended (signed out elsewhere, its password changed, removed
   * from the practice): signed out here and in the other tabs, and sent to sign in. A session
   * that is no longer this tab's (signed out here, or signed in again since) is left alone.
   */
  sessionEnded(sessionId: string): void {
    if (this.state.status !== 'signed-in' || this.state.claims.sid !== sessionId) return;
    hint.set(false);
    this.set({ status: 'signed-out', reason: 'expired' });
    this.post({ type: 'signed-out' });
  }

  async switchRole(practiceId: string, role: Role): Promise<void> {
    const switched = await this.call(SwitchRoleRoute, { body: { practiceId, role } });
    this.adopt(switched.accessToken);
  }

  async signOut(): Promise<void> {
    try {
      await callRoute(LogoutRoute, {}, { accessToken: this.token() });
    } finally {
      hint.set(false);
      this.set({ status: 'signed-out', reason: 'signed-out' });
      this.post({ type: 'signed-out' });
    }
  }

  /** One refresh at a time in this tab, and (where the browser has Web Locks) across tabs. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.refreshOnce().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async refreshOnce(): Promise<boolean> {
    const before = this.token();
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    const work = async (): Promise<boolean> => {
      // Another tab refreshed while we waited for the lock, and told us: use its token.
      const current = this.token();
      if (current && current !== before) return true;
      try {
        const fresh = await callRoute(RefreshSessionRoute, {});
        this.adopt(fresh.accessToken);
        return true;
      } catch (error) {
        if (isApiProblem(error) && (error.status === 401 || error.status === 403)) {
          hint.set(false);
          return false;
        }
        throw error;
      }
    };
    return locks ? locks.request(REFRESH_LOCK, work) : work();
  }

  private async refreshOrExpire(): Promise<void> {
    if (!(await this.refresh())) {
      this.set({ status: 'signed-out', reason: 'expired' });
    }
  }

  private aboutToExpire(): boolean {
    return (
      this.state.status === 'signed-in' && this.state.claims.exp - EXPIRY_MARGIN_SECONDS < this.now() / 1000
    );
  }

  private token(): string | undefined {
    return this.state.status === 'signed-in' ? this.state.accessToken : undefined;
  }

  private onBroadcast(message: Broadcast): void {
    if (message.type === 'token') this.adopt(message.accessToken, { broadcast: false });
    else if (this.state.status === 'signed-in') this.set({ status: 'signed-out', reason: 'signed-out' });
  }

  private post(message: Broadcast): void {
    this.channel?.postMessage(message);
  }

  private set(state: SessionState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

/** localStorage can be refused (private modes, storage settings): then every visit tries a refresh. */
const hint = {
  get(): boolean {
    try {
      return localStorage.getItem(SIGNED_IN_HINT) !== null;
    } catch {
      return true;
    }
  },
  set(signedIn: boolean): void {
    try {
      if (signedIn) localStorage.setItem(SIGNED_IN_HINT, '1');
      else localStorage.removeItem(SIGNED_IN_HINT);
    } catch {
      // Not kept: the next visit tries a refresh, which answers for itself.
    }
  },
};
