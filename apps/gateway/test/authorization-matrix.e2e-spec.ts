// Real: the built identity app in its own process (tokens, the client-portal invitation over the
// bus), the gateway in this process with its own route table, RabbitMQ and PostgreSQL.
// Faked: nothing. The matrix is generated from the running gateway's route metadata (path,
// method, @Public, @Roles), so a route added later is covered without editing this file.
import { InviteClient, type Role } from '@arbor/contracts';
import type { RouteTableEntry } from '../src/openapi/route-table';
import { inviteProvider, inviteTokenOf, login, signUpAsAdmin } from './identity-helpers';
import { startPlatform, type Platform } from './platform';

const PASSWORD = 'maple-syrup-on-tuesdays';
/** How many /api/v1 routes the gateway serves today: the matrix must never shrink below it. */
const ROUTES_TODAY = 25;
const ROLES: Role[] = ['admin', 'provider', 'client'];
// A valid-looking UUID for every path parameter but :pid (nothing is looked up: the guard answers first).
const SOME_ID = '0190b1a2-7c1e-7d3f-8a2b-00000000beef';

type Tokens = Record<Role, string>;

describe('authorization matrix, from the gateway’s own route table', () => {
  let platform: Platform;
  let routes: RouteTableEntry[];
  const own = { id: '', tokens: {} as Tokens };
  const other = { id: '', tokens: {} as Tokens };

  /** A practice with a token for each active role: its Admin, a Provider, a portal Client. */
  async function practiceWithEveryRole(
    name: string,
    domain: string,
  ): Promise<{ id: string; tokens: Tokens }> {
    const admin = await signUpAsAdmin(platform.api, name, `admin@${domain}`, PASSWORD);
    const provider = await inviteProvider(
      platform.api,
      { practiceId: admin.practiceId, adminToken: admin.adminToken },
      { name: 'Pat Provider', email: `pat@${domain}`, password: PASSWORD },
    );
    const invitation = await platform.bus.send(InviteClient, {
      actor: { userId: admin.userId, practiceId: admin.practiceId, role: 'admin' },
      clientId: '0190b1a2-7c1e-7d3f-8a2b-00000000c11e',
      name: 'Cara Client',
      email: `cara@${domain}`,
    });
    const accepted = await platform.api.call(
      'POST',
      `/invitations/${inviteTokenOf(invitation.inviteUrl)}/accept`,
      {
        body: { password: PASSWORD },
      },
    );
    expect(accepted.status).toBe(200);
    const client = await login(platform.api, `cara@${domain}`, PASSWORD);
    return {
      id: admin.practiceId,
      tokens: { admin: admin.adminToken, provider: provider.accessToken, client: client.accessToken },
    };
  }

  /** The route's URL under /api/v1, in practice `pid`. */
  function urlOf(route: RouteTableEntry, pid: string): string {
    return route.path
      .replace(/^\/api\/v1/, '')
      .replace(':pid', pid)
      .replace(/:[A-Za-z0-9_]+/g, SOME_ID);
  }

  async function statusOf(route: RouteTableEntry, pid: string, token?: string): Promise<number> {
    return (await platform.api.call(route.method, urlOf(route, pid), { token })).status;
  }

  beforeAll(async () => {
    platform = await startPlatform('matrix', ['identity']);
    routes = platform.routes.filter((route) => route.path.startsWith('/api/v1/'));
    Object.assign(own, await practiceWithEveryRole('Maple Counselling', 'maple.test'));
    Object.assign(other, await practiceWithEveryRole('Birch Therapy', 'birch.test'));
  });

  afterAll(() => platform?.close());

  it('covers every route the gateway serves, each with a contract and an explicit access rule', () => {
    expect(routes.length).toBeGreaterThanOrEqual(ROUTES_TODAY);
    // No @Roles and no @Public: any signed-in role could call it, which nobody decided.
    expect(routes.filter((route) => !route.isPublic && !route.roles).map((route) => route.handler)).toEqual(
      [],
    );
    expect(routes.filter((route) => !route.contract).map((route) => route.handler)).toEqual([]);
    // The contract says who may call it; the metadata the guard reads must say the same.
    const disagreeing = routes.filter(({ contract, isPublic, roles }) =>
      contract?.access === 'public' ? !isPublic : isPublic || roles?.join() !== contract?.access.join(),
    );
    expect(disagreeing.map((route) => route.handler)).toEqual([]);
  });

  it('answers 401 to every protected route without a token, or with a bad one', async () => {
    const protectedRoutes = routes.filter((route) => !route.isPublic);
    expect(protectedRoutes.length).toBeGreaterThan(ROUTES_TODAY / 2);
    const forged = `${Buffer.from('{"alg":"EdDSA","kid":"x"}').toString('base64url')}.${Buffer.from(
      `{"sub":"${SOME_ID}","pid":"${own.id}","role":"admin"}`,
    ).toString('base64url')}.c2lnbmF0dXJl`;
    const answers: string[] = [];
    for (const route of protectedRoutes) {
      for (const [label, token] of [
        ['no token', undefined],
        ['a malformed token', 'not-a-token'],
        ['a forged token', forged],
      ] as const) {
        answers.push(`${route.method} ${route.path} with ${label}: ${await statusOf(route, own.id, token)}`);
      }
    }
    expect(answers.filter((answer) => !answer.endsWith(': 401'))).toEqual([]);
    expect(answers).toHaveLength(protectedRoutes.length * 3);
  });

  it('answers 404 to every route of another practice, whatever role the caller acts in', async () => {
    const practiceRoutes = routes.filter((route) => route.path.includes('/:pid'));
    expect(practiceRoutes.length).toBeGreaterThanOrEqual(13);
    const answers: string[] = [];
    for (const route of practiceRoutes) {
      for (const role of ROLES) {
        const status = await statusOf(route, own.id, other.tokens[role]);
        answers.push(`${route.method} ${route.path} as another practice's ${role}: ${status}`);
      }
    }
    expect(answers.filter((answer) => !answer.endsWith(': 404'))).toEqual([]);
    expect(answers).toHaveLength(practiceRoutes.length * ROLES.length);
  });

  it('answers 403 to every role a route does not allow, in the caller’s own practice', async () => {
    const cells = routes.flatMap((route) =>
      route.isPublic
        ? []
        : ROLES.filter((role) => !route.roles?.includes(role)).map((role) => ({ route, role })),
    );
    // Admin-only and staff-only routes exist today: the table cannot be empty.
    expect(cells.length).toBeGreaterThanOrEqual(20);
    const answers: string[] = [];
    for (const { route, role } of cells) {
      answers.push(
        `${route.method} ${route.path} as ${role}: ${await statusOf(route, own.id, own.tokens[role])}`,
      );
    }
    expect(answers.filter((answer) => !answer.endsWith(': 403'))).toEqual([]);
  });
});
