import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CLOCK, systemClock, type Clock } from './clock';

/**
 * Provides {@link CLOCK} to every module of a service: its root module imports
 * `ClockModule.forRoot(options.clock)`, so a test passes its own clock in one place and the
 * feature modules below never thread it through.
 */
@Global()
@Module({})
export class ClockModule {
  static forRoot(clock: Clock = systemClock): DynamicModule {
    return {
      module: ClockModule,
      providers: [{ provide: CLOCK, useValue: clock }],
      exports: [CLOCK],
    };
  }
}
