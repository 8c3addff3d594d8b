import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { AddNote, ListNotes } from '@arbor/contracts';
import { KeyRingSetting, openText } from '@arbor/crypto';
import { connectDatabase } from '@arbor/database';
import type { NotesRun } from '../protocol';
import { sequential, sleep, type Call } from '../stats';
import { signUp, withHandlerTime, type AuthWorld } from './auth';
import { expectStatus, listenGateway, type ListeningGateway } from './gateway';

export interface NotesPlan {
  /** Notes on the listed client, and the characters of each body. */
  readonly notesPerClient: number;
  readonly bodyChars: number;
  readonly warmup: number;
  readonly adds: number;
  readonly lists: number;
  readonly budgetMs: { readonly warmup: number; readonly sequential: number };
  /** The notes process's ops port (`/metrics`), on 127.0.0.1. */
  readonly notesOpsPort: number;
  /** Its database, read here for the sealed bodies, and its key-encryption keys (the setting's text). */
  readonly notesDatabaseUrl: string;
  readonly notesKeys: string;
}

/** Printable text of `chars` characters, different every time (a note body). */
function noteBody(chars: number): string {
  return randomBytes(Math.ceil((chars * 3) / 4))
    .toString('base64')
    .slice(0, chars);
}

/** Retries a request until it answers `status` (a service learning of a new client from events). */
export async function untilStatus(
  call: () => Promise<{ status: number; body: string }>,
  status: number,
  what: string,
) {
  const deadline = performance.now() + 30_000;
  for (;;) {
    const answer = await call();
    if (answer.status === status) return answer.body;
    if (performance.now() > deadline) throw new Error(`${what} answered ${answer.status}: ${answer.body}`);
    await sleep(50);
  }
}

/** A practice's Admin acting as Admin: the practice and an access token. */
export async function adminSession(
  gateway: ListeningGateway,
): Promise<{ practiceId: string; headers: Record<string, string> }> {
  const account = await signUp(gateway);
  const loggedIn = JSON.parse(
    expectStatus(await gateway.call('/api/v1/auth/login', { method: 'POST', body: account }), 200, 'login'),
  ) as { accessToken: string; memberships: Array<{ practiceId: string }> };
  const practiceId = loggedIn.memberships[0]!.practiceId;
  const switched = JSON.parse(
    expectStatus(
      await gateway.call('/api/v1/auth/switch-role', {
        method: 'POST',
        headers: { authorization: `Bearer ${loggedIn.accessToken}` },
        body: { practiceId, role: 'admin' },
      }),
      200,
      'switch-role',
    ),
  ) as { accessToken: string };
  return { practiceId, headers: { authorization: `Bearer ${switched.accessToken}` } };
}

/**
 * Through the real gateway in front of identity, client-records and notes (each its own process):
 * an Admin adds notes of `bodyChars` characters (`practice` notes, which an Admin may read), then
 * lists a client's `notesPerClient` notes in one page. Beside them: the time the notes service's
 * handlers spent (its metrics), and libs/crypto's `openText` on the same sealed bodies, read from
 * the notes database, in this process: what decrypting a page costs without the rest.
 */
export async function measureNotes(world: AuthWorld, plan: NotesPlan): Promise<NotesRun> {
  const gateway = await listenGateway({
    ...world,
    services: ['identity', 'client-records', 'notes'],
    modules: [],
  });
  const database = connectDatabase(plan.notesDatabaseUrl, { max: 1 });
  try {
    const { practiceId, headers } = await adminSession(gateway);
    const newClient = async (label: string) => {
      const body = await untilStatus(
        () =>
          gateway.call(`/api/v1/practices/${practiceId}/clients`, {
            method: 'POST',
            headers,
            body: {
              firstName: 'Bench',
              lastName: label,
              email: `${label}-${randomBytes(4).toString('hex')}@bench.test`,
            },
          }),
        201,
        'POST clients',
      );
      return (JSON.parse(body) as { id: string }).id;
    };
    const adder = (clientId: string): Call => {
      const path = `/api/v1/practices/${practiceId}/clients/${clientId}/notes`;
      return async () =>
        expectStatus(
          await gateway.call(path, {
            method: 'POST',
            headers,
            body: { type: 'practice', body: noteBody(plan.bodyChars) },
          }),
          201,
          `POST ${path}`,
        );
    };

    // The listed client: its notes, the first once notes has heard of the client.
    const listed = await newClient('listed');
    const addToListed = adder(listed);
    await untilStatus(
      async () => {
        try {
          await addToListed();
          return { status: 201, body: '' };
        } catch (error) {
          return { status: 0, body: String(error) };
        }
      },
      201,
      'the first note',
    );
    for (let i = 1; i < plan.notesPerClient; i += 1) await addToListed();

    // Adding: on another client, so that the listed one keeps exactly its page.
    const written = await newClient('written');
    const addToWritten = adder(written);
    await untilStatus(
      async () => {
        try {
          await addToWritten();
          return { status: 201, body: '' };
        } catch (error) {
          return { status: 0, body: String(error) };
        }
      },
      201,
      'the first note',
    );
    await sequential(addToWritten, plan.warmup, plan.budgetMs.warmup);
    const add = await withHandlerTime(plan.notesOpsPort, AddNote.pattern, () =>
      sequential(addToWritten, plan.adds, plan.budgetMs.sequential),
    );

    const listPath = `/api/v1/practices/${practiceId}/clients/${listed}/notes?limit=${plan.notesPerClient}`;
    const list: Call = async () => {
      const page = JSON.parse(
        expectStatus(await gateway.call(listPath, { headers }), 200, `GET ${listPath}`),
      ) as {
        items: unknown[];
      };
      if (page.items.length !== plan.notesPerClient) {
        throw new Error(`GET ${listPath} listed ${page.items.length} notes, not ${plan.notesPerClient}`);
      }
    };
    await sequential(list, plan.warmup, plan.budgetMs.warmup);
    const lists = await withHandlerTime(plan.notesOpsPort, ListNotes.pattern, () =>
      sequential(list, plan.lists, plan.budgetMs.sequential),
    );
    // The same client's newest note alone: what a page costs per note read, beside what it costs at all.
    const onePath = listPath.replace(`limit=${plan.notesPerClient}`, 'limit=1');
    const listOne: Call = async () =>
      expectStatus(await gateway.call(onePath, { headers }), 200, `GET ${onePath}`);
    await sequential(listOne, plan.warmup, plan.budgetMs.warmup);
    const one = await sequential(listOne, plan.lists, plan.budgetMs.sequential);

    // The same page's sealed bodies, opened here as the service opens them (record id = note id).
    const rows = (
      await database.pool.query<{ id: string; body_sealed: string }>(
        'SELECT id, body_sealed FROM notes WHERE client_id = $1',
        [listed],
      )
    ).rows;
    if (rows.length !== plan.notesPerClient) throw new Error(`the notes database holds ${rows.length} notes`);
    const ring = KeyRingSetting.parse(plan.notesKeys);
    const openPage: Call = () => {
      for (const row of rows) {
        if (openText(ring, row.body_sealed, row.id).length !== plan.bodyChars)
          throw new Error('a body opened wrong');
      }
      return Promise.resolve();
    };
    await sequential(openPage, plan.warmup, plan.budgetMs.warmup);
    const decrypt = await sequential(openPage, lists.result.length, plan.budgetMs.warmup);

    return {
      add: add.result,
      list: lists.result,
      listOne: one,
      decrypt,
      addHandler: { ms: add.handlerMs, requests: add.handled },
      listHandler: { ms: lists.handlerMs, requests: lists.handled },
    };
  } finally {
    await database.close();
    await gateway.close();
  }
}
