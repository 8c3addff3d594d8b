import type { HttpReply } from '../http';
import type { AuthorizeNetFake } from './anet.service';

/**
 * HTTP front of the Authorize.net fake: `POST /xml/v1/request.api` with a JSON body. Answers are
 * JSON preceded by a UTF-8 byte-order mark, as the real JSON API sends them (the reason clients
 * must strip it before `JSON.parse`), with HTTP 200 whatever the result: errors travel in
 * `messages.resultCode`.
 */
export const ANET_PATH = '/xml/v1/request.api';
const BOM = '\uFEFF';

export function handleAuthorizeNet(fake: AuthorizeNetFake, body: string): HttpReply {
  let request: unknown;
  try {
    request = JSON.parse(body.startsWith(BOM) ? body.slice(1) : body);
  } catch {
    return reply({
      messages: {
        resultCode: 'Error',
        message: [{ code: 'E00003', text: 'The request could not be parsed as JSON.' }],
      },
    });
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    return reply({
      messages: {
        resultCode: 'Error',
        message: [{ code: 'E00003', text: 'The request must be a JSON object.' }],
      },
    });
  }
  return reply(fake.handle(request as Record<string, unknown>));
}

function reply(body: unknown): HttpReply {
  return {
    status: 200,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: BOM + JSON.stringify(body),
  };
}
