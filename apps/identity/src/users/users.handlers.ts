import { Controller } from '@nestjs/common';
import { ChangePassword, GetMe, type PayloadOf } from '@arbor/contracts';
import { Handles } from '@arbor/messaging';
import { UsersService } from './users.service';

@Controller()
export class UsersHandlers {
  constructor(private readonly users: UsersService) {}

  @Handles(GetMe)
  me({ actor }: PayloadOf<typeof GetMe>) {
    return this.users.me(actor);
  }

  @Handles(ChangePassword)
  async changePassword({ actor, origin, ...passwords }: PayloadOf<typeof ChangePassword>) {
    await this.users.changePassword(actor, passwords, origin);
    return {};
  }
}
