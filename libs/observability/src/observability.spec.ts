import { checkReadiness } from './ops-server';
import { childTraceparent, newTraceparent, runWithTraceContext, traceIdOf } from './trace-context';
import { createLogger } from './logger';

describe('trace context', () => {
  it('keeps the trace id across a hop and changes the span', () => {
    const parent = newTraceparent();
    const child = childTraceparent(parent);
    expect(traceIdOf(child)).toBe(traceIdOf(parent));
    expect(child).not.toBe(parent);
    expect(traceIdOf(childTraceparent('garbage'))).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('readiness', () => {
  it('says which dependency is down, and does not hang on one that never answers', async () => {
    const report = await checkReadiness({
      database: () => Promise.resolve(),
      broker: () => Promise.reject(new Error('ECONNREFUSED')),
      redis: () => new Promise<void>(() => undefined),
    });
    expect(report).toEqual({
      ready: false,
      checks: {
        database: { state: 'up' },
        broker: { state: 'down', error: 'ECONNREFUSED' },
        redis: { state: 'down', error: 'no answer within 2000 ms' },
      },
    });
  });
});

describe('logs', () => {
  it('carry the request and trace ids of the work in hand and never a secret', () => {
    const output: string[] = [];
    const logger = createLogger('test', 'info', { write: (line: string) => void output.push(line) });
    const traceparent = newTraceparent();
    runWithTraceContext({ requestId: 'req-1', traceparent, practiceId: 'p-1' }, () =>
      logger.info(
        { credentials: { secretKey: 'sk_test_123' }, password: 'hunter2', paymentToken: 'tok_visa' },
        'configured',
      ),
    );
    expect(output).toHaveLength(1);
    const entry = JSON.parse(output[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({
      level: 'info',
      service: 'test',
      requestId: 'req-1',
      practiceId: 'p-1',
      traceId: traceIdOf(traceparent),
      msg: 'configured',
    });
    expect(output[0]).not.toMatch(/sk_test_123|hunter2|tok_visa/);
  });
});
