import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { requireRole } from '@arbor/access';
import { CLOCK, type Clock } from '@arbor/clock';
import {
  FailedEmailDeliveryCursor,
  InvitationKind,
  pageOf,
  PAGE_LIMIT_DEFAULT,
  type Actor,
  type AlertKind,
  type AlertView,
  type DataOf,
  type EventEnvelope,
  type FailedEmailAbout,
  type FailedEmailDeliveryViewV2,
  type Page,
  type UserEmailSet,
  type UserInvitedV2,
} from '@arbor/contracts';
import type { Database, Transaction } from '@arbor/database';
import { JobQueue, type JobRun } from '@arbor/jobs';
import { DATABASE, emitEvent, LOGGER } from '@arbor/messaging';
import type { Logger } from '@arbor/observability';
import type { EmailConfig } from '../notifications.config';
import { DeliverEmail } from './deliver-email.job';
import { EmailPrepared } from './email-prepared.event';
import { EMAILED_KINDS, emailOfAlert, emailOfInvitation } from './email-text';
import { EmailRepository, type DeliveryRow } from './email.repository';
import { MAIL_TRANSPORT, type MailTransport } from './mail-transport';

export const EMAIL_CONFIG = Symbol.for('arbor.notifications.email-config');

/** An invitation email's `kind`: this, then the invitation's kind (`invitation.staff`). */
const INVITATION_KIND_PREFIX = 'invitation.';

/** What is kept of a mail server's refusal: enough to act on, bounded in size. */
const ERROR_TEXT_MAX = 1000;

interface PageRequest {
  readonly limit?: number | undefined;
  readonly cursor?: string | undefined;
}

/**
 * Email deliveries: written with their alert, enqueued once the alert's commit is announced
 * (alert.created, ADR 0013), sent by the DeliverEmail job with retries, failures kept for Admins.
 */
/** A delivery row's state before its first try. */
function notYetSent(at: Date) {
  return {
    status: 'pending',
    attempts: 0,
    lastError: null,
    createdAt: at,
    sentAt: null,
    failedAt: null,
  } as const;
}

@Injectable()
export class EmailService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly repository: EmailRepository,
    private readonly jobs: JobQueue,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    @Inject(EMAIL_CONFIG) private readonly config: EmailConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * In the alert's transaction: the delivery of its email, if its kind is emailed and the
   * person's address is known (else the alert stays in-app only, and the log says so).
   */
  async prepare(
    tx: Transaction,
    owner: { practiceId: string; userId: string },
    alert: AlertView,
  ): Promise<void> {
    if (!EMAILED_KINDS.includes(alert.kind)) return;
    const address = await this.repository.addressOf(tx, owner.userId);
    if (!address) {
      this.logger.info(
        { ...owner, alertId: alert.id, kind: alert.kind },
        'notifications: no email address known for this person: the alert is in-app only',
      );
      return;
    }
    const email = emailOfAlert(alert, this.config.webOrigin);
    await this.repository.insert(tx, {
      id: uuidv7(),
      ...owner,
      alertId: alert.id,
      invitationId: null,
      kind: alert.kind,
      toAddress: address,
      subject: email.subject,
      textBody: email.text,
      ...notYetSent(this.clock.now()),
    });
  }

  /** identity's latest address of a person: their alerts are emailed there from now on. */
  recordAddress(tx: Transaction, event: EventEnvelope<DataOf<typeof UserEmailSet>>): Promise<void> {
    return this.repository.setAddress(tx, {
      userId: event.data.userId,
      address: event.data.email,
      asOf: new Date(event.occurredAt),
    });
  }

  /**
   * In the invitation event's inbox transaction: its email, and the event that enqueues its
   * job once both are committed. One per invitation: a repeat writes and announces nothing.
   */
  async prepareInvitation(
    tx: Transaction,
    event: EventEnvelope<DataOf<typeof UserInvitedV2>>,
  ): Promise<void> {
    const invitation = event.data;
    const email = emailOfInvitation({
      kind: invitation.kind,
      practiceName: invitation.practiceName,
      inviteeName: invitation.invitee.name,
      inviterName: invitation.invitedBy.name,
      inviteUrl: invitation.inviteUrl,
      expiresAt: new Date(invitation.expiresAt),
    });
    const id = uuidv7();
    const written = await this.repository.insertOncePerInvitation(tx, {
      id,
      practiceId: invitation.practiceId,
      userId: null,
      alertId: null,
      invitationId: invitation.invitationId,
      kind: `${INVITATION_KIND_PREFIX}${invitation.kind}`,
      toAddress: invitation.invitee.email,
      subject: email.subject,
      textBody: email.text,
      ...notYetSent(this.clock.now()),
    });
    if (!written) return;
    await emitEvent(
      tx,
      EmailPrepared,
      { deliveryId: id },
      { practiceId: invitation.practiceId, actor: { system: 'notifications' } },
    );
  }

  /** On alert.created (so the delivery row is committed): one job per delivery, its id the job id. */
  async enqueueFor(tx: Transaction, alertId: string): Promise<void> {
    for (const delivery of await this.repository.pendingOfAlert(tx, alertId)) await this.enqueue(delivery.id);
  }

  /** On email-delivery.prepared (the row is committed). */
  async enqueuePrepared(tx: Transaction, deliveryId: string): Promise<void> {
    const delivery = await this.repository.get(tx, deliveryId);
    if (delivery?.status === 'pending') await this.enqueue(delivery.id);
  }

  private async enqueue(deliveryId: string): Promise<void> {
    await this.jobs.enqueue(
      DeliverEmail,
      { deliveryId },
      { jobId: deliveryId, retry: { attempts: this.config.attempts, backoffMs: this.config.backoffMs } },
    );
  }

  /**
   * One try. A try that dies between the mail server's acceptance and the `sent` update sends
   * again on the next run (at least once); the message id stays the same across tries.
   */
  async deliver(deliveryId: string, run: JobRun): Promise<void> {
    const delivery = await this.repository.get(this.db, deliveryId);
    if (!delivery) {
      this.logger.warn({ deliveryId }, 'notifications: an email job for no delivery: nothing to send');
      return;
    }
    if (delivery.status !== 'pending') return; // an earlier run finished it
    try {
      await this.transport.send({
        to: delivery.toAddress,
        subject: delivery.subject,
        text: delivery.textBody,
        messageId: `<${delivery.id}@arbor.notifications>`,
      });
    } catch (error) {
      const last = run.attempt >= run.maxAttempts;
      await this.repository.recordFailure(this.db, delivery.id, {
        attempt: run.attempt,
        error: errorText(error),
        failedAt: last ? this.clock.now() : null,
      });
      throw error;
    }
    await this.repository.markSent(this.db, delivery.id, run.attempt, this.clock.now());
  }

  /** Admin: the practice's failed emails, about an alert or an invitation, newest failure first. */
  async listFailed(actor: Actor, page: PageRequest): Promise<Page<FailedEmailDeliveryViewV2>> {
    requireRole(actor, ['admin'], "only an Admin sees the practice's undelivered email");
    const limit = page.limit ?? PAGE_LIMIT_DEFAULT;
    const after = page.cursor === undefined ? undefined : FailedEmailDeliveryCursor.decode(page.cursor);
    const rows = await this.repository.failed(this.db, actor.practiceId, limit, after);
    return pageOf(rows.map(failedView), limit, FailedEmailDeliveryCursor, ({ failedAt, id }) => ({
      failedAt,
      id,
    }));
  }
}

/** What a delivery row was written for: its alert, or (no alert) its invitation. */
function aboutOf(row: DeliveryRow): FailedEmailAbout {
  if (row.alertId && row.userId) {
    return { kind: 'alert', alertKind: row.kind as AlertKind, alertId: row.alertId, userId: row.userId };
  }
  if (row.invitationId) {
    return {
      kind: 'invitation',
      invitationKind: InvitationKind.parse(row.kind.slice(INVITATION_KIND_PREFIX.length)),
      invitationId: row.invitationId,
    };
  }
  throw new Error(`notifications: delivery ${row.id} is about neither an alert nor an invitation`);
}

function failedView(row: DeliveryRow): FailedEmailDeliveryViewV2 {
  return {
    id: row.id,
    to: row.toAddress,
    subject: row.subject,
    about: aboutOf(row),
    attempts: row.attempts,
    lastError: row.lastError ?? '',
    createdAt: row.createdAt.toISOString(),
    // Only failed rows are read here, and a failed row always has its time.
    failedAt: (row.failedAt ?? row.createdAt).toISOString(),
  };
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, ERROR_TEXT_MAX);
}
