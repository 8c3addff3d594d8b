import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@arbor/clock';
import {
  AlertCursor,
  ArborError,
  pageOf,
  PAGE_LIMIT_DEFAULT,
  type Actor,
  type AlertKind,
  type AlertView,
  type Page,
} from '@arbor/contracts';
import type { Database } from '@arbor/database';
import { DATABASE } from '@arbor/messaging';
import { AlertsRepository, type AlertRow } from './alerts.repository';

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
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

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
