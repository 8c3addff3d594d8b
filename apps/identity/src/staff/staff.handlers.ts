import { Controller } from '@nestjs/common';
import { InviteStaff, ListStaff, UpdateStaffRoles, type PayloadOf } from '@arbor/contracts';
import { Handles } from '@arbor/messaging';
import { InvitationsService } from '../invitations/invitations.service';
import { StaffService } from './staff.service';

@Controller()
export class StaffHandlers {
  constructor(
    private readonly staff: StaffService,
    private readonly invitations: InvitationsService,
  ) {}

  @Handles(InviteStaff)
  invite({ actor, ...invitation }: PayloadOf<typeof InviteStaff>) {
    return this.invitations.inviteStaff(actor, invitation);
  }

  @Handles(ListStaff)
  list({ actor, ...page }: PayloadOf<typeof ListStaff>) {
    return this.staff.list(actor, page);
  }

  @Handles(UpdateStaffRoles)
  async updateRoles({ actor, userId, roles }: PayloadOf<typeof UpdateStaffRoles>) {
    return { userId, roles: await this.staff.updateRoles(actor, userId, roles) };
  }
}
