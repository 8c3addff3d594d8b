import { Module, type DynamicModule } from '@nestjs/common';
import { AuditRepository } from '@arbor/audit';
import { CLOCK, systemClock, type Clock } from '@arbor/clock';
import { IDENTITY_CONFIG, type IdentityConfig } from './identity.config';
import { InvitationsHandlers } from './invitations/invitations.handlers';
import { InvitationsRepository } from './invitations/invitations.repository';
import { InvitationsService } from './invitations/invitations.service';
import { MfaHandlers } from './mfa/mfa.handlers';
import { MfaService } from './mfa/mfa.service';
import { PasswordsService } from './passwords/passwords.service';
import { PracticesHandlers } from './practices/practices.handlers';
import { PracticesRepository } from './practices/practices.repository';
import { PracticesService } from './practices/practices.service';
import { LoginThrottleRepository } from './sessions/login-throttle.repository';
import { TrustedDevicesRepository } from './sessions/trusted-devices.repository';
import { SessionsHandlers } from './sessions/sessions.handlers';
import { SessionsRepository } from './sessions/sessions.repository';
import { SessionsService } from './sessions/sessions.service';
import { SigningKeysHandlers } from './signing-keys/signing-keys.handlers';
import { SigningKeysRepository } from './signing-keys/signing-keys.repository';
import { SigningKeysService } from './signing-keys/signing-keys.service';
import { StaffHandlers } from './staff/staff.handlers';
import { StaffService } from './staff/staff.service';
import { AccessService } from './users/access.service';
import { UsersHandlers } from './users/users.handlers';
import { UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';

export interface IdentityModuleOptions {
  /** Tests move time forward with their own clock. */
  readonly clock?: Clock;
}

/**
 * identity owns practices, people, their memberships and roles, credentials, MFA, sessions and
 * refresh tokens, invitations, and the keys access tokens are signed with. It answers sign-up,
 * login, refresh, logout, role switching, staff and client-portal invitations, the staff list
 * and role changes, MFA enrolment, practice security and password changes, and the JWKS the
 * gateway verifies tokens with. It emits practice.created, membership.changed, user.invited (v1, and
 * v2 with what the invitation email needs) and user.email-set (a person's address, for email).
 *
 * One Nest module: the subjects (sessions, invitations, staff, MFA…) share repositories and
 * the access re-checks at every turn, and nothing outside identity imports any of them; the
 * folders keep the code apart, the module only wires it.
 */
@Module({})
export class IdentityModule {
  static forRoot(config: IdentityConfig, options: IdentityModuleOptions = {}): DynamicModule {
    return {
      module: IdentityModule,
      controllers: [
        PracticesHandlers,
        SessionsHandlers,
        StaffHandlers,
        InvitationsHandlers,
        MfaHandlers,
        UsersHandlers,
        SigningKeysHandlers,
      ],
      providers: [
        { provide: IDENTITY_CONFIG, useValue: config },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        AuditRepository,
        PracticesRepository,
        UsersRepository,
        SessionsRepository,
        LoginThrottleRepository,
        TrustedDevicesRepository,
        InvitationsRepository,
        SigningKeysRepository,
        PasswordsService,
        SigningKeysService,
        AccessService,
        MfaService,
        SessionsService,
        PracticesService,
        InvitationsService,
        StaffService,
        UsersService,
      ],
    };
  }
}
