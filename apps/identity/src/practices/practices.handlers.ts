import { Controller } from '@nestjs/common';
import { CreatePractice, UpdatePracticeSecurity, type PayloadOf } from '@arbor/contracts';
import { Handles } from '@arbor/messaging';
import { PracticesService } from './practices.service';

@Controller()
export class PracticesHandlers {
  constructor(private readonly practices: PracticesService) {}

  @Handles(CreatePractice)
  create({ origin, ...body }: PayloadOf<typeof CreatePractice>) {
    return this.practices.create(body, origin);
  }

  @Handles(UpdatePracticeSecurity)
  updateSecurity({ actor, requireMfa }: PayloadOf<typeof UpdatePracticeSecurity>) {
    return this.practices.updateSecurity(actor, requireMfa);
  }
}
