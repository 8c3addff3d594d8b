import { Module, type DynamicModule } from '@nestjs/common';
import { ClockModule, type Clock } from '@arbor/clock';
import { ProfilesModule } from './profiles/profiles.module';

export interface DirectoryModuleOptions {
  /** Tests move time with their own; the system clock otherwise. */
  readonly clock?: Clock;
}

/**
 * Provider and practice profiles and the public directory: who is listed (its own profiles, plus
 * read models of identity's providers and service-enablement's Directory Listing), search and the
 * public pages' data, and `profile.published` / `profile.unpublished` events.
 */
@Module({})
export class DirectoryModule {
  static forRoot(options: DirectoryModuleOptions = {}): DynamicModule {
    return {
      module: DirectoryModule,
      imports: [ClockModule.forRoot(options.clock), ProfilesModule],
    };
  }
}
