import { Inject, Injectable } from '@nestjs/common';
import { requireRole } from '@arbor/access';
import {
  ArborError,
  InvoiceCursor,
  InvoiceStatus,
  PAGE_LIMIT_DEFAULT,
  pageOf,
  type Actor,
  type InvoiceDetail,
  type InvoiceView,
  type Page,
} from '@arbor/contracts';
import type { Database, Queryable } from '@arbor/database';
import { DATABASE } from '@arbor/messaging';
import { ReadModelsRepository } from '../read-models/read-models.repository';
import { InvoicesRepository, type InvoiceFilter, type InvoiceRow } from './invoices.repository';
import { viewOf } from './invoices.service';

export interface PageRequest {
  readonly limit?: number | undefined;
  readonly cursor?: string | undefined;
}

export interface PracticeListRequest extends PageRequest {
  readonly status?: InvoiceStatus | undefined;
  readonly clientId?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

const noSuchInvoice = () =>
  new ArborError('not_found', 'no such invoice in this practice', { reason: 'invoice' });
const noSuchClient = () =>
  new ArborError('not_found', 'no such client in this practice', { reason: 'client' });

/** Reading invoices: staff (Admin, the client's providers) and the client in the portal. */
@Injectable()
export class InvoiceQueriesService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly repository: InvoicesRepository,
    private readonly readModels: ReadModelsRepository,
  ) {}

  async get(actor: Actor, invoiceId: string): Promise<InvoiceDetail> {
    requireRole(
      actor,
      ['admin', 'provider'],
      'staff read invoices here; a client reads theirs in the portal',
    );
    const invoice = await this.repository.invoice(this.db, invoiceId);
    if (!invoice || invoice.practiceId !== actor.practiceId) throw noSuchInvoice();
    if (actor.role === 'provider' && invoice.providerId !== actor.userId) {
      const client = await this.readModels.client(this.db, actor.practiceId, invoice.clientId);
      if (!client?.providerIds.includes(actor.userId)) {
        throw new ArborError(
          'forbidden',
          "only an Admin, the client's providers or the provider who issued it read an invoice",
          { activeRole: actor.role },
        );
      }
    }
    return this.detail(this.db, invoice);
  }

  list(actor: Actor, request: PracticeListRequest): Promise<Page<InvoiceView>> {
    requireRole(actor, ['admin'], "only an Admin sees all of the practice's invoices");
    return this.page(
      {
        practiceId: actor.practiceId,
        clientId: request.clientId,
        status: request.status,
        issuedFrom: request.from === undefined ? undefined : new Date(request.from),
        issuedBefore: request.to === undefined ? undefined : new Date(request.to),
      },
      request,
    );
  }

  async listForClient(actor: Actor, clientId: string, request: PageRequest): Promise<Page<InvoiceView>> {
    requireRole(
      actor,
      ['admin', 'provider'],
      "staff read a client's invoices; a client reads theirs in the portal",
    );
    const client = await this.readModels.client(this.db, actor.practiceId, clientId);
    if (!client) throw noSuchClient();
    if (actor.role === 'provider' && !client.providerIds.includes(actor.userId)) {
      throw new ArborError(
        'forbidden',
        "only an Admin or the client's providers read the client's invoices",
        {
          activeRole: actor.role,
        },
      );
    }
    return this.page({ practiceId: actor.practiceId, clientId }, request);
  }

  async listPortal(actor: Actor, request: PageRequest): Promise<Page<InvoiceView>> {
    requireRole(actor, ['client'], 'the portal is for clients');
    const clientId = await this.readModels.portalClientId(this.db, actor.practiceId, actor.userId);
    // An account invoicing has not yet heard is linked to a client simply has nothing to show yet.
    if (clientId === null) return { items: [], nextCursor: null };
    return this.page({ practiceId: actor.practiceId, clientId }, request);
  }

  async getPortal(actor: Actor, invoiceId: string): Promise<InvoiceDetail> {
    return this.detail(this.db, await this.portalInvoice(this.db, actor, invoiceId));
  }

  /** The client's own invoice, or `not_found`: another client's is as unknown as none. */
  async portalInvoice(db: Queryable, actor: Actor, invoiceId: string): Promise<InvoiceRow> {
    requireRole(actor, ['client'], 'the portal is for clients');
    const clientId = await this.readModels.portalClientId(db, actor.practiceId, actor.userId);
    const invoice = await this.repository.invoice(db, invoiceId);
    if (
      !invoice ||
      clientId === null ||
      invoice.practiceId !== actor.practiceId ||
      invoice.clientId !== clientId
    ) {
      throw noSuchInvoice();
    }
    return invoice;
  }

  private async page(filter: InvoiceFilter, request: PageRequest): Promise<Page<InvoiceView>> {
    const limit = request.limit ?? PAGE_LIMIT_DEFAULT;
    const key = request.cursor === undefined ? undefined : InvoiceCursor.decode(request.cursor);
    const rows = await this.repository.list(
      this.db,
      filter,
      limit,
      key && { issuedAt: new Date(key.issuedAt), id: key.id },
    );
    const page = pageOf(rows, limit, InvoiceCursor, (row) => ({
      issuedAt: row.issuedAt.toISOString(),
      id: row.id,
    }));
    return { items: page.items.map(viewOf), nextCursor: page.nextCursor };
  }

  private async detail(db: Queryable, invoice: InvoiceRow): Promise<InvoiceDetail> {
    const [history, payments, refunds] = await Promise.all([
      this.repository.history(db, invoice.id),
      this.repository.payments(db, invoice.id),
      this.repository.refunds(db, invoice.id),
    ]);
    return {
      ...viewOf(invoice),
      history: history.map((entry) => ({
        from: entry.fromStatus === null ? null : InvoiceStatus.parse(entry.fromStatus),
        status: InvoiceStatus.parse(entry.toStatus),
        at: entry.at.toISOString(),
        actorId: entry.actorId,
        reason: entry.reason,
      })),
      payments: payments.map((payment) => ({
        id: payment.id,
        method: payment.method as InvoiceDetail['payments'][number]['method'],
        amount: payment.amount,
        reference: payment.reference,
        recordedBy: payment.recordedBy,
        recordedAt: payment.recordedAt.toISOString(),
      })),
      refunds: refunds.map((refund) => ({
        id: refund.id,
        amount: refund.amount,
        method: refund.method as InvoiceDetail['refunds'][number]['method'],
        reason: refund.reason,
        requestedBy: refund.requestedBy,
        recordedAt: refund.recordedAt.toISOString(),
      })),
    };
  }
}
