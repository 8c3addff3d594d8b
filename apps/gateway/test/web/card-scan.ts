import { Client as PgClient } from 'pg';
import type { Platform, ServiceName } from '../platform';
import { findCardNumbers, masked } from './card-numbers';

export interface CardScan {
  /** One line per card-like number found, masked: where, and which. */
  finds: string[];
  /** Every table read, as `<service> <schema>.<table>`. */
  tables: string[];
  rows: number;
}

/**
 * Where a card number would land if any of Arbor leaked one: each service's log output, and
 * every row of every table of each service's database. The outbox and inbox (the messages a
 * service sent and received on the bus, bodies included) are tables of those databases, so
 * they are read with the rest.
 */
export async function cardNumbersLeaked(
  platform: Platform,
  services: readonly ServiceName[],
  /** Digit strings known not to be cards: the processor tokens the journey paid with. */
  allowed: ReadonlySet<string>,
): Promise<CardScan> {
  const scan: CardScan = { finds: [], tables: [], rows: 0 };
  const report = (where: string, text: string) => {
    for (const digits of findCardNumbers(text, allowed)) scan.finds.push(`${where}: ${masked(digits)}`);
  };
  for (const service of services) report(`${service} log`, platform.output(service));
  for (const service of services) {
    const database = platform.databases[service];
    if (!database) continue;
    const client = new PgClient({ connectionString: database.url });
    await client.connect();
    try {
      const tables = await client.query<{ schema: string; name: string }>(
        `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
          WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
          ORDER BY 1, 2`,
      );
      for (const { schema, name } of tables.rows) {
        const quoted = `"${schema.replace(/"/g, '""')}"."${name.replace(/"/g, '""')}"`;
        const read = await client.query<{ row: string }>(
          `SELECT row_to_json(t)::text AS row FROM ${quoted} t`,
        );
        const where = `${service} ${schema}.${name}`;
        scan.tables.push(where);
        scan.rows += read.rows.length;
        for (const { row } of read.rows) report(where, row);
      }
    } finally {
      await client.end();
    }
  }
  return scan;
}
