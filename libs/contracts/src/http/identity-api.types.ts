import { z } from 'zod';
import { Id, Role } from '../common';
import {
  AcceptInvitation,
  AcceptInvitationBody,
  InvitationToken,
} from '../identity/accept-invitation.command';
import { ChangePasswordBody } from '../identity/change-password.command';
import { ConfirmMfaBody, ConfirmMfaEnrolment } from '../identity/confirm-mfa-enrolment.command';
import { CreatePractice, CreatePracticeBody } from '../identity/create-practice.command';
import { MeView } from '../identity/get-me.query';
import { Membership, UserSummary } from '../identity/identity.types';
import { InviteStaff, InviteStaffBody } from '../identity/invite-staff.command';
import { ListStaffQuery, StaffPage } from '../identity/list-staff.query';
import { LoginBody } from '../identity/login.command';
import { StartMfaEnrolment } from '../identity/start-mfa-enrolment.command';
import { SwitchRoleBody } from '../identity/switch-role.command';
import { PracticeSecurityBody } from '../identity/update-practice-security.command';
import { UpdateStaffRoles, UpdateStaffRolesBody } from '../identity/update-staff-roles.command';
import { route } from './route.types';

const EVERY_ROLE = ['admin', 'provider', 'client'] as const;
const PracticeParams = z.object({ pid: Id });

/** The access token as HTTP answers it; the refresh token travels only as an httpOnly cookie. */
export const AccessTokenView = z.object({ accessToken: z.string(), expiresIn: z.number().int() });
export const LoginView = AccessTokenView.extend({ user: UserSummary, memberships: z.array(Membership) });
export const SwitchedRoleView = AccessTokenView.extend({ activeRole: Role, practiceId: Id });

export const CreatePracticeRoute = route({
  operationId: 'createPractice',
  method: 'POST',
  path: '/api/v1/practices',
  summary: 'Sign up: a new practice and its first Admin (who is also a Provider)',
  tags: ['Practices'],
  access: 'public',
  body: CreatePracticeBody,
  responses: { 201: CreatePractice.reply },
  problems: ['conflict'],
});

export const UpdatePracticeSecurityRoute = route({
  operationId: 'updatePracticeSecurity',
  method: 'PUT',
  path: '/api/v1/practices/{pid}/security',
  summary: 'Practice security: require MFA for every staff member',
  tags: ['Practices'],
  access: ['admin'],
  params: PracticeParams,
  body: PracticeSecurityBody,
  responses: { 200: PracticeSecurityBody },
});

export const InviteStaffRoute = route({
  operationId: 'inviteStaff',
  method: 'POST',
  path: '/api/v1/practices/{pid}/staff',
  summary: 'Invite a staff member (single-use, expiring link)',
  tags: ['Staff'],
  access: ['admin'],
  params: PracticeParams,
  body: InviteStaffBody,
  responses: { 201: InviteStaff.reply },
  problems: ['conflict'],
});

export const ListStaffRoute = route({
  operationId: 'listStaff',
  method: 'GET',
  path: '/api/v1/practices/{pid}/staff',
  summary: "The practice's staff and their roles, by name, a page at a time",
  tags: ['Staff'],
  access: ['admin', 'provider'],
  params: PracticeParams,
  query: ListStaffQuery,
  responses: { 200: StaffPage },
});

export const UpdateStaffRolesRoute = route({
  operationId: 'updateStaffRoles',
  method: 'PUT',
  path: '/api/v1/practices/{pid}/staff/{uid}/roles',
  summary: "Set a staff member's roles (an empty list removes them); their sessions end if a role goes",
  tags: ['Staff'],
  access: ['admin'],
  params: PracticeParams.extend({ uid: Id }),
  body: UpdateStaffRolesBody,
  responses: { 200: UpdateStaffRoles.reply },
  problems: ['conflict'],
});

export const LoginRoute = route({
  operationId: 'login',
  method: 'POST',
  path: '/api/v1/auth/login',
  summary: 'Sign in with email and password (and a TOTP or recovery code when MFA is on)',
  description:
    'Sets the refresh token and a trusted-device token as httpOnly cookies. Wrong email and wrong password answer alike; a 401 with `mfa: "required"` asks for the code; a browser that has signed in before is not locked out by failures elsewhere.',
  tags: ['Sessions'],
  access: 'public',
  body: LoginBody,
  responses: { 200: LoginView },
  problems: ['unauthenticated', 'forbidden'],
});

export const RefreshSessionRoute = route({
  operationId: 'refreshSession',
  method: 'POST',
  path: '/api/v1/auth/refresh',
  summary: 'A new access token for the session of the refresh-token cookie (which rotates)',
  tags: ['Sessions'],
  access: 'public',
  responses: { 200: AccessTokenView },
  /** 403: a request from anywhere but the web app's origin. */
  problems: ['unauthenticated', 'forbidden'],
});

export const LogoutRoute = route({
  operationId: 'logout',
  method: 'POST',
  path: '/api/v1/auth/logout',
  summary: 'Sign out: ends the session of the refresh-token cookie',
  tags: ['Sessions'],
  access: 'public',
  responses: { 204: null },
  /** 403: a request from anywhere but the web app's origin. */
  problems: ['forbidden'],
});

export const SwitchRoleRoute = route({
  operationId: 'switchRole',
  method: 'POST',
  path: '/api/v1/auth/switch-role',
  summary: 'Act as another role you hold, in this practice or another of yours',
  tags: ['Sessions'],
  access: EVERY_ROLE,
  allowMfaPending: true,
  body: SwitchRoleBody,
  responses: { 200: SwitchedRoleView },
});

export const GetMeRoute = route({
  operationId: 'getMe',
  method: 'GET',
  path: '/api/v1/me',
  summary: 'You: your memberships, active practice and role',
  tags: ['Me'],
  access: EVERY_ROLE,
  allowMfaPending: true,
  responses: { 200: MeView },
});

export const StartMfaEnrolmentRoute = route({
  operationId: 'startMfaEnrolment',
  method: 'POST',
  path: '/api/v1/me/mfa/totp',
  summary: 'Start TOTP enrolment: a secret for your authenticator app',
  tags: ['Me'],
  access: ['admin', 'provider'],
  allowMfaPending: true,
  responses: { 200: StartMfaEnrolment.reply },
  problems: ['conflict'],
});

export const ConfirmMfaEnrolmentRoute = route({
  operationId: 'confirmMfaEnrolment',
  method: 'POST',
  path: '/api/v1/me/mfa/totp/confirm',
  summary: 'Confirm TOTP enrolment with a code: MFA is on, and here are your recovery codes (shown once)',
  tags: ['Me'],
  access: ['admin', 'provider'],
  allowMfaPending: true,
  body: ConfirmMfaBody,
  responses: { 200: ConfirmMfaEnrolment.reply },
  problems: ['conflict'],
});

export const ChangePasswordRoute = route({
  operationId: 'changePassword',
  method: 'POST',
  path: '/api/v1/me/password',
  summary: 'Change your password; every session of yours ends',
  tags: ['Me'],
  access: EVERY_ROLE,
  allowMfaPending: true,
  body: ChangePasswordBody,
  responses: { 204: null },
});

export const AcceptInvitationRoute = route({
  operationId: 'acceptInvitation',
  method: 'POST',
  path: '/api/v1/invitations/{token}/accept',
  summary: 'Accept an invitation: set your password (or confirm it, if you already have an account)',
  tags: ['Invitations'],
  access: 'public',
  params: z.object({ token: InvitationToken }),
  body: AcceptInvitationBody,
  responses: { 200: AcceptInvitation.reply },
  problems: ['unauthenticated', 'conflict'],
});

export const IDENTITY_ROUTES = [
  CreatePracticeRoute,
  UpdatePracticeSecurityRoute,
  InviteStaffRoute,
  ListStaffRoute,
  UpdateStaffRolesRoute,
  LoginRoute,
  RefreshSessionRoute,
  LogoutRoute,
  SwitchRoleRoute,
  GetMeRoute,
  StartMfaEnrolmentRoute,
  ConfirmMfaEnrolmentRoute,
  ChangePasswordRoute,
  AcceptInvitationRoute,
] as const;
