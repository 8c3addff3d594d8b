import type { FastifyRequest } from 'fastify';
import { ArborError } from '@arbor/contracts';

type Done = (error: Error | null, body?: unknown) => void;
/** Fastify's own JSON parser (prototype-poisoning checks included), fed the decoded text. */
export type JsonTextParser = (request: FastifyRequest, body: string, done: Done) => void;

const UTF8 = new Set(['utf-8', 'utf8']);

/** The `charset` parameter of a Content-Type, lower-cased and unquoted; `undefined` when absent. */
export function charsetOf(contentType: string | undefined): string | undefined {
  for (const parameter of (contentType ?? '').split(';').slice(1)) {
    const separator = parameter.indexOf('=');
    if (separator < 0) continue;
    if (parameter.slice(0, separator).trim().toLowerCase() !== 'charset') continue;
    return parameter
      .slice(separator + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase();
  }
  return undefined;
}

/** A 415 the problem filter answers with its fixed sentence (never the charset the client named). */
export class UnsupportedCharsetError extends Error {
  readonly statusCode = 415;
  readonly code = 'FST_ERR_CTP_INVALID_MEDIA_TYPE';

  constructor() {
    super('JSON bodies must be UTF-8');
  }
}

/**
 * JSON bodies are UTF-8 and nothing else (RFC 8259 §8.1). Bytes that are not UTF-8 are refused
 * rather than silently replaced with U+FFFD (which would store something the client never
 * sent), and a body declared in another charset is refused rather than misread.
 */
export function utf8JsonParser(parseText: JsonTextParser) {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return (request: FastifyRequest, body: Buffer, done: Done): void => {
    const charset = charsetOf(request.headers['content-type']);
    if (charset !== undefined && !UTF8.has(charset)) {
      done(new UnsupportedCharsetError());
      return;
    }
    let text: string;
    try {
      text = decoder.decode(body);
    } catch {
      done(ArborError.validation('the body is not valid UTF-8', []));
      return;
    }
    parseText(request, text, done);
  };
}
