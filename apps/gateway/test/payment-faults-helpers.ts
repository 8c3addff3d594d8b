import { createServer, type Server } from 'node:http';
import type { Pool, PoolClient } from 'pg';
import { expect } from '@jest/globals';
import { eventually } from '@arbor/testing';
import { contractChecker } from './contract-check';

/** An answer of the API, as a client sees it. */
export interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Headers;
}

const check = contractChecker();

/** `POST /portal/invoices/:id/pay` with the card test token and an `Idempotency-Key`, contract-checked. */
export async function payInvoice(
  base: string,
  token: string,
  invoiceId: string,
  key: string,
): Promise<Answer> {
  const path = `/portal/invoices/${invoiceId}/pay`;
  const response = await fetch(`${base}/api/v1${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      origin: 'https://arbor.test',
      'content-type': 'application/json',
      'idempotency-key': key,
    },
    body: JSON.stringify({ paymentToken: 'pm_card_visa' }),
  });
  const text = await response.text();
  const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  check('POST', path, {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text,
    body,
  });
  return { status: response.status, body, headers: response.headers };
}

/**
 * A lock the test holds in its own transaction, so that a service's statement that needs it
 * waits exactly there; released by rolling the transaction back.
 */
export interface HeldLock {
  release(): Promise<void>;
}

export async function holdLock(pool: Pool, sql: string, params: unknown[] = []): Promise<HeldLock> {
  const client: PoolClient = await pool.connect();
  await client.query('BEGIN');
  await client.query(sql, params);
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      await client.query('ROLLBACK');
      client.release();
    },
  };
}

/** The statements of other sessions on this database that are waiting for a lock. */
export async function lockWaiters(pool: Pool): Promise<string[]> {
  const { rows } = await pool.query<{ query: string }>(
    `SELECT query FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
  );
  return rows.map((row) => row.query);
}

/** Waits until `count` statements matching `pattern` wait for a lock on this database. */
export async function waitForLockWaiters(pool: Pool, pattern: RegExp, count = 1): Promise<string[]> {
  return eventually(
    async () => {
      const waiting = (await lockWaiters(pool)).filter((query) => pattern.test(query));
      expect(waiting.length).toBeGreaterThanOrEqual(count);
      return waiting;
    },
    { timeoutMs: 10_000, intervalMs: 20 },
  );
}

/**
 * Every PaymentIntent the processor sandbox's Stripe fake has charged, as its
 * `payment_intent.succeeded` webhooks tell them (one per charge: an idempotent replay runs
 * nothing, so it sends none), by the `arbor_attempt` reference payments puts in the metadata.
 * The webhooks go to a receiver of the test's own that only says 200.
 */
export class SandboxCharges {
  private constructor(
    private readonly sandboxUrl: string,
    private readonly receiver: Server,
  ) {}

  static async watch(sandboxUrl: string): Promise<SandboxCharges> {
    const receiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(200).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const address = receiver.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const set = await fetch(`${sandboxUrl}/_sandbox/webhooks/stripe`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: `http://127.0.0.1:${port}/stripe` }),
    });
    expect(set.status).toBe(200);
    return new SandboxCharges(sandboxUrl, receiver);
  }

  /** The references (`metadata.arbor_attempt`) of every succeeded charge, one entry per charge. */
  async references(): Promise<string[]> {
    const answer = await fetch(`${this.sandboxUrl}/_sandbox/webhooks/deliveries`);
    expect(answer.status).toBe(200);
    const { deliveries } = (await answer.json()) as {
      deliveries: Array<{ processor: string; eventType: string; body: string }>;
    };
    return deliveries
      .filter(
        (delivery) => delivery.processor === 'stripe' && delivery.eventType === 'payment_intent.succeeded',
      )
      .map((delivery) => {
        const event = JSON.parse(delivery.body) as {
          data: { object: { metadata?: Record<string, string> } };
        };
        return event.data.object.metadata?.['arbor_attempt'] ?? '(no reference)';
      });
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.receiver.close(() => resolve()));
  }
}

/** How many times each value occurs. */
export function countBy<T>(values: readonly T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** Runs `work` over `items`, at most `limit` at a time, answering in the items' order. */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!, index);
      }
    }),
  );
  return results;
}
