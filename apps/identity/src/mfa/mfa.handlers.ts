import { Controller } from '@nestjs/common';
import { ConfirmMfaEnrolment, StartMfaEnrolment, type PayloadOf } from '@arbor/contracts';
import { Handles } from '@arbor/messaging';
import { MfaService } from './mfa.service';

@Controller()
export class MfaHandlers {
  constructor(private readonly mfa: MfaService) {}

  @Handles(StartMfaEnrolment)
  start({ actor }: PayloadOf<typeof StartMfaEnrolment>) {
    return this.mfa.startEnrolment(actor);
  }

  @Handles(ConfirmMfaEnrolment)
  confirm({ actor, code }: PayloadOf<typeof ConfirmMfaEnrolment>) {
    return this.mfa.confirmEnrolment(actor, code);
  }
}
