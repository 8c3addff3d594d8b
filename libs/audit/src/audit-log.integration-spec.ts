// Real: PostgreSQL, with this library's test migrations (the audit_log table, then the
// append-only trigger as a custom migration: what a service that mounts the audit log carries).
// Faked: nothing; no service runs, the repository writes straight to the database.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { createTestDatabase, sqlStateOf, type TestDatabase } from '@arbor/database';
import { testServices } from '@arbor/testing';
import { AUDIT_LOG_APPEND_ONLY_SQL, assertAuditLogAppendOnly } from './append-only';
import { AuditRepository } from './audit-log.repository';
import { auditLog } from './audit-log.schema';

const MIGRATIONS = path.join(__dirname, '..', 'test', 'migrations');

/** The error a statement failed with; fails the test if it succeeded. */
async function refusal(statement: Promise<unknown>): Promise<{ code: string | undefined; message: string }> {
  const error = await statement.then(
    () => null,
    (e: unknown) => e,
  );
  if (error === null) throw new Error('expected the database to refuse the statement');
  const cause = (error as { cause?: { message?: string } }).cause;
  return {
    code: sqlStateOf(error),
    message: cause?.message ?? (error instanceof Error ? error.message : 'unknown'),
  };
}

describe('the audit log', () => {
  const practiceId = uuidv7();
  const audit = new AuditRepository<'thing.done' | 'thing.undone'>();
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(testServices().postgresUrl, 'audit', MIGRATIONS);
    await audit.record(database.db, {
      action: 'thing.done',
      occurredAt: new Date('2030-01-01T10:00:00Z'),
      actorUserId: uuidv7(),
      practiceId,
      subject: 'thing:1',
      origin: { ip: '198.51.100.7', userAgent: 'audit-tests' },
      details: { count: 1 },
    });
  });
  afterAll(() => database.drop());

  const rows = () => database.db.select().from(auditLog).where(eq(auditLog.practiceId, practiceId));

  it('records who did what, when, about what, and from where', async () => {
    expect(await rows()).toEqual([
      expect.objectContaining({
        action: 'thing.done',
        occurredAt: new Date('2030-01-01T10:00:00Z'),
        subject: 'thing:1',
        ip: '198.51.100.7',
        userAgent: 'audit-tests',
        details: { count: 1 },
      }),
    ]);
  });

  it('is refused UPDATE, DELETE and TRUNCATE by the database itself', async () => {
    const db = database.db;
    for (const [operation, statement] of [
      ['UPDATE', db.update(auditLog).set({ action: 'thing.undone' })],
      ['DELETE', db.delete(auditLog)],
      ['TRUNCATE', db.execute(sql`TRUNCATE audit_log`)],
    ] as const) {
      expect(await refusal(statement)).toEqual({
        code: '42501', // insufficient_privilege
        message: `audit_log is append-only: ${operation} refused`,
      });
    }
    expect(await rows()).toHaveLength(1);
    expect((await rows())[0]?.action).toBe('thing.done');
  });

  it('keeps appending after a refusal', async () => {
    await audit.record(database.db, { action: 'thing.undone', occurredAt: new Date(), practiceId });
    expect((await rows()).map((row) => row.action).sort()).toEqual(['thing.done', 'thing.undone']);
  });

  it('is migrated from the exported trigger text, and the check finds both triggers', async () => {
    expect(readFileSync(path.join(MIGRATIONS, '0001_audit-append-only.sql'), 'utf8')).toBe(
      AUDIT_LOG_APPEND_ONLY_SQL,
    );
    await expect(assertAuditLogAppendOnly(database.db)).resolves.toBeUndefined();
  });

  it('fails the check for a database whose audit_log lacks the trigger', async () => {
    const bare = await createTestDatabase(testServices().postgresUrl, 'audit_bare');
    try {
      await bare.db.execute(sql`CREATE TABLE audit_log (id uuid PRIMARY KEY)`);
      await expect(assertAuditLogAppendOnly(bare.db)).rejects.toThrow(
        /no audit_log_append_only or audit_log_no_truncate trigger/,
      );
      await bare.db.execute(sql`DROP TABLE audit_log`);
      await expect(assertAuditLogAppendOnly(bare.db)).resolves.toBeUndefined(); // no table, no claim
    } finally {
      await bare.drop();
    }
  });
});
