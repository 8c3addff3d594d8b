import { TestClock } from './test-clock';

describe('the test clock', () => {
  it('stands still until moved, and hands out copies', () => {
    const clock = new TestClock(new Date('2030-01-01T00:00:00Z'));
    const first = clock.now();
    first.setFullYear(1999);
    expect(clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
    clock.advance(30 * 60_000);
    expect(clock.now().toISOString()).toBe('2030-01-01T00:30:00.000Z');
    clock.set(new Date('2031-05-06T07:08:09Z'));
    expect(clock.now().toISOString()).toBe('2031-05-06T07:08:09.000Z');
  });

  it('refuses to go backwards by advance', () => {
    expect(() => new TestClock().advance(-1)).toThrow(/only moves forward/);
  });
});
