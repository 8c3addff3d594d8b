import { Inject, Injectable } from '@nestjs/common';
import { requireRole } from '@arbor/access';
import { CLOCK, type Clock } from '@arbor/clock';
import {
  ArborError,
  AT_THE_PROCESSOR,
  InvoiceRefunded,
  InvoiceStatus,
  RefundPayment,
  type Actor,
  type AnyActor,
  type InvoiceView,
  type RefundInvoiceBody,
} from '@arbor/contracts';
import type { Database, Transaction } from '@arbor/database';
import { BUS, DATABASE, emitEvent, LOGGER, type BusClient } from '@arbor/messaging';
import type { Logger } from '@arbor/observability';
import { applyInvoiceAction } from './invoice-status';
import { InvoicesRepository, type InvoiceRow } from './invoices.repository';
import { eventStateOf, viewOf } from './invoices.service';

/** The history's reason for a refund made at the processor, outside Arbor. */
export const REFUNDED_AT_THE_PROCESSOR = 'Refunded at the payment processor, outside Arbor';

function isAtTheProcessor(actor: AnyActor): boolean {
  return 'system' in actor && actor.system === AT_THE_PROCESSOR.system;
}

/** A refund payments made: from the refund command's answer or its `refund.succeeded` event. */
export interface CardRefund {
  readonly practiceId: string;
  readonly invoiceId: string;
  readonly refundId: string;
  readonly attemptId: string;
  readonly amount: number;
  readonly method: 'refund' | 'void';
}

/**
 * Refunding a card payment. Invoicing checks who may and what is left, payments gives the money
 * back; the refund is applied once per refund id, by whichever comes first of the command's answer
 * and `refund.succeeded` (which also brings refunds made outside Arbor).
 */
@Injectable()
export class CardRefundsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(BUS) private readonly bus: BusClient,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly repository: InvoicesRepository,
  ) {}

  async refund(
    actor: Actor,
    invoiceId: string,
    body: RefundInvoiceBody,
    idempotencyKey: string,
  ): Promise<InvoiceView> {
    requireRole(
      actor,
      ['admin', 'provider'],
      'only an Admin or the provider who issued it refunds an invoice',
    );
    const invoice = await this.repository.invoice(this.db, invoiceId);
    if (!invoice || invoice.practiceId !== actor.practiceId) {
      throw new ArborError('not_found', 'no such invoice in this practice', { reason: 'invoice' });
    }
    if (actor.role === 'provider' && invoice.providerId !== actor.userId) {
      throw new ArborError('forbidden', 'only an Admin or the provider who issued it refunds an invoice', {
        activeRole: actor.role,
      });
    }
    // The status machine says now whether the status and the amount allow it, before payments is asked.
    const balance = { ...invoice, status: InvoiceStatus.parse(invoice.status) };
    applyInvoiceAction(balance, {
      kind: 'refund',
      amount: body.amount ?? invoice.amountPaid - invoice.amountRefunded,
    });
    const payment = await this.repository.cardPayment(this.db, invoiceId);
    if (!payment?.reference) {
      throw new ArborError(
        'conflict',
        'this invoice was paid outside Arbor: give the money back the way it was paid',
        { field: 'method' },
      );
    }
    const outcome = await this.bus.send(RefundPayment, {
      actor,
      refund: {
        practiceId: invoice.practiceId,
        attemptId: payment.reference,
        ...(body.amount === undefined ? {} : { amount: body.amount }),
        idempotencyKey,
      },
    });
    const after = await this.db.transaction((tx) =>
      this.applyRefund(
        tx,
        actor,
        { practiceId: invoice.practiceId, ...outcome },
        { requestedBy: actor.userId, reason: body.reason },
      ),
    );
    return viewOf(after);
  }

  /**
   * Applies a refund once, under the invoice's lock. Known already: only who asked and why are
   * filled in where its event came first. A refund that cannot apply (more than the invoice has
   * left) is logged for staff and changes nothing, since a redelivery would not make it apply.
   */
  async applyRefund(
    tx: Transaction,
    actor: AnyActor,
    refund: CardRefund,
    request?: { requestedBy: string; reason: string },
  ): Promise<InvoiceRow> {
    const invoice = await this.repository.lockedInvoice(tx, refund.invoiceId);
    if (!invoice || invoice.practiceId !== refund.practiceId) {
      throw new ArborError('internal', `payments reported a refund of unknown invoice ${refund.invoiceId}`);
    }
    if (await this.repository.refund(tx, refund.refundId)) {
      if (request)
        await this.repository.explainRefund(tx, refund.refundId, request.requestedBy, request.reason);
      return invoice;
    }
    let balance;
    try {
      balance = applyInvoiceAction(
        { ...invoice, status: InvoiceStatus.parse(invoice.status) },
        { kind: 'refund', amount: refund.amount },
      );
    } catch (error) {
      this.logger.warn(
        { err: error, invoiceId: invoice.id, refundId: refund.refundId },
        'a refund could not be applied to its invoice',
      );
      return invoice;
    }
    const at = this.clock.now();
    // Made in the processor's dashboard: nobody in Arbor asked, so its history says where it was made.
    const reason = request?.reason ?? (isAtTheProcessor(actor) ? REFUNDED_AT_THE_PROCESSOR : null);
    const after = await this.repository.applyBalance(tx, invoice.id, balance, at);
    await this.repository.insertHistory(tx, {
      // The refund's own id, so that who asked and why can be filled in if its event came first.
      id: refund.refundId,
      invoiceId: invoice.id,
      fromStatus: invoice.status,
      toStatus: after.status,
      at,
      actorId: request?.requestedBy ?? null,
      reason,
    });
    await this.repository.insertRefund(tx, {
      id: refund.refundId,
      invoiceId: invoice.id,
      attemptId: refund.attemptId,
      amount: refund.amount,
      method: refund.method,
      reason: request?.reason ?? null,
      requestedBy: request?.requestedBy ?? null,
      recordedAt: at,
    });
    await emitEvent(
      tx,
      InvoiceRefunded,
      { ...eventStateOf(after), amount: refund.amount },
      { practiceId: after.practiceId, actor },
    );
    return after;
  }
}
