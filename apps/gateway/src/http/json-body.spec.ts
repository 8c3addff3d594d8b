import type { FastifyRequest } from 'fastify';
import { ArborError } from '@arbor/contracts';
import { charsetOf, UnsupportedCharsetError, utf8JsonParser } from './json-body';

function parse(contentType: string, bytes: Buffer): { error: Error | null; body?: unknown } {
  const parser = utf8JsonParser((_request, text, done) => done(null, JSON.parse(text)));
  let outcome: { error: Error | null; body?: unknown } | undefined;
  parser({ headers: { 'content-type': contentType } } as unknown as FastifyRequest, bytes, (error, body) => {
    outcome = { error, body };
  });
  if (!outcome) throw new Error('the parser never answered');
  return outcome;
}

describe('JSON bodies', () => {
  it('reads the charset parameter, quoted or not, in any case', () => {
    expect(charsetOf('application/json')).toBeUndefined();
    expect(charsetOf('application/json; charset=UTF-8')).toBe('utf-8');
    expect(charsetOf('application/json;charset="utf-16"')).toBe('utf-16');
    expect(charsetOf('application/json; boundary=x; Charset=latin1')).toBe('latin1');
  });

  it('parses UTF-8, multi-byte characters intact, with or without the charset named', () => {
    const bytes = Buffer.from(JSON.stringify({ name: 'Zoë 🌳' }), 'utf8');
    expect(parse('application/json', bytes)).toEqual({ error: null, body: { name: 'Zoë 🌳' } });
    expect(parse('application/json; charset=utf-8', bytes).body).toEqual({ name: 'Zoë 🌳' });
  });

  it('refuses bytes that are not UTF-8 instead of storing U+FFFD', () => {
    const bytes = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const { error } = parse('application/json', bytes);
    expect(error).toBeInstanceOf(ArborError);
    expect(error).toMatchObject({ code: 'validation_failed', message: 'the body is not valid UTF-8' });
  });

  it('refuses a body declared in another charset with a 415', () => {
    const { error } = parse('application/json; charset=utf-16', Buffer.from('{}', 'utf16le'));
    expect(error).toBeInstanceOf(UnsupportedCharsetError);
    expect(error).toMatchObject({ statusCode: 415 });
  });
});
