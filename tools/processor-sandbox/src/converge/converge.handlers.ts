import type { HttpReply } from '../http';
import { CONVERGE_ERRORS, type ConvergeError } from './converge-errors';
import { buildTxn, buildTxnList, ConvergeXmlError, parseTxn } from './converge-xml';
import type { ConvergeFake } from './converge.service';

/**
 * HTTP front of the Converge fake: the demo endpoint `/VirtualMerchantDemo/processxml.do`
 * (and the production path `/VirtualMerchant/processxml.do`), the request in the form field
 * `xmldata` of a POST body or of the query string, the answer XML with HTTP 200.
 */
export const CONVERGE_PATHS: ReadonlySet<string> = new Set([
  '/VirtualMerchantDemo/processxml.do',
  '/VirtualMerchant/processxml.do',
]);

export function handleConverge(fake: ConvergeFake, method: string, query: string, body: string): HttpReply {
  const form = new URLSearchParams(method === 'GET' ? query : body);
  const xml = form.get('xmldata');
  if (xml === null || xml.trim() === '') return reply(errorXml(CONVERGE_ERRORS.invalidRequestFormat));
  let fields;
  try {
    fields = parseTxn(xml);
  } catch (caught) {
    if (caught instanceof ConvergeXmlError) return reply(errorXml(CONVERGE_ERRORS.invalidRequestFormat));
    throw caught;
  }
  const answer = fake.handle(fields);
  switch (answer.kind) {
    case 'txn':
      return reply(buildTxn(answer.fields));
    case 'txnlist':
      return reply(buildTxnList(answer.transactions));
    case 'error':
      return reply(errorXml(answer.error));
  }
}

function errorXml(error: ConvergeError): string {
  return buildTxn([
    ['errorCode', error.errorCode],
    ['errorName', error.errorName],
    ['errorMessage', error.errorMessage],
  ]);
}

function reply(xml: string): HttpReply {
  return { status: 200, headers: { 'Content-Type': 'application/xml;charset=UTF-8' }, body: xml };
}
