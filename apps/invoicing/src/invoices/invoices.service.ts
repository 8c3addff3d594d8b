import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { requireRole } from '@arbor/access';
import { CLOCK, type Clock } from '@arbor/clock';
import {
  ArborError,
  InvoiceForgiven,
  InvoicePaid,
  InvoiceStatus,
  InvoiceVoided,
  type Actor,
  type CloseInvoiceBody,
  type InvoiceView,
  type RecordPaymentBody,
} from '@arbor/contracts';
import type { Database, Transaction } from '@arbor/database';
import { DATABASE, emitEvent } from '@arbor/messaging';
import { formatInvoiceNumber } from './invoice-number';
import { applyInvoiceAction, type InvoiceAction, type InvoiceBalance } from './invoice-status';
import { InvoicesRepository, type InvoiceRow } from './invoices.repository';

/** What staff do to an invoice by hand; each writes its event with the change. */
type StaffAction = Extract<InvoiceAction, { kind: 'forgive' | 'void' | 'record_payment' }>;

/** Staff closing or settling unpaid invoices: forgive, void, record an offline payment. */
@Injectable()
export class InvoicesService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly repository: InvoicesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  forgive(actor: Actor, invoiceId: string, body: CloseInvoiceBody): Promise<InvoiceView> {
    return this.change(actor, invoiceId, () => ({ kind: 'forgive' }), { reason: body.reason });
  }

  void(actor: Actor, invoiceId: string, body: CloseInvoiceBody): Promise<InvoiceView> {
    return this.change(actor, invoiceId, () => ({ kind: 'void' }), { reason: body.reason });
  }

  recordPayment(actor: Actor, invoiceId: string, body: RecordPaymentBody): Promise<InvoiceView> {
    return this.change(
      actor,
      invoiceId,
      (invoice) => ({ kind: 'record_payment', amount: body.amount ?? invoice.total, method: body.method }),
      { reason: null, reference: body.reference ?? null },
    );
  }

  /**
   * One transaction: lock the invoice, check who may change it, apply the status machine, and
   * write the new status, its history entry, the payment if any, and the event (outbox). Either
   * all of it happens or none; a concurrent change of the same invoice waits, then meets the
   * status this one left.
   */
  private change(
    actor: Actor,
    invoiceId: string,
    actionFor: (invoice: InvoiceBalance) => StaffAction,
    note: { reason: string | null; reference?: string | null },
  ): Promise<InvoiceView> {
    requireRole(
      actor,
      ['admin', 'provider'],
      'only an Admin or the provider who issued it changes an invoice',
    );
    return this.db.transaction(async (tx) => {
      const before = await this.repository.lockedInvoice(tx, invoiceId);
      if (!before || before.practiceId !== actor.practiceId) {
        throw new ArborError('not_found', 'no such invoice in this practice');
      }
      if (actor.role === 'provider' && before.providerId !== actor.userId) {
        throw new ArborError('forbidden', 'only an Admin or the provider who issued it changes an invoice', {
          activeRole: actor.role,
        });
      }
      const action = actionFor(balanceOf(before));
      const at = this.clock.now();
      const after = await this.repository.applyBalance(
        tx,
        invoiceId,
        applyInvoiceAction(balanceOf(before), action),
        at,
      );
      await this.repository.insertHistory(tx, {
        id: uuidv7(),
        invoiceId,
        fromStatus: before.status,
        toStatus: after.status,
        at,
        actorId: actor.userId,
        reason: note.reason,
      });
      if (action.kind === 'record_payment') {
        await this.repository.insertPayment(tx, {
          id: uuidv7(),
          invoiceId,
          method: action.method,
          amount: action.amount,
          reference: note.reference ?? null,
          recordedBy: actor.userId,
          recordedAt: at,
        });
      }
      await this.emit(tx, actor, action, after);
      return viewOf(after);
    });
  }

  private async emit(tx: Transaction, actor: Actor, action: StaffAction, invoice: InvoiceRow): Promise<void> {
    const state = eventStateOf(invoice);
    const meta = { practiceId: invoice.practiceId, actor };
    switch (action.kind) {
      case 'forgive':
        await emitEvent(tx, InvoiceForgiven, state, meta);
        return;
      case 'void':
        await emitEvent(tx, InvoiceVoided, state, meta);
        return;
      case 'record_payment':
        await emitEvent(tx, InvoicePaid, { ...state, method: action.method, amount: action.amount }, meta);
        return;
    }
  }
}

function balanceOf(row: InvoiceRow): InvoiceBalance {
  return {
    // The database admits only the six statuses (a check constraint); parsing says so to the types.
    status: InvoiceStatus.parse(row.status),
    total: row.total,
    amountPaid: row.amountPaid,
    amountRefunded: row.amountRefunded,
  };
}

export function eventStateOf(row: InvoiceRow) {
  return {
    practiceId: row.practiceId,
    invoiceId: row.id,
    number: formatInvoiceNumber(row.number),
    clientId: row.clientId,
    providerId: row.providerId,
    status: InvoiceStatus.parse(row.status),
    total: row.total,
    currency: row.currency,
    amountPaid: row.amountPaid,
    amountRefunded: row.amountRefunded,
  };
}

export function viewOf(row: InvoiceRow): InvoiceView {
  return {
    id: row.id,
    number: formatInvoiceNumber(row.number),
    practiceId: row.practiceId,
    clientId: row.clientId,
    providerId: row.providerId,
    description: row.description,
    subtotal: row.subtotal,
    tax: row.tax,
    total: row.total,
    currency: row.currency,
    taxRule: row.taxRule,
    status: InvoiceStatus.parse(row.status),
    amountPaid: row.amountPaid,
    amountRefunded: row.amountRefunded,
    issuedAt: row.issuedAt.toISOString(),
    statusChangedAt: row.statusChangedAt.toISOString(),
  };
}
