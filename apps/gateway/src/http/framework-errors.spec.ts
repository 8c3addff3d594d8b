import type { Socket } from 'node:net';
import { answerClientError, frameworkProblem, RouteMethods } from './framework-errors';

function fastifyError(statusCode: number, code: string, message: string): Error {
  return Object.assign(new Error(message), { statusCode, code });
}

describe('framework errors', () => {
  it('answers with a fixed sentence, never the message that quotes the request', () => {
    const cases = [
      fastifyError(415, 'FST_ERR_CTP_INVALID_MEDIA_TYPE', 'Unsupported Media Type: text/x-probe'),
      fastifyError(413, 'FST_ERR_CTP_BODY_TOO_LARGE', 'Request body is too large x-probe'),
      fastifyError(414, 'FST_ERR_MAX_PARAM_LENGTH', "'/api/v1/x-probe' is exceeding the max param length"),
      fastifyError(400, 'FST_ERR_BAD_URL', "'/x-probe%' is not a valid url component"),
      Object.assign(new SyntaxError('Unexpected token x-probe in JSON'), { statusCode: 400 }),
    ];
    const problems = cases.map((error) => frameworkProblem(error));
    expect(problems.map((problem) => problem?.status)).toEqual([415, 413, 414, 400, 400]);
    expect(JSON.stringify(problems)).not.toContain('x-probe');
    expect(problems[4]).toMatchObject({
      type: 'urn:arbor:problem:validation_failed',
      detail: 'the body is not valid JSON',
      errors: [],
    });
  });

  it('leaves anything that is not a client error to the caller', () => {
    expect(frameworkProblem(new Error('boom'))).toBeUndefined();
    expect(frameworkProblem(fastifyError(500, 'FST_ERR_X', 'boom'))).toBeUndefined();
  });

  it('knows which methods a concrete path has, from the route templates', () => {
    const routes = new RouteMethods();
    routes.add('POST', '/api/v1/auth/login');
    routes.add(['GET', 'PUT'], '/api/v1/practices/:pid/staff/:uid/roles');
    routes.add('GET', '/api/v1/practices/:pid/staff');
    routes.add('POST', '/api/v1/practices/:pid/staff');
    expect(routes.allowed('/api/v1/auth/login')).toEqual(['POST']);
    expect(routes.allowed('/api/v1/practices/p1/staff?limit=5')).toEqual(['GET', 'HEAD', 'POST']);
    expect(routes.allowed('/api/v1/practices/p1/staff/u1/roles')).toEqual(['GET', 'HEAD', 'PUT']);
    expect(routes.allowed('/api/v1/practices/p1/staff/u1')).toEqual([]);
    expect(routes.allowed('/api/v1/auth/login/extra')).toEqual([]);
  });

  it('writes an unparseable request’s answer to the socket as a problem', () => {
    let written = '';
    let destroyed = false;
    const socket = {
      destroyed: false,
      writable: true,
      write: (text: string) => (written += text),
      destroy: () => (destroyed = true),
    } as unknown as Socket;
    answerClientError(Object.assign(new Error('overflow'), { code: 'HPE_HEADER_OVERFLOW' }), socket);
    const [head, body] = written.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head).toContain('Content-Type: application/problem+json');
    expect(JSON.parse(body!)).toMatchObject({ status: 431, title: 'Request header fields too large' });
    expect(destroyed).toBe(true);
  });
});
