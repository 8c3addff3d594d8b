import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { RequestOrigin } from '@arbor/contracts';
import type { Queryable } from '@arbor/database';
import { auditLog } from './audit.schema';

/** Everything identity audits; one spelling per action. */
export type AuditAction =
  | 'practice.created'
  | 'practice.security_updated'
  | 'login.succeeded'
  | 'login.failed'
  | 'logout'
  | 'session.role_switched'
  | 'session.reuse_detected'
  | 'invitation.created'
  | 'invitation.accepted'
  | 'membership.roles_changed'
  | 'password.changed'
  | 'mfa.enrolled'
  | 'mfa.recovery_code_used';

export interface AuditEntry {
  readonly action: AuditAction;
  readonly occurredAt: Date;
  readonly actorUserId?: string | null;
  readonly practiceId?: string | null;
  /** `<kind>:<id>`: what the action was about. */
  readonly subject?: string | null;
  readonly origin?: RequestOrigin | null;
  /** Never a password, a token, a code or a secret. */
  readonly details?: Record<string, unknown>;
}

/** Writes the audit trail, inside the caller's transaction so it records exactly what committed. */
@Injectable()
export class AuditRepository {
  async record(q: Queryable, entry: AuditEntry): Promise<void> {
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
