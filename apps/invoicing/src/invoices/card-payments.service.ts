import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { CLOCK, type Clock } from '@arbor/clock';
import {
  ArborError,
  ChargePayment,
  CloseChargeKey,
  InvoicePaid,
  InvoiceStatus,
  type Actor,
  type AnyActor,
  type PayInvoiceBody,
  type PayInvoiceReply,
} from '@arbor/contracts';
import type { Database, Transaction } from '@arbor/database';
import { BUS, DATABASE, emitEvent, LOGGER, type BusClient } from '@arbor/messaging';
import type { Logger } from '@arbor/observability';
import {
  CHARGE_CLAIM_SETTINGS,
  claimVerdict,
  takeoverVerdict,
  type ChargeClaimSettings,
} from './charge-claims';
import { formatInvoiceNumber } from './invoice-number';
import { applyInvoiceAction } from './invoice-status';
import { InvoiceQueriesService } from './invoice-queries.service';
import { InvoicesRepository, type ChargeClaimRow, type InvoiceRow } from './invoices.repository';
import { eventStateOf, viewOf } from './invoices.service';

/** A card payment payments reports: from the charge's answer or its `payment.succeeded` event. */
export interface CardPayment {
  readonly practiceId: string;
  readonly invoiceId: string;
  readonly attemptId: string;
  readonly amount: number;
  readonly currency: string;
}

/** Only an unpaid invoice can be paid by card: `conflict` naming the status of any other. */
export function refuseUnlessUnpaid(invoice: Pick<InvoiceRow, 'status'>): void {
  if (invoice.status !== 'unpaid') {
    throw new ArborError(
      'conflict',
      `this invoice is ${invoice.status.replaceAll('_', ' ')}: nothing to pay`,
      {
        currentStatus: invoice.status,
      },
    );
  }
}

/**
 * Paying by card in the portal. Invoicing checks the invoice is the client's and unpaid, claims it
 * for the caller's key (so a second tab with another key cannot charge it too), and asks payments to
 * charge. The payment is applied once per attempt — by whichever comes first of the charge's answer
 * and `payment.succeeded`, the other finding it done.
 */
@Injectable()
export class CardPaymentsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(BUS) private readonly bus: BusClient,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(CHARGE_CLAIM_SETTINGS) private readonly claims: ChargeClaimSettings,
    private readonly repository: InvoicesRepository,
    private readonly queries: InvoiceQueriesService,
  ) {}

  async pay(
    actor: Actor,
    invoiceId: string,
    body: PayInvoiceBody,
    idempotencyKey: string,
  ): Promise<PayInvoiceReply> {
    const invoice = await this.claim(actor, invoiceId, idempotencyKey);
    let outcome;
    try {
      outcome = await this.bus.send(ChargePayment, {
        actor,
        payment: {
          practiceId: invoice.practiceId,
          invoiceId,
          amount: invoice.total,
          currency: invoice.currency,
          paymentToken: body.paymentToken,
          idempotencyKey,
        },
      });
    } catch (error) {
      // Unanswered, the charge may have happened: the claim stays for the same key to ask again.
      // Refused (no active processor, a key reused otherwise), nothing was charged.
      if (!(error instanceof ArborError && error.code === 'service_unavailable')) {
        await this.repository.releaseClaim(this.db, invoiceId, idempotencyKey);
      }
      throw error;
    }
    switch (outcome.status) {
      case 'declined':
        await this.repository.releaseClaim(this.db, invoiceId, idempotencyKey);
        throw new ArborError('payment_declined', outcome.reason, {});
      case 'pending': {
        await this.repository.setClaimAttempt(this.db, invoiceId, idempotencyKey, outcome.attemptId);
        const current = await this.repository.invoice(this.db, invoiceId);
        return { status: 'pending', invoice: viewOf(current!) };
      }
      case 'succeeded': {
        const paid = await this.db.transaction((tx) =>
          this.applyCardPayment(tx, actor, {
            practiceId: invoice.practiceId,
            invoiceId,
            attemptId: outcome.attemptId,
            amount: outcome.amount,
            currency: outcome.currency,
          }),
        );
        const paidAt = paid.statusChangedAt.toISOString();
        return {
          status: 'paid',
          invoice: viewOf(paid),
          receipt: {
            invoiceId,
            number: formatInvoiceNumber(paid.number),
            amount: outcome.amount,
            currency: outcome.currency,
            paidAt,
            attemptId: outcome.attemptId,
          },
        };
      }
    }
  }

  /**
   * Applies a card payment once: the invoice locked, and the attempt id (unique among card
   * payments) telling a repeat. Answers the invoice as it is after. A payment that cannot apply
   * (the invoice was settled otherwise meanwhile, or the amount is not its total) is logged for
   * staff to refund and changes nothing: a redelivery would not make it apply either.
   */
  async applyCardPayment(tx: Transaction, actor: AnyActor, payment: CardPayment): Promise<InvoiceRow> {
    const invoice = await this.repository.lockedInvoice(tx, payment.invoiceId);
    if (!invoice || invoice.practiceId !== payment.practiceId) {
      throw new ArborError('internal', `payments reported a payment of unknown invoice ${payment.invoiceId}`);
    }
    if (await this.repository.cardPaymentApplied(tx, payment.attemptId)) return invoice;
    const before = { ...invoice, status: InvoiceStatus.parse(invoice.status) };
    let after;
    try {
      if (payment.currency !== invoice.currency) throw new Error(`currency ${payment.currency}`);
      after = applyInvoiceAction(before, { kind: 'pay', amount: payment.amount });
    } catch (error) {
      this.logger.warn(
        { err: error, invoiceId: invoice.id, attemptId: payment.attemptId, status: invoice.status },
        'a card payment could not be applied to its invoice: refund it',
      );
      return invoice;
    }
    const at = this.clock.now();
    const paid = await this.repository.applyBalance(tx, invoice.id, after, at);
    await this.repository.insertHistory(tx, {
      id: uuidv7(),
      invoiceId: invoice.id,
      fromStatus: invoice.status,
      toStatus: paid.status,
      at,
      actorId: 'userId' in actor ? actor.userId : null,
      reason: null,
    });
    await this.repository.insertPayment(tx, {
      id: uuidv7(),
      invoiceId: invoice.id,
      method: 'card',
      amount: payment.amount,
      reference: payment.attemptId,
      recordedBy: null,
      recordedAt: at,
    });
    await this.repository.clearClaim(tx, invoice.id);
    await emitEvent(
      tx,
      InvoicePaid,
      { ...eventStateOf(paid), method: 'card', amount: payment.amount },
      { practiceId: paid.practiceId, actor },
    );
    return paid;
  }

  /** payments says an attempt failed (settled later by its recovery job): the invoice may be paid again. */
  async paymentFailed(tx: Transaction, invoiceId: string, attemptId: string): Promise<void> {
    await this.repository.releaseClaimOfAttempt(tx, invoiceId, attemptId);
  }

  /**
   * The client's unpaid invoice, claimed for this key in one transaction under its lock. Another
   * key's claim blocks it; once that claim is old enough that its charge request can no longer be
   * waiting in RabbitMQ, payments is asked what that key did (see {@link takeOver}).
   */
  private async claim(
    actor: Actor,
    invoiceId: string,
    idempotencyKey: string,
    asked = false,
  ): Promise<InvoiceRow> {
    const { invoice, stale } = await this.db.transaction(async (tx) => {
      const visible = await this.queries.portalInvoice(tx, actor, invoiceId);
      const locked = (await this.repository.lockedInvoice(tx, visible.id))!;
      refuseUnlessUnpaid(locked);
      const claim = await this.repository.chargeClaim(tx, invoiceId);
      const verdict = claimVerdict(claim, idempotencyKey, this.clock.now(), this.claims);
      if (verdict === 'claim') {
        await this.repository.insertChargeClaim(tx, this.newClaim(actor, invoiceId, idempotencyKey));
      }
      if (verdict === 'wait' || (verdict === 'ask' && asked)) {
        throw new ArborError(
          'conflict',
          'a payment of this invoice is already under way: wait a minute for it to finish, then reload the invoice and pay again if it is still unpaid',
          { field: 'idempotencyKey' },
        );
      }
      return { invoice: locked, stale: verdict === 'ask' ? claim : undefined };
    });
    return stale ? this.takeOver(actor, invoice, stale, idempotencyKey) : invoice;
  }

  /**
   * Another key claimed the invoice long ago and never came back. payments, asked outside any
   * transaction (the invoice is not locked across a bus call), says what that key did and closes
   * it if it did nothing, so its charge can never start later; then, if that key still holds the
   * claim, the new key takes it over, or the old key's payment is applied. Unanswered, this is
   * `service_unavailable` and the claim stays as it was.
   */
  private async takeOver(
    actor: Actor,
    invoice: InvoiceRow,
    stale: ChargeClaimRow,
    idempotencyKey: string,
  ): Promise<InvoiceRow> {
    const old = await this.bus.send(CloseChargeKey, {
      practiceId: invoice.practiceId,
      invoiceId: invoice.id,
      idempotencyKey: stale.idempotencyKey,
    });
    const after = await this.db.transaction(async (tx) => {
      const locked = (await this.repository.lockedInvoice(tx, invoice.id))!;
      const claim = await this.repository.chargeClaim(tx, invoice.id);
      // Settled or taken over meanwhile: decided again from what is there now.
      if (claim?.idempotencyKey !== stale.idempotencyKey) return { retry: true } as const;
      const verdict = takeoverVerdict(old);
      switch (verdict.kind) {
        case 'take_over':
          refuseUnlessUnpaid(locked);
          await this.repository.replaceClaim(
            tx,
            stale.idempotencyKey,
            this.newClaim(actor, invoice.id, idempotencyKey),
          );
          return { invoice: locked } as const;
        case 'apply': {
          const payment = { practiceId: invoice.practiceId, invoiceId: invoice.id, ...verdict.payment };
          return { invoice: await this.applyCardPayment(tx, actor, payment), applied: true } as const;
        }
        case 'under_way':
          return { underWay: true } as const;
      }
    });
    if ('retry' in after) return this.claim(actor, invoice.id, idempotencyKey, true);
    if ('underWay' in after) {
      throw new ArborError(
        'conflict',
        'an earlier payment of this invoice is still being settled with the card processor: check the invoice again in a few minutes',
        { field: 'idempotencyKey' },
      );
    }
    if ('applied' in after) {
      // The earlier key paid it: `conflict` naming `paid`, as for any pay of a paid invoice.
      refuseUnlessUnpaid(after.invoice);
      // Charged but not applicable (logged for a refund): its claim stays, so nobody pays twice.
      throw new ArborError(
        'conflict',
        'an earlier card payment of this invoice needs the practice to look at it: contact the practice',
        { field: 'idempotencyKey' },
      );
    }
    return after.invoice;
  }

  private newClaim(actor: Actor, invoiceId: string, idempotencyKey: string): ChargeClaimRow {
    return {
      invoiceId,
      idempotencyKey,
      attemptId: null,
      claimedBy: actor.userId,
      claimedAt: this.clock.now(),
    };
  }
}
