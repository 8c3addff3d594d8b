import { Controller } from '@nestjs/common';
import { Login, Logout, RefreshSession, SwitchRole, type PayloadOf } from '@arbor/contracts';
import { Handles } from '@arbor/messaging';
import { SessionsService } from './sessions.service';

@Controller()
export class SessionsHandlers {
  constructor(private readonly sessions: SessionsService) {}

  @Handles(Login)
  login({ origin, deviceToken, ...body }: PayloadOf<typeof Login>) {
    return this.sessions.login(body, origin, deviceToken);
  }

  @Handles(RefreshSession)
  refresh({ refreshToken, origin }: PayloadOf<typeof RefreshSession>) {
    return this.sessions.refresh(refreshToken, origin);
  }

  @Handles(Logout)
  async logout({ refreshToken, origin }: PayloadOf<typeof Logout>) {
    await this.sessions.logout(refreshToken, origin);
    return {};
  }

  @Handles(SwitchRole)
  switchRole({ actor, practiceId, role, origin }: PayloadOf<typeof SwitchRole>) {
    return this.sessions.switchRole(actor, { practiceId, role }, origin);
  }
}
