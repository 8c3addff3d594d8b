import { z } from 'zod';
import { jsonReply, type HttpReply } from '../http';
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

/**
 * Hosted Payments' session token endpoint, beside the XML API on the same host (demo and
 * production alike): form-encoded `ssl_*` fields in a POST, the token answered as the whole body,
 * in plain text.
 */
export const CONVERGE_TRANSACTION_TOKEN_PATH = '/hosted-payments/transaction_token';

export function handleConvergeTransactionToken(fake: ConvergeFake, method: string, body: string): HttpReply {
  if (method !== 'POST') {
    return { status: 405, headers: { Allow: 'POST', 'Content-Type': 'text/plain;charset=UTF-8' }, body: '' };
  }
  const fields = Object.fromEntries(new URLSearchParams(body));
  const answer = fake.createSessionToken(fields);
  if (answer.kind === 'token') {
    return { status: 200, headers: { 'Content-Type': 'text/plain;charset=UTF-8' }, body: answer.token };
  }
  // The references give the codes and texts of a refusal but not how this endpoint frames them:
  // the sandbox frames them as the XML API does, which no client can mistake for a token.
  return reply(errorXml(answer.error));
}

/**
 * What Checkout.js posts to run a Hosted Payments session from the browser: JSON
 * `{ "fields": { ssl_txn_auth_token, ssl_card_number, ssl_exp_date, ssl_cvv2cvc2, … } }`,
 * answered with the transaction's `ssl_*` fields as a JSON object (an error as
 * `{ errorCode, errorName, errorMessage }`), HTTP 200 either way.
 */
export const CONVERGE_HOSTED_PAY_PATH = '/hosted-payments/service/payment/hpe/process';

const HostedPayBody = z.object({ fields: z.record(z.string(), z.union([z.string(), z.number()])) });

export function handleConvergeHostedPay(fake: ConvergeFake, method: string, body: string): HttpReply {
  if (method !== 'POST') {
    return { status: 405, headers: { Allow: 'POST', 'Content-Type': 'text/plain;charset=UTF-8' }, body: '' };
  }
  let parsed: z.infer<typeof HostedPayBody> | undefined;
  try {
    parsed = HostedPayBody.parse(JSON.parse(body));
  } catch {
    parsed = undefined;
  }
  if (!parsed) return jsonReply(200, CONVERGE_ERRORS.invalidRequestFormat);
  const fields = Object.fromEntries(Object.entries(parsed.fields).map(([k, v]) => [k, String(v)]));
  const answer = fake.payHostedSession(fields);
  switch (answer.kind) {
    case 'txn':
      return jsonReply(200, Object.fromEntries(answer.fields));
    case 'txnlist':
      return jsonReply(200, CONVERGE_ERRORS.invalidTransactionType);
    case 'error':
      return jsonReply(200, answer.error);
  }
}
