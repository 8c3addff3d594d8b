import { Controller } from '@nestjs/common';
import { AcceptInvitation, InviteClient, type PayloadOf } from '@arbor/contracts';
import { Handles } from '@arbor/messaging';
import { InvitationsService } from './invitations.service';

@Controller()
export class InvitationsHandlers {
  constructor(private readonly invitations: InvitationsService) {}

  @Handles(AcceptInvitation)
  accept({ token, password, origin }: PayloadOf<typeof AcceptInvitation>) {
    return this.invitations.accept(token, password, origin);
  }

  @Handles(InviteClient)
  inviteClient({ actor, ...invitation }: PayloadOf<typeof InviteClient>) {
    return this.invitations.inviteClient(actor, invitation);
  }
}
