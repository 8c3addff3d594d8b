import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { Queryable } from '@arbor/database';
import { auditLog } from './audit-log.schema';

/** `A` is the service's own list of actions (`'login.succeeded' | …`): one spelling per action. */
export interface AuditEntry<A extends string = string> {
  readonly action: A;
  /** From the service's Clock, like every other timestamp it writes. */
  readonly occurredAt: Date;
  readonly actorUserId?: string | null;
  readonly practiceId?: string | null;
  /** `<kind>:<id>`: what the action was about. */
  readonly subject?: string | null;
  /** Where the request came from, as the gateway saw it. */
  readonly origin?: { readonly ip?: string | null; readonly userAgent?: string | null } | null;
  /** Never a password, a token, a code, a secret or clinical text. */
  readonly details?: Record<string, unknown>;
}

/**
 * Writes the audit trail, inside the caller's transaction so that it records exactly what
 * committed (and nothing of what rolled back). A service provides it (`providers:
 * [AuditRepository]`) and injects it typed with its actions: `AuditRepository<IdentityAction>`.
 */
@Injectable()
export class AuditRepository<A extends string = string> {
  async record(q: Queryable, entry: AuditEntry<A>): Promise<void> {
    await q.insert(auditLog).values({
      id: uuidv7(),
      occurredAt: entry.occurredAt,
      action: entry.action,
      actorUserId: entry.actorUserId ?? null,
      practiceId: entry.practiceId ?? null,
      subject: entry.subject ?? null,
      ip: entry.origin?.ip ?? null,
      userAgent: entry.origin?.userAgent ?? null,
      details: entry.details ?? {},
    });
  }
}
