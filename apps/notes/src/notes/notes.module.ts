import { Module, type DynamicModule } from '@nestjs/common';
import { AuditRepository } from '@arbor/audit';
import type { KeyRing } from '@arbor/crypto';
import { NotesHandlers } from './notes.handlers';
import { NotesRepository } from './notes.repository';
import { NOTES_KEY_RING, NotesService } from './notes.service';

@Module({})
export class NotesFeatureModule {
  static register(deps: { keys: KeyRing }): DynamicModule {
    return {
      module: NotesFeatureModule,
      controllers: [NotesHandlers],
      providers: [
        NotesService,
        NotesRepository,
        AuditRepository,
        { provide: NOTES_KEY_RING, useValue: deps.keys },
      ],
    };
  }
}
