// Imports stay relative or type-only: drizzle-kit loads this file on its own, without path aliases.
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { AppliedTaxRule } from '@arbor/contracts';

/**
 * The last invoice number each practice has issued. Bumped by the same transaction that inserts the
 * invoice: the row stays locked until that transaction ends, so concurrent creations in a practice
 * take numbers one after the other, and a creation that rolls back gives its number back.
 */
export const invoiceNumberCounters = pgTable(
  'invoice_number_counters',
  {
    practiceId: uuid('practice_id').primaryKey(),
    lastNumber: integer('last_number').notNull(),
  },
  (table) => [check('invoice_number_counters_positive', sql`${table.lastNumber} > 0`)],
);

/**
 * Invoices. Money is minor units of `currency`. The database refuses money that does not add up
 * (total = subtotal + tax; refunded never more than paid, paid never more than the total) and a
 * number issued twice in a practice, whatever the code above it does.
 */
export const invoices = pgTable(
  'invoices',
  {
    id: uuid('id').primaryKey(),
    practiceId: uuid('practice_id').notNull(),
    number: integer('number').notNull(),
    clientId: uuid('client_id').notNull(),
    providerId: uuid('provider_id').notNull(),
    description: text('description').notNull(),
    subtotal: bigint('subtotal', { mode: 'number' }).notNull(),
    tax: bigint('tax', { mode: 'number' }).notNull(),
    total: bigint('total', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    taxRule: jsonb('tax_rule').notNull().$type<AppliedTaxRule>(),
    status: text('status').notNull(),
    amountPaid: bigint('amount_paid', { mode: 'number' }).notNull().default(0),
    amountRefunded: bigint('amount_refunded', { mode: 'number' }).notNull().default(0),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull(),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [
    unique('invoices_practice_number_unique').on(table.practiceId, table.number),
    index('invoices_practice_issued_idx').on(table.practiceId, table.issuedAt, table.id),
    index('invoices_client_issued_idx').on(table.clientId, table.issuedAt, table.id),
    check(
      'invoices_status_known',
      sql`${table.status} IN ('unpaid', 'paid', 'partially_refunded', 'refunded', 'forgiven', 'void')`,
    ),
    check('invoices_number_positive', sql`${table.number} > 0`),
    check(
      'invoices_money_adds_up',
      sql`${table.subtotal} >= 0 AND ${table.tax} >= 0 AND ${table.total} > 0 AND ${table.total} = ${table.subtotal} + ${table.tax}`,
    ),
    check(
      'invoices_refund_within_paid',
      sql`0 <= ${table.amountRefunded} AND ${table.amountRefunded} <= ${table.amountPaid} AND ${table.amountPaid} <= ${table.total}`,
    ),
  ],
);

/**
 * Every change of an invoice's status, oldest first: who (`null` when Arbor did it by itself),
 * when, from which status to which, and why. Written in the transaction that changes the invoice.
 */
export const invoiceStatusHistory = pgTable(
  'invoice_status_history',
  {
    id: uuid('id').primaryKey(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actorId: uuid('actor_id'),
    reason: text('reason'),
  },
  (table) => [index('invoice_status_history_invoice_idx').on(table.invoiceId, table.at, table.id)],
);

/**
 * Payments applied to invoices: recorded by staff (cash, check, other), or card payments payments
 * reports (their attempt id in `reference`).
 */
export const invoicePayments = pgTable(
  'invoice_payments',
  {
    id: uuid('id').primaryKey(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    method: text('method').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    reference: text('reference'),
    recordedBy: uuid('recorded_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [
    index('invoice_payments_invoice_idx').on(table.invoiceId, table.recordedAt),
    check('invoice_payments_method_known', sql`${table.method} IN ('card', 'cash', 'check', 'other')`),
    check('invoice_payments_amount_positive', sql`${table.amount} > 0`),
    // One payment attempt is applied once, however often payments reports it.
    uniqueIndex('invoice_payments_card_attempt_unique')
      .on(table.reference)
      .where(sql`${table.method} = 'card'`),
  ],
);

/**
 * Money given back on an invoice's card payment. `id` is payments' refund id, so a refund is
 * applied once whether it arrives as the refund command's answer or as `refund.succeeded`, or both,
 * or twice. `reason` and `requestedBy` are known when Arbor asked for it; `null` when the refund was
 * made elsewhere (the processor's dashboard) and only its event says so.
 */
export const invoiceRefunds = pgTable(
  'invoice_refunds',
  {
    id: uuid('id').primaryKey(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    attemptId: uuid('attempt_id').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    method: text('method').notNull(),
    reason: text('reason'),
    requestedBy: uuid('requested_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [
    index('invoice_refunds_invoice_idx').on(table.invoiceId, table.recordedAt),
    check('invoice_refunds_method_known', sql`${table.method} IN ('refund', 'void')`),
    check('invoice_refunds_amount_positive', sql`${table.amount} > 0`),
  ],
);

/**
 * The card payment under way on an unpaid invoice: the caller's idempotency key that asked
 * payments to charge it. While it stands, another key is refused, so two tabs or two devices never
 * charge one invoice twice; the same key goes on to payments, which answers its first outcome.
 * Removed when that charge was declined.
 */
export const invoiceChargeClaims = pgTable('invoice_charge_claims', {
  invoiceId: uuid('invoice_id')
    .primaryKey()
    .references(() => invoices.id),
  idempotencyKey: text('idempotency_key').notNull(),
  /** payments' attempt, once it answered; `payment.failed` of that attempt lifts the claim. */
  attemptId: uuid('attempt_id'),
  claimedBy: uuid('claimed_by').notNull(),
  claimedAt: timestamp('claimed_at', { withTimezone: true, mode: 'date' }).notNull(),
});
