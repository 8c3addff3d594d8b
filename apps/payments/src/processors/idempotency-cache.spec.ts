import { ArborError } from '@arbor/contracts';
import { IdempotencyCache } from './idempotency-cache';

describe('IdempotencyCache', () => {
  it('answers a repeated key with the first answer, without calling again', async () => {
    const cache = new IdempotencyCache<string>();
    const call = jest.fn(() => Promise.resolve('charged once'));
    const first = cache.run('key-1', ['tok', 500], call);
    const second = cache.run('key-1', ['tok', 500], call);
    expect(await first).toBe('charged once');
    expect(await second).toBe('charged once');
    expect(call).toHaveBeenCalledTimes(1);
  });

  it('shares the in-flight promise between concurrent calls', async () => {
    const cache = new IdempotencyCache<number>();
    let resolve!: (n: number) => void;
    const call = jest.fn(() => new Promise<number>((r) => (resolve = r)));
    const a = cache.run('k', [1], call);
    const b = cache.run('k', [1], call);
    resolve(7);
    expect(await Promise.all([a, b])).toEqual([7, 7]);
    expect(call).toHaveBeenCalledTimes(1);
  });

  it('refuses the same key with other parameters, as Stripe does', async () => {
    const cache = new IdempotencyCache<string>();
    await cache.run('k', ['tok', 500], () => Promise.resolve('ok'));
    const reused = cache.run('k', ['tok', 501], () => Promise.resolve('second charge'));
    await expect(reused).rejects.toBeInstanceOf(ArborError);
    await expect(reused).rejects.toMatchObject({ code: 'conflict' });
  });

  it('forgets a call that threw, so it can be made again', async () => {
    const cache = new IdempotencyCache<string>();
    await expect(cache.run('k', [], () => Promise.reject(new Error('bad input')))).rejects.toThrow(
      'bad input',
    );
    await expect(cache.run('k', [], () => Promise.resolve('now it works'))).resolves.toBe('now it works');
  });

  it('does not keep an answer marked transient, so the same key can try again', async () => {
    const cache = new IdempotencyCache<string>();
    const transient = (answer: string) => answer === 'unreachable';
    await cache.run('k', [], () => Promise.resolve('unreachable'), transient);
    expect(await cache.run('k', [], () => Promise.resolve('refunded'), transient)).toBe('refunded');
    expect(await cache.run('k', [], () => Promise.resolve('refunded twice'), transient)).toBe('refunded');
  });

  it('forgets keys after their lifetime and beyond its size', async () => {
    let now = 0;
    const cache = new IdempotencyCache<string>(2, 1000, () => now);
    const call = jest.fn((value: string) => Promise.resolve(value));
    await cache.run('a', [], () => call('a1'));
    now = 1001;
    expect(await cache.run('a', [], () => call('a2'))).toBe('a2');
    await cache.run('b', [], () => call('b'));
    await cache.run('c', [], () => call('c'));
    // 'a' is the oldest of three in a cache of two: it was evicted.
    expect(await cache.run('a', [], () => call('a3'))).toBe('a3');
    expect(await cache.run('c', [], () => call('c2'))).toBe('c');
  });
});
