import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@arbor/clock';
import { v7 as uuidv7 } from 'uuid';
import {
  AlertCreated,
  AlertCursor,
  ArborError,
  pageOf,
  PAGE_LIMIT_DEFAULT,
  type Actor,
  type AlertKind,
  type AlertView,
  type Page,
} from '@arbor/contracts';
import type { Database, Transaction } from '@arbor/database';
import { DATABASE, emitEvent } from '@arbor/messaging';
import { EmailService } from '../email/email.service';
import { AlertsRepository, type AlertRow } from './alerts.repository';

/** What an alert says; who it is for and when are added by {@link AlertsService.create}. */
export interface AlertText {
  readonly kind: AlertKind;
  readonly title: string;
  readonly body: string;
  readonly link: string | null;
}

interface PageRequest {
  readonly limit?: number | undefined;
  readonly cursor?: string | undefined;
}

/** A person's alerts: listed newest first, marked read by their owner alone. */
@Injectable()
export class AlertsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly repository: AlertsRepository,
    private readonly email: EmailService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Makes an alert in the caller's transaction (an event handler's inbox transaction) and emits
   * alert.created through the outbox in it, with its email delivery if it is emailed: the alert,
   * its email and its announcement stand or fall together.
   */
  async create(
    tx: Transaction,
    owner: { practiceId: string; userId: string },
    text: AlertText,
  ): Promise<AlertView> {
    const row: AlertRow = { id: uuidv7(), ...owner, ...text, createdAt: this.clock.now(), readAt: null };
    await this.repository.insert(tx, row);
    const alert = viewOf(row);
    await this.email.prepare(tx, owner, alert);
    await emitEvent(
      tx,
      AlertCreated,
      { ...owner, alert },
      { practiceId: owner.practiceId, actor: { system: 'notifications' } },
    );
    return alert;
  }

  async list(actor: Actor, page: PageRequest): Promise<Page<AlertView>> {
    const limit = page.limit ?? PAGE_LIMIT_DEFAULT;
    const after = page.cursor === undefined ? undefined : AlertCursor.decode(page.cursor);
    const rows = await this.repository.page(this.db, actor, limit, after);
    const { items, nextCursor } = pageOf(rows, limit, AlertCursor, (row) => ({
      createdAt: row.createdAt.toISOString(),
      id: row.id,
    }));
    return { items: items.map(viewOf), nextCursor };
  }

  async markRead(actor: Actor, alertId: string): Promise<Record<string, never>> {
    const owned = await this.repository.markRead(this.db, actor, alertId, this.clock.now());
    // Someone else's alert is answered exactly like one that does not exist: ids reveal nothing.
    if (!owned) throw new ArborError('not_found', 'no such alert', { reason: 'alert' });
    return {};
  }
}

export function viewOf(row: AlertRow): AlertView {
  return {
    id: row.id,
    kind: row.kind as AlertKind,
    title: row.title,
    body: row.body,
    link: row.link,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}
