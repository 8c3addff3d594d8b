import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { CLOCK, type Clock } from '@arbor/clock';
import {
  ArborError,
  PaymentFailed,
  PaymentSucceeded,
  ProcessorType,
  RefundSucceeded,
  type AnyActor,
  type ChargeBody,
  type ChargeKeyStatus,
  type CloseChargeKey,
  type PayloadOf,
  type ChargeOutcome,
  type RefundBody,
  type RefundOutcome,
} from '@arbor/contracts';
import type { Database, Transaction } from '@arbor/database';
import { DATABASE, emitEvent, LOGGER } from '@arbor/messaging';
import type { Logger } from '@arbor/observability';
import { ProcessorAccountsService } from '../processor-accounts/processor-accounts.service';
import {
  attemptReference,
  describeFailure,
  PROCESSOR_REFUSED_REASON,
  requireUsd,
  type ChargeResult,
  type PaymentProcessor,
  type ProcessorTransaction,
  type RefundResult,
} from '../processors/payment-processor';
import {
  PaymentAttemptsRepository,
  UNSETTLED,
  type AttemptRow,
  type RefundRow,
} from './payment-attempts.repository';
import { RECOVERY_SETTINGS } from './recover-attempts.job';

/**
 * Stripe keeps an idempotency key 24 hours; a replay after that would be a new charge. Recovery
 * replays only well within it, and leaves anything older to staff.
 */
export const REPLAY_WINDOW_MS = 23 * 60 * 60 * 1000;

/**
 * How long after an attempt began a processor that has no record of its reference is believed:
 * well past the adapters' 25-second deadline and Authorize.net's default two-minute duplicate
 * window, so no request of the attempt can still be on its way.
 */
export const NOT_RECEIVED_AFTER_MS = 5 * 60 * 1000;
/** The decline code of an attempt the processor never received. */
export const NOT_RECEIVED_CODE = 'not_received';

type FindsByReference = Required<Pick<PaymentProcessor, 'findByReference'>>;

function findsByReference<T extends Partial<Pick<PaymentProcessor, 'findByReference'>>>(
  processor: T,
): processor is T & FindsByReference {
  return processor.findByReference !== undefined;
}

/** A charge as the processor now sees it, as the result to record. */
function resultOfTransaction(transaction: ProcessorTransaction): ChargeResult {
  const { transactionId } = transaction;
  switch (transaction.status) {
    case 'approved':
      return { outcome: 'approved', transactionId, amount: transaction.amount };
    case 'pending':
      return { outcome: 'unknown', error: 'the processor is still processing it', transactionId };
    case 'declined':
    case 'voided':
      return {
        outcome: 'declined',
        by: 'processor',
        reason: PROCESSOR_REFUSED_REASON,
        code: transaction.status,
        transactionId,
      };
  }
}

/** Refund ids derive from the caller's key, so a retried refund reaches the processor with the same key. */
const REFUND_ID_NAMESPACE = 'a3f1c0de-6f7b-4d7e-9a51-3c2b8e0d4f10';

const RECOVERY: AnyActor = { system: 'payments.attempts.recover' };

/**
 * Paying and refunding invoices. An attempt is committed STARTED before the processor is called
 * (its id is the key the processor sees), and its result and event are committed together
 * after; whatever dies in between, the recovery job finishes it from the processor's records.
 */
@Injectable()
export class PaymentsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly accounts: ProcessorAccountsService,
    private readonly attempts: PaymentAttemptsRepository,
  ) {}

  async charge(actor: AnyActor, body: z.infer<typeof ChargeBody>): Promise<ChargeOutcome> {
    const fingerprint = fingerprintOf([body.invoiceId, body.amount, body.currency, body.paymentToken]);
    const earlier = await this.attempts.findByKey(this.db, body.practiceId, body.idempotencyKey);
    if (earlier) return replayOf(earlier, fingerprint);

    const { accountId, type, processor } = await this.accounts.activeProcessor(body.practiceId);
    // Refused before the attempt exists: a charge that cannot be sent must not wait for recovery.
    if (type !== 'stripe') requireUsd(body.currency, type === 'elavon' ? 'Elavon Converge' : 'Authorize.net');
    const id = uuidv7();
    const inserted = await this.db.transaction(async (tx) => {
      // Under the key's lock, so a key invoicing closed cannot start an attempt after closing.
      await this.attempts.lockKey(tx, body.practiceId, body.idempotencyKey);
      if (await this.attempts.keyClosed(tx, body.practiceId, body.idempotencyKey)) {
        throw new ArborError(
          'conflict',
          'this payment was given up on and another one took its place: nothing was charged',
          { field: 'idempotencyKey' },
        );
      }
      return this.attempts.insertIfNew(tx, {
        id,
        practiceId: body.practiceId,
        invoiceId: body.invoiceId,
        idempotencyKey: body.idempotencyKey,
        requestFingerprint: fingerprint,
        amount: body.amount,
        currency: body.currency,
        processorAccountId: accountId,
        processor: type,
        processorAttemptReference: attemptReference(id),
        replayToken: processor.replaysByKey ? body.paymentToken : null,
        status: 'STARTED',
        startedAt: this.clock.now(),
      });
    });
    if (!inserted) {
      // A concurrent request with the same key got there first: it makes the one processor call.
      const first = await this.attempts.findByKey(this.db, body.practiceId, body.idempotencyKey);
      if (!first) throw new Error('a payment attempt vanished under its idempotency key');
      return replayOf(first, fingerprint);
    }

    let result: ChargeResult;
    try {
      result = await processor.charge({
        token: body.paymentToken,
        amount: body.amount,
        currency: body.currency,
        idempotencyKey: id,
      });
    } catch (caught) {
      // Adapters throw only before sending anything (input they cannot send): nothing was charged.
      this.logger.warn(
        { attemptId: id, error: describeFailure(caught) },
        'payment refused before the processor',
      );
      result = {
        outcome: 'declined',
        by: 'processor',
        reason: PROCESSOR_REFUSED_REASON,
        code: 'invalid_request',
      };
    }
    const attempt = await this.attempts.find(this.db, id);
    if (!attempt) throw new Error('a payment attempt vanished after its charge');
    return this.record(attempt, result, actor);
  }

  /**
   * What the caller key did, the key closed if it did nothing: under the key's lock, so either
   * its attempt exists and is answered, or no attempt can ever start with it.
   */
  async closeKey(body: PayloadOf<typeof CloseChargeKey>): Promise<ChargeKeyStatus> {
    return this.db.transaction(async (tx) => {
      await this.attempts.lockKey(tx, body.practiceId, body.idempotencyKey);
      const attempt = await this.attempts.findByKey(tx, body.practiceId, body.idempotencyKey);
      if (!attempt) {
        await this.attempts.closeKey(tx, { ...body, closedAt: this.clock.now() });
        return { status: 'none' };
      }
      if (attempt.invoiceId !== body.invoiceId) {
        throw new ArborError('conflict', 'this key paid another invoice', { field: 'idempotencyKey' });
      }
      return keyStatusOf(attempt);
    });
  }

  /**
   * Settles the unsettled attempts the processor can now answer for; answers how many it
   * settled. Repeatable: an attempt is settled once, whoever gets there first.
   */
  async recoverUnsettled(limit: number): Promise<number> {
    // Past the grace, no request is still waiting on a STARTED attempt: recovery may settle it.
    const startedBefore = new Date(this.clock.now().getTime() - RECOVERY_SETTINGS.startedGraceMs);
    const rows = await this.attempts.unsettled(this.db, startedBefore, limit);
    let settled = 0;
    for (const row of rows) {
      try {
        const outcome = await this.recoverOne(row);
        if (outcome.status !== 'pending') settled += 1;
      } catch (caught) {
        // One attempt's trouble (a bad record, the database) must not stop the others, nor keep
        // its place at the front of the next run.
        const error = describeFailure(caught);
        this.logger.warn({ attemptId: row.id, error }, 'payment attempt not recovered');
        await this.attempts
          .markUnknown(this.db, row.id, { error, checkedAt: this.clock.now() })
          .catch(() => undefined);
      }
    }
    return settled;
  }

  private async recoverOne(row: AttemptRow): Promise<ChargeOutcome> {
    const found = await this.accounts.accountProcessor(row.practiceId, row.processorAccountId);
    if (!found) {
      await this.attempts.markUnknown(this.db, row.id, {
        error: 'the processor account that took this attempt was deleted',
        checkedAt: this.clock.now(),
      });
      return { status: 'pending', attemptId: row.id };
    }
    const { processor } = found;
    let result: ChargeResult;
    if (row.transactionId) {
      const retrieved = await processor.retrieve({ transactionId: row.transactionId });
      result =
        retrieved.outcome === 'found'
          ? resultOfTransaction(retrieved.transaction)
          : {
              outcome: 'unknown',
              error:
                retrieved.outcome === 'not_found' ? 'the processor has no such transaction' : retrieved.error,
              transactionId: row.transactionId,
            };
    } else if (
      processor.replaysByKey &&
      row.replayToken &&
      this.clock.now().getTime() - row.startedAt.getTime() < REPLAY_WINDOW_MS
    ) {
      // The identical request under the attempt's key: the processor answers what it did the
      // first time (or, if the first never reached it, does it now, once).
      result = await processor.charge({
        token: row.replayToken,
        amount: row.amount,
        currency: row.currency,
        idempotencyKey: row.id,
      });
    } else if (findsByReference(processor)) {
      result = await this.recoverByReference(row, processor);
    } else {
      result = {
        outcome: 'unknown',
        error: `${row.processor} attempts without a transaction id cannot be looked up by reference; staff must check reference ${row.processorAttemptReference}`,
      };
    }
    return this.record(row, result, RECOVERY, this.clock.now());
  }

  /**
   * An attempt that died before the processor named its transaction, found by the reference it
   * was sent with. Not found soon after it began, it may still be on its way, so it stays
   * UNKNOWN; not found past {@link NOT_RECEIVED_AFTER_MS}, the processor never took it, and as
   * these processors' charges are never sent twice it never will: it is settled as failed, so
   * the invoice can be paid again.
   */
  private async recoverByReference(row: AttemptRow, processor: FindsByReference): Promise<ChargeResult> {
    const now = this.clock.now();
    const found = await processor.findByReference({
      reference: row.processorAttemptReference,
      since: row.startedAt,
      until: now,
    });
    if (found.outcome === 'found') return resultOfTransaction(found.transaction);
    if (found.outcome === 'unknown') {
      return {
        outcome: 'unknown',
        error: `looking up reference ${row.processorAttemptReference} failed: ${found.error}`,
      };
    }
    if (now.getTime() - row.startedAt.getTime() < NOT_RECEIVED_AFTER_MS) {
      return {
        outcome: 'unknown',
        error: `the processor has no charge with reference ${row.processorAttemptReference} yet; it is looked up again until ${NOT_RECEIVED_AFTER_MS / 60_000} minutes after the attempt began`,
      };
    }
    return {
      outcome: 'declined',
      by: 'processor',
      reason: PROCESSOR_REFUSED_REASON,
      code: NOT_RECEIVED_CODE,
    };
  }

  /** The processor's answer and its event, in one transaction; only the first to settle emits. */
  private async record(
    attempt: AttemptRow,
    result: ChargeResult,
    actor: AnyActor,
    /** When recovery, not the request, is recording: an unknown then goes to the back of its queue. */
    recoveryCheckedAt?: Date,
  ): Promise<ChargeOutcome> {
    if (result.outcome === 'unknown') {
      await this.attempts.markUnknown(this.db, attempt.id, {
        error: result.error,
        transactionId: result.transactionId,
        ...(recoveryCheckedAt ? { checkedAt: recoveryCheckedAt } : {}),
      });
      return { status: 'pending', attemptId: attempt.id };
    }
    const settled = await this.db.transaction(async (tx) => {
      const finishedAt = this.clock.now();
      const row =
        result.outcome === 'approved'
          ? await this.attempts.settle(tx, attempt.id, {
              status: 'SUCCEEDED',
              transactionId: result.transactionId,
              finishedAt,
            })
          : await this.attempts.settle(tx, attempt.id, {
              status: 'DECLINED',
              transactionId: result.transactionId ?? null,
              declineReason: result.reason,
              declineCode: result.code ?? null,
              finishedAt,
            });
      if (row) await this.emitSettled(tx, row, actor);
      return row;
    });
    if (settled) return outcomeOf(settled);
    // Someone else settled it first (the request, or another recovery run): theirs stands.
    const current = await this.attempts.find(this.db, attempt.id);
    return current ? outcomeOf(current) : { status: 'pending', attemptId: attempt.id };
  }

  private async emitSettled(tx: Transaction, row: AttemptRow, actor: AnyActor): Promise<void> {
    const state = {
      practiceId: row.practiceId,
      invoiceId: row.invoiceId,
      attemptId: row.id,
      amount: row.amount,
      currency: row.currency,
      processor: ProcessorType.parse(row.processor),
    };
    const meta = { practiceId: row.practiceId, actor };
    if (row.status === 'SUCCEEDED') {
      await emitEvent(tx, PaymentSucceeded, { ...state, processorReference: row.transactionId ?? '' }, meta);
    } else {
      await emitEvent(
        tx,
        PaymentFailed,
        {
          ...state,
          reason: row.declineReason ?? PROCESSOR_REFUSED_REASON,
          ...(row.declineCode ? { code: row.declineCode } : {}),
        },
        meta,
      );
    }
  }

  /**
   * Gives back part or all of a succeeded payment through the processor that took it. The
   * attempt stays locked while the processor is asked, so concurrent refunds of one payment
   * queue and can never add up to more than was paid.
   */
  async refund(actor: AnyActor, body: z.infer<typeof RefundBody>): Promise<RefundOutcome> {
    const refundId = uuidv5(`${body.practiceId}:${body.idempotencyKey}`, REFUND_ID_NAMESPACE);
    const earlier = await this.attempts.findRefundByKey(this.db, body.practiceId, body.idempotencyKey);
    if (earlier) return this.refundReplay(earlier.attemptId, earlier.id, body);

    return this.db.transaction(async (tx) => {
      const attempt = await this.attempts.findForUpdate(tx, body.practiceId, body.attemptId);
      if (!attempt) throw new ArborError('not_found', 'no such payment');
      // A concurrent refund with the same key committed while this one waited for the lock.
      const raced = await this.attempts.findRefundByKey(tx, body.practiceId, body.idempotencyKey);
      if (raced) return this.refundReplay(raced.attemptId, raced.id, body, tx);
      if (attempt.status !== 'SUCCEEDED' || !attempt.transactionId) {
        throw new ArborError('conflict', 'only a payment that went through can be refunded');
      }
      const refunded = await this.attempts.refundedTotal(tx, attempt.id);
      const remaining = attempt.amount - refunded;
      const amount = body.amount ?? remaining;
      if (remaining <= 0) throw new ArborError('conflict', 'this payment was already refunded in full');
      if (amount > remaining) {
        throw new ArborError(
          'conflict',
          `a refund can give back at most what remains of the payment: ${remaining} cents`,
          { limit: remaining, field: 'amount' },
        );
      }
      const found = await this.accounts.accountProcessor(attempt.practiceId, attempt.processorAccountId);
      if (!found) {
        throw new ArborError('conflict', 'the processor account that took this payment was deleted');
      }
      const { processor } = found;
      let method: 'refund' | 'void' = 'refund';
      let result: RefundResult = await processor.refund({
        transactionId: attempt.transactionId,
        amount,
        idempotencyKey: refundId,
      });
      if (result.outcome === 'rejected' && result.code === 'void_instead') {
        // Unsettled: the processor takes back the whole charge with a void, never a part of it.
        if (amount !== attempt.amount) {
          throw new ArborError(
            'conflict',
            'this payment has not settled yet, so only a refund of the whole amount is possible until it does',
          );
        }
        const voided = await processor.void({ transactionId: attempt.transactionId });
        method = 'void';
        result =
          voided.outcome === 'approved'
            ? { outcome: 'approved', refundId: voided.transactionId, amount, pending: false }
            : voided;
      }
      if (result.outcome === 'rejected') throw new ArborError('conflict', result.reason);
      if (result.outcome === 'unknown') {
        this.logger.warn({ attemptId: attempt.id, refundId, error: result.error }, 'refund outcome unknown');
        throw new ArborError(
          'service_unavailable',
          'the processor did not answer; try the refund again with the same idempotency key',
          { service: attempt.processor },
        );
      }
      const refundedTotal = await this.recordRefund(
        tx,
        attempt,
        {
          id: refundId,
          idempotencyKey: body.idempotencyKey,
          amount,
          method,
          processorRefundId: result.refundId,
        },
        actor,
      );
      return {
        refundId,
        attemptId: attempt.id,
        invoiceId: attempt.invoiceId,
        amount,
        currency: attempt.currency,
        refundedTotal,
        method,
      };
    });
  }

  /**
   * Records money given back on a locked, succeeded attempt and emits `refund.succeeded` in the
   * same transaction: Arbor's own refunds, and those made at the processor that its webhooks
   * report. Answers all refunded on the attempt so far, this refund included.
   */
  async recordRefund(
    tx: Transaction,
    attempt: AttemptRow,
    refund: Pick<RefundRow, 'id' | 'idempotencyKey' | 'amount' | 'processorRefundId'> & {
      method: 'refund' | 'void';
    },
    actor: AnyActor,
  ): Promise<number> {
    const refundedBefore = await this.attempts.refundedTotal(tx, attempt.id);
    await this.attempts.insertRefund(tx, {
      ...refund,
      practiceId: attempt.practiceId,
      attemptId: attempt.id,
      createdAt: this.clock.now(),
    });
    const refundedTotal = refundedBefore + refund.amount;
    await emitEvent(
      tx,
      RefundSucceeded,
      {
        practiceId: attempt.practiceId,
        invoiceId: attempt.invoiceId,
        attemptId: attempt.id,
        amount: refund.amount,
        currency: attempt.currency,
        processor: ProcessorType.parse(attempt.processor),
        refundId: refund.id,
        refundedTotal,
        method: refund.method,
      },
      { practiceId: attempt.practiceId, actor },
    );
    return refundedTotal;
  }

  /**
   * Settles one unsettled attempt now, exactly as the recovery job does, when the processor's
   * webhook says its charge went through. `transactionId` is the charge the event names, asked
   * about where the attempt never learnt its own. Undefined when it was settled already.
   */
  async recoverAttempt(attemptId: string, transactionId: string): Promise<ChargeOutcome | undefined> {
    const row = await this.attempts.find(this.db, attemptId);
    if (!row || !(UNSETTLED as readonly string[]).includes(row.status)) return undefined;
    return this.recoverOne(row.transactionId ? row : { ...row, transactionId });
  }

  private async refundReplay(
    attemptId: string,
    refundId: string,
    body: z.infer<typeof RefundBody>,
    db: Database | Transaction = this.db,
  ): Promise<RefundOutcome> {
    const refund = await this.attempts.findRefundByKey(db, body.practiceId, body.idempotencyKey);
    const attempt = await this.attempts.find(db, attemptId);
    if (!refund || !attempt) throw new Error('a refund vanished under its idempotency key');
    if (attemptId !== body.attemptId || (body.amount !== undefined && body.amount !== refund.amount)) {
      throw keyReused();
    }
    return {
      refundId,
      attemptId,
      invoiceId: attempt.invoiceId,
      amount: refund.amount,
      currency: attempt.currency,
      refundedTotal: await this.attempts.refundedTotal(db, attemptId),
      method: refund.method === 'void' ? 'void' : 'refund',
    };
  }
}

function replayOf(attempt: AttemptRow, fingerprint: string): ChargeOutcome {
  if (attempt.requestFingerprint !== fingerprint) throw keyReused();
  return outcomeOf(attempt);
}

function outcomeOf(attempt: AttemptRow): ChargeOutcome {
  switch (attempt.status) {
    case 'SUCCEEDED':
      return {
        status: 'succeeded',
        attemptId: attempt.id,
        amount: attempt.amount,
        currency: attempt.currency,
        processorReference: attempt.transactionId ?? '',
      };
    case 'DECLINED':
      return {
        status: 'declined',
        attemptId: attempt.id,
        reason: attempt.declineReason ?? PROCESSOR_REFUSED_REASON,
      };
    default:
      return { status: 'pending', attemptId: attempt.id };
  }
}

/** The attempt as {@link CloseChargeKey} answers it: its outcome, in the invoice's terms. */
function keyStatusOf(attempt: AttemptRow): ChargeKeyStatus {
  const outcome = outcomeOf(attempt);
  switch (outcome.status) {
    case 'succeeded':
      return {
        status: 'succeeded',
        attemptId: outcome.attemptId,
        amount: outcome.amount,
        currency: outcome.currency,
      };
    case 'declined':
      return { status: 'failed', attemptId: outcome.attemptId };
    case 'pending':
      return { status: 'in_flight', attemptId: outcome.attemptId };
  }
}

function keyReused(): ArborError {
  return new ArborError(
    'conflict',
    'this idempotency key was already used with other parameters; use a new key for a new payment',
  );
}

/** A hash, so the token itself is never compared or kept for it. */
function fingerprintOf(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
