import { sql } from 'drizzle-orm';
import type { Queryable } from '@arbor/database';

/**
 * The migration that makes `audit_log` append-only in the database itself, not just in the
 * application: a bug, a console session or a compromised service account cannot rewrite who did
 * what. drizzle-kit writes the table's migration from the schema; it cannot write triggers, so
 * every service that mounts the table also carries this text as a custom migration of its own
 * (the service generator writes it with `--audit`; by hand: `npx drizzle-kit generate --custom
 * --config apps/<app>/drizzle.config.ts --name audit-append-only`, then paste this in). Identity's
 * `0002_audit-append-only.sql` is this text, byte for byte.
 */
export const AUDIT_LOG_APPEND_ONLY_SQL = `-- The audit trail is append-only in the database itself, not just in the application: a bug, a
-- console session or a compromised service account cannot rewrite who did what.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
`;

/** The triggers the migration creates; without both, the table is not append-only. */
export const AUDIT_LOG_TRIGGERS = ['audit_log_append_only', 'audit_log_no_truncate'] as const;

/**
 * Throws unless a database that has `audit_log` also has both of its append-only triggers. The
 * service test world runs it after migrating, so a service that mounted the table but forgot the
 * trigger migration fails its first integration test, not an audit.
 */
export async function assertAuditLogAppendOnly(db: Queryable): Promise<void> {
  const result = await db.execute<{ table_exists: boolean; triggers: string[] | null }>(sql`
    SELECT to_regclass('public.audit_log') IS NOT NULL AS table_exists,
           (SELECT array_agg(tgname::text ORDER BY tgname) FROM pg_trigger
             WHERE tgrelid = to_regclass('public.audit_log') AND NOT tgisinternal) AS triggers`);
  const row = result.rows[0];
  if (!row?.table_exists) return;
  const missing = AUDIT_LOG_TRIGGERS.filter((name) => !(row.triggers ?? []).includes(name));
  if (missing.length > 0) {
    throw new Error(
      `audit_log has no ${missing.join(' or ')} trigger: add the append-only migration ` +
        "(AUDIT_LOG_APPEND_ONLY_SQL in libs/audit) to this service's migrations",
    );
  }
}
