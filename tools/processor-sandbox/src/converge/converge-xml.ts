import { XMLBuilder, XMLParser } from 'fast-xml-parser';

/**
 * Converge's XML API format (https://developer.elavon.com/na/docs/converge/1.0.0/integration-guide/integration_methods/xml_api):
 * a request is one `<txn>` element of `ssl_*` fields sent as the form field `xmldata`; the answer
 * is one `<txn>` element (or `<txnlist>` for queries), every value a string. Values are read
 * without type coercion — `000123` stays `000123` — and written with XML escaping.
 */

export type ConvergeFields = Record<string, string>;

export class ConvergeXmlError extends Error {}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  ignoreDeclaration: true,
});

const builder = new XMLBuilder({ format: false, processEntities: true, suppressEmptyNode: false });

/** Reads `<txn><ssl_a>…</ssl_a>…</txn>` into a flat map of strings. */
export function parseTxn(xml: string): ConvergeFields {
  let parsed: unknown;
  try {
    parsed = parser.parse(xml, true);
  } catch (caught) {
    throw new ConvergeXmlError(caught instanceof Error ? caught.message : String(caught));
  }
  const txn = (parsed as Record<string, unknown>)['txn'];
  if (txn === undefined) throw new ConvergeXmlError('missing <txn> element');
  if (txn === '') return {};
  if (typeof txn !== 'object' || txn === null || Array.isArray(txn)) {
    throw new ConvergeXmlError('<txn> must contain fields');
  }
  const fields: ConvergeFields = {};
  for (const [name, value] of Object.entries(txn as Record<string, unknown>)) {
    if (typeof value === 'string') fields[name] = value;
    else if (value === null || value === undefined) fields[name] = '';
    else throw new ConvergeXmlError(`field ${name} must be a single value`);
  }
  return fields;
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** Writes one `<txn>` with fields in the given order. */
export function buildTxn(fields: ReadonlyArray<readonly [string, string]>): string {
  return DECLARATION + builder.build({ txn: Object.fromEntries(fields) });
}

/** Writes a `<txnlist>` answer: `ssl_txn_count` then one `<txn>` per transaction. */
export function buildTxnList(transactions: ReadonlyArray<ReadonlyArray<readonly [string, string]>>): string {
  const list: Record<string, unknown> = { ssl_txn_count: String(transactions.length) };
  if (transactions.length > 0) list['txn'] = transactions.map((t) => Object.fromEntries(t));
  return DECLARATION + builder.build({ txnlist: list });
}
