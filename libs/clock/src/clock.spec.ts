import { Inject, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { CLOCK, ClockModule, systemClock, type Clock } from './index';

@Injectable()
class NeedsTime {
  constructor(@Inject(CLOCK) readonly clock: Clock) {}
}

@Module({ providers: [NeedsTime], exports: [NeedsTime] })
class FeatureModule {}

describe('the clock', () => {
  it('reads the system time by default', () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('reaches feature modules that do not import it, as the clock the root module was given', async () => {
    const fixed: Clock = { now: () => new Date('2030-01-02T03:04:05Z') };
    const app = await Test.createTestingModule({
      imports: [ClockModule.forRoot(fixed), FeatureModule],
    }).compile();
    expect(app.get(NeedsTime).clock.now().toISOString()).toBe('2030-01-02T03:04:05.000Z');
    await app.close();
  });
});
