import type { Clock } from '@arbor/clock';

/** Time that moves only when a test says so: timeouts are tested without waiting for them. */
export class TestClock implements Clock {
  private current: number;

  constructor(start: Date = new Date()) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`a test clock only moves forward (got ${ms} ms)`);
    this.current += ms;
  }

  set(to: Date): void {
    this.current = to.getTime();
  }
}
