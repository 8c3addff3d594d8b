import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * One try at charging an invoice. Committed as STARTED before the processor is called, so that
 * whatever happens after (a crash, a timeout) leaves a row the recovery job can settle; its id is
 * the idempotency key the processor sees. `(practice_id, idempotency_key)` is the caller's key:
 * unique, so a repeated or concurrent charge finds the first attempt instead of making a second.
 */
export const paymentAttempts = pgTable(
  'payment_attempts',
  {
    id: uuid('id').primaryKey(),
    practiceId: uuid('practice_id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    /** A hash of what the caller asked (invoice, amount, currency, token), to refuse key reuse. */
    requestFingerprint: text('request_fingerprint').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    processorAccountId: uuid('processor_account_id').notNull(),
    processor: text('processor').notNull(),
    /** What the processor's reference field holds (Authorize.net invoiceNumber, Converge ssl_invoice_number, Stripe metadata). */
    processorAttemptReference: text('processor_attempt_reference').notNull(),
    /**
     * The token, kept only while unsettled and only for a processor that replays by key (Stripe
     * `pm_…`): recovery repeats the identical request and Stripe answers the first result.
     */
    replayToken: text('replay_token'),
    status: text('status').notNull(),
    /** The processor's id of the charge, once known. */
    transactionId: text('transaction_id'),
    declineReason: text('decline_reason'),
    declineCode: text('decline_code'),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
    /** What went wrong last time the outcome could not be learnt (never processor data). */
    lastError: text('last_error'),
    /**
     * When recovery last asked about it in vain: the job takes the least recently asked first, so
     * attempts it cannot settle yet never crowd out the ones it can.
     */
    recoveryCheckedAt: timestamp('recovery_checked_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [
    uniqueIndex('payment_attempts_idempotency_key_idx').on(table.practiceId, table.idempotencyKey),
    index('payment_attempts_invoice_idx').on(table.practiceId, table.invoiceId),
    // A processor's webhook names the charge: which attempt made it.
    index('payment_attempts_transaction_idx').on(table.processorAccountId, table.transactionId),
    // The recovery job's scan: the few unsettled rows, oldest first.
    index('payment_attempts_unsettled_idx')
      .on(table.startedAt)
      .where(sql`${table.status} IN ('STARTED', 'UNKNOWN')`),
    check(
      'payment_attempts_status_check',
      sql`${table.status} IN ('STARTED', 'UNKNOWN', 'SUCCEEDED', 'DECLINED')`,
    ),
    check('payment_attempts_amount_check', sql`${table.amount} > 0`),
  ],
);

/**
 * Caller keys closed without an attempt (invoicing let another key pay the invoice): a charge
 * request with one of them, still on its way when the key was closed, is refused instead of
 * charging a second time. Closing and starting an attempt take the same per-key lock.
 */
export const paymentClosedKeys = pgTable(
  'payment_closed_keys',
  {
    practiceId: uuid('practice_id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.idempotencyKey] })],
);

/** Money given back on a succeeded attempt; the sum of refunds never exceeds the attempt. */
export const paymentRefunds = pgTable(
  'payment_refunds',
  {
    id: uuid('id').primaryKey(),
    practiceId: uuid('practice_id').notNull(),
    attemptId: uuid('attempt_id')
      .notNull()
      .references(() => paymentAttempts.id),
    idempotencyKey: text('idempotency_key').notNull(),
    amount: integer('amount').notNull(),
    method: text('method').notNull(),
    processorRefundId: text('processor_refund_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [
    uniqueIndex('payment_refunds_idempotency_key_idx').on(table.practiceId, table.idempotencyKey),
    index('payment_refunds_attempt_idx').on(table.attemptId),
    check('payment_refunds_amount_check', sql`${table.amount} > 0`),
    check('payment_refunds_method_check', sql`${table.method} IN ('refund', 'void')`),
  ],
);
