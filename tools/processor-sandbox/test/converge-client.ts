import { XMLBuilder, XMLParser } from 'fast-xml-parser';

/**
 * The hand-written Converge client the integration tests use, as payments writes it (Elavon has
 * no maintained npm client): `fetch`,
 * the request built with entity escaping, the answer parsed with values kept as strings.
 */
const builder = new XMLBuilder({ format: false, processEntities: true });
const parser = new XMLParser({ parseTagValue: false, processEntities: true, ignoreDeclaration: true });

export type ConvergeResponse = Record<string, unknown>;

export async function convergeRequest(
  endpoint: string,
  txn: Record<string, string>,
): Promise<ConvergeResponse> {
  const xmldata: string = builder.build({ txn });
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ xmldata }).toString(),
  });
  if (!response.ok) throw new Error(`Converge answered HTTP ${response.status}`);
  return parseXml(await response.text());
}

export function parseXml(xml: string): ConvergeResponse {
  return parser.parse(xml) as ConvergeResponse;
}

/** The `<txn>` of an answer, as strings. */
export function txnOf(response: ConvergeResponse): Record<string, string> {
  const txn = response['txn'];
  if (typeof txn !== 'object' || txn === null)
    throw new Error(`not a txn answer: ${JSON.stringify(response)}`);
  return Object.fromEntries(Object.entries(txn).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
}
