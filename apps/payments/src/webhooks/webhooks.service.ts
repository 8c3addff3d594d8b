import { Inject, Injectable } from '@nestjs/common';
import { v5 as uuidv5 } from 'uuid';
import { CLOCK, type Clock } from '@arbor/clock';
import { ArborError, AT_THE_PROCESSOR, type ReceiveWebhookBody, type WebhookReceipt } from '@arbor/contracts';
import type { Database, Transaction } from '@arbor/database';
import { DATABASE, LOGGER } from '@arbor/messaging';
import type { Logger } from '@arbor/observability';
import { PaymentAttemptsRepository, UNSETTLED } from '../payments/payment-attempts.repository';
import { PaymentsService } from '../payments/payments.service';
import type { PaymentProcessor, VerifiedWebhookEvent } from '../processors/payment-processor';
import { ProcessorAccountsService } from '../processor-accounts/processor-accounts.service';
import { reconciliationOf, refundableAmount, type ProcessorRefund } from './webhooks';
import { WebhooksRepository, type WebhookAccount } from './webhooks.repository';

/**
 * Refunds recorded from a processor's events have ids derived from the account and the
 * processor's refund id: the same refund, however often reported, is one refund everywhere
 * (payments, invoicing's history).
 */
const EXTERNAL_REFUND_NAMESPACE = '5b0e3c8a-2f41-4c8e-b7d6-9e1a4f3c2d70';

const APPLIED: WebhookReceipt = { outcome: 'applied' };
const DUPLICATE: WebhookReceipt = { outcome: 'duplicate' };
const IGNORED: WebhookReceipt = { outcome: 'ignored' };

interface Received {
  readonly account: WebhookAccount;
  readonly event: VerifiedWebhookEvent;
}

/**
 * Processor webhooks: what happened outside Arbor, told by the processor. Each event is verified
 * with the account's own secret, then acted on once: a refund made in the processor's dashboard
 * is recorded and announced as Arbor's own are; a payment Arbor never heard back about is settled
 * by the recovery job's own code.
 */
@Injectable()
export class WebhooksService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly accounts: ProcessorAccountsService,
    private readonly payments: PaymentsService,
    private readonly attempts: PaymentAttemptsRepository,
    private readonly repository: WebhooksRepository,
  ) {}

  async receive(webhook: ReceiveWebhookBody): Promise<WebhookReceipt> {
    const account = await this.repository.account(this.db, webhook.processorAccountId);
    // An account of another processor is as unknown as none: its secret signs nothing here.
    const found =
      account?.type === webhook.processor
        ? await this.accounts.accountProcessor(account.practiceId, account.id)
        : undefined;
    if (!account || !found) {
      throw new ArborError('not_found', 'no such processor account', { reason: 'processor_account' });
    }
    const rawBody = Buffer.from(webhook.rawBody, 'base64');
    // Throws WebhookRejectedError (401, 400, or 404 for Converge) before anything is read.
    const event = found.processor.verifyWebhook(webhook.headers, rawBody);
    if (await this.repository.seen(this.db, account.id, event.id)) return DUPLICATE;

    const received = { account, event };
    const plan = reconciliationOf(account.type, event, rawBody);
    switch (plan.kind) {
      case 'refunds':
        return this.applyRefunds(received, plan.transactionId, plan.refunds, 'refund');
      case 'void':
        return this.applyRefunds(received, plan.transactionId, undefined, 'void');
      case 'refund_to_look_up':
        return this.applyLookedUpRefund(received, found.processor, plan.refundTransactionId);
      case 'payment':
        return this.settlePayment(received, found.processor, plan.transactionId, plan.reference);
      case 'ignore':
        this.logger.info(
          { processorAccountId: account.id, eventId: event.id, eventType: event.type, why: plan.why },
          'processor webhook ignored',
        );
        return this.claimOnly(received, IGNORED);
    }
  }

  /**
   * Refunds on one of Arbor's charges, each recorded unless it is recorded already (Arbor's own
   * refunds also come back as events, matched by the processor's refund id). `refunds` undefined:
   * a void, which gives back all that is left.
   */
  private applyRefunds(
    { account, event }: Received,
    transactionId: string,
    refunds: readonly ProcessorRefund[] | undefined,
    method: 'refund' | 'void',
  ): Promise<WebhookReceipt> {
    return this.db.transaction(async (tx) => {
      if (!(await this.claim(tx, { account, event }))) return DUPLICATE;
      // Locked as Arbor's own refund locks it: one that is under way commits first, and is seen.
      const attempt = await this.repository.attemptOfTransaction(tx, account.id, transactionId, {
        forUpdate: true,
      });
      if (attempt?.status !== 'SUCCEEDED') return IGNORED;
      const reported = refunds ?? [{ processorRefundId: transactionId, amount: attempt.amount }];
      let applied = false;
      for (const refund of reported) {
        if (await this.repository.hasRefund(tx, attempt.id, refund.processorRefundId)) continue;
        const refundedSoFar = await this.attempts.refundedTotal(tx, attempt.id);
        const amount = refundableAmount(refund.amount, attempt.amount, refundedSoFar);
        if (amount !== refund.amount) {
          this.logger.warn(
            { attemptId: attempt.id, eventId: event.id, reported: refund.amount, recorded: amount },
            'the processor reports more refunded than is left of the payment',
          );
        }
        if (amount === 0) continue;
        await this.payments.recordRefund(
          tx,
          attempt,
          {
            id: uuidv5(`${account.id}:${refund.processorRefundId}`, EXTERNAL_REFUND_NAMESPACE),
            idempotencyKey: `processor:${refund.processorRefundId}`,
            amount,
            method,
            processorRefundId: refund.processorRefundId,
          },
          AT_THE_PROCESSOR,
        );
        applied = true;
      }
      return applied ? APPLIED : IGNORED;
    });
  }

  /** Authorize.net names the refund's own transaction; its details name the charge it refunded. */
  private async applyLookedUpRefund(
    received: Received,
    processor: PaymentProcessor,
    refundTransactionId: string,
  ): Promise<WebhookReceipt> {
    const found = await processor.retrieve({ transactionId: refundTransactionId });
    if (found.outcome === 'unknown') throw processorAway(received.account, found.error);
    const refunded = found.outcome === 'found' ? found.transaction.raw?.['refTransId'] : undefined;
    if (
      found.outcome === 'not_found' ||
      typeof refunded !== 'string' ||
      found.transaction.status !== 'approved'
    ) {
      return this.claimOnly(received, IGNORED);
    }
    return this.applyRefunds(
      received,
      refunded,
      [{ processorRefundId: refundTransactionId, amount: found.transaction.amount }],
      'refund',
    );
  }

  /**
   * A charge that went through for an attempt still waiting here: settled now by the recovery
   * job's own code (which asks the processor, so the event is never the only evidence), and
   * `payment.succeeded` goes out once whoever settles first. Settling is once-only by itself, so
   * the event is claimed after it.
   */
  private async settlePayment(
    received: Received,
    processor: PaymentProcessor,
    transactionId: string,
    reference: string | undefined,
  ): Promise<WebhookReceipt> {
    const { account } = received;
    let attempt = await this.repository.attemptOfTransaction(this.db, account.id, transactionId);
    if (!attempt) {
      const sentWith = reference ?? (await this.referenceOf(processor, account, transactionId));
      if (sentWith) attempt = await this.repository.unsettledByReference(this.db, account.id, sentWith);
    }
    if (!attempt || !(UNSETTLED as readonly string[]).includes(attempt.status)) {
      return this.claimOnly(received, IGNORED);
    }
    const outcome = await this.payments.recoverAttempt(attempt.id, transactionId);
    if (outcome?.status === 'pending') {
      // Not settled yet (the processor still says pending): the event stays unclaimed, so the
      // processor's retry, or the recovery job, finishes it.
      return IGNORED;
    }
    return this.claimOnly(received, outcome ? APPLIED : IGNORED);
  }

  /** The attempt reference a charge was sent with, from the processor's own record of it. */
  private async referenceOf(
    processor: PaymentProcessor,
    account: WebhookAccount,
    transactionId: string,
  ): Promise<string | undefined> {
    const found = await processor.retrieve({ transactionId });
    if (found.outcome === 'unknown') throw processorAway(account, found.error);
    if (found.outcome === 'not_found') return undefined;
    const reference = found.transaction.raw?.['invoiceNumber'];
    return typeof reference === 'string' ? reference : undefined;
  }

  private claim(tx: Transaction, { account, event }: Received): Promise<boolean> {
    return this.repository.claim(tx, {
      processorAccountId: account.id,
      eventId: event.id,
      practiceId: account.practiceId,
      eventType: event.type,
      receivedAt: this.clock.now(),
    });
  }

  private async claimOnly(received: Received, receipt: WebhookReceipt): Promise<WebhookReceipt> {
    const first = await this.db.transaction((tx) => this.claim(tx, received));
    return first ? receipt : DUPLICATE;
  }
}

/** The processor could not be asked: a 503, so the processor delivers the event again later. */
function processorAway(account: WebhookAccount, error: string): ArborError {
  return new ArborError('service_unavailable', `the processor did not answer (${error}); deliver it again`, {
    service: account.type,
  });
}
