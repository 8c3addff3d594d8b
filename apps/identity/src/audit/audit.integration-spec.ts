// Real: PostgreSQL with identity's migrations (the shared audit_log table and its append-only
// trigger), RabbitMQ, the identity service started in this process with startService (the
// shared service world). Faked: the clock (a test clock is identity's Clock).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { AUDIT_LOG_APPEND_ONLY_SQL, auditLog } from '@arbor/audit';
import { Login } from '@arbor/contracts';
import {
  createIdentityWorld,
  freshOrigin,
  signUpAndLogin,
  type IdentityWorld,
} from '../../test/identity-world';

describe('the audit log', () => {
  let world: IdentityWorld;
  let practiceId: string;

  beforeAll(async () => {
    world = await createIdentityWorld('audit');
    practiceId = (await signUpAndLogin(world)).practice.id;
  });
  afterAll(() => world.close());

  it('records who did what, when, and from where', async () => {
    const rows = await world.database.db.select().from(auditLog).where(eq(auditLog.practiceId, practiceId));
    expect(rows.map((row) => row.action).sort()).toEqual(['login.succeeded', 'practice.created']);
    for (const row of rows) {
      expect(row.actorUserId).toEqual(expect.any(String));
      expect(row.ip).toMatch(/^198\.51\./);
      expect(row.userAgent).toBe('identity-tests');
      expect(row.occurredAt).toBeInstanceOf(Date);
    }
  });

  it('is refused UPDATE, DELETE and TRUNCATE by the database itself', async () => {
    const db = world.database.db;
    await expect(db.update(auditLog).set({ action: 'nothing.happened' })).rejects.toMatchObject({
      cause: { message: expect.stringContaining('audit_log is append-only: UPDATE refused') as unknown },
    });
    await expect(db.delete(auditLog)).rejects.toMatchObject({
      cause: { message: expect.stringContaining('audit_log is append-only: DELETE refused') as unknown },
    });
    await expect(db.execute(sql`TRUNCATE audit_log`)).rejects.toMatchObject({
      cause: { message: expect.stringContaining('audit_log is append-only: TRUNCATE refused') as unknown },
    });
    const rows = await db.select().from(auditLog).where(eq(auditLog.practiceId, practiceId));
    expect(rows).toHaveLength(2);
  });

  it('got its trigger from the shared text, byte for byte (an applied migration is never edited)', () => {
    const migration = path.join(__dirname, '..', '..', 'migrations', '0002_audit-append-only.sql');
    expect(readFileSync(migration, 'utf8')).toBe(AUDIT_LOG_APPEND_ONLY_SQL);
  });

  it('keeps appending', async () => {
    const before = (await world.database.db.select().from(auditLog)).length;
    await world.bus
      .send(Login, { email: 'nobody@example.org', password: 'not a real one', origin: freshOrigin() })
      .catch(() => undefined);
    expect((await world.database.db.select().from(auditLog)).length).toBe(before + 1);
  });
});
