import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openEventStream } from './event-stream';

describe('openEventStream', () => {
  let server: Server;
  let url: string;
  let open: ServerResponse | undefined;
  let seenHeaders: Record<string, string | string[] | undefined> = {};

  beforeAll(async () => {
    server = createServer((request, response) => {
      seenHeaders = request.headers;
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.flushHeaders();
      open = response;
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/stream`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reads events split across chunks, keeps comments apart, and ends when the server does', async () => {
    const stream = await openEventStream(url, { headers: { authorization: 'Bearer t' } });
    expect([stream.status, stream.contentType]).toEqual([200, 'text/event-stream']);
    expect(seenHeaders['authorization']).toBe('Bearer t');
    expect(seenHeaders['accept']).toBe('text/event-stream');
    open!.write(': keep-alive\n\n');
    open!.write('event: alert\nid: a1\nda');
    open!.write('ta: {"n":1}\n\n');
    open!.write('data: plain\n\n');
    open!.end('event: no-data\n\n');
    await stream.ended;
    expect(stream.comments).toEqual(['keep-alive']);
    expect(stream.events.map(({ event, id, data }) => ({ event, id, data }))).toEqual([
      { event: 'alert', id: 'a1', data: '{"n":1}' },
      { event: 'message', id: '', data: 'plain' },
    ]);
  });

  it('stops reading when closed, without an error', async () => {
    const stream = await openEventStream(url);
    open!.write('data: one\n\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await stream.close();
    expect(stream.events.map((event) => event.data)).toEqual(['one']);
    open!.end();
  });
});
