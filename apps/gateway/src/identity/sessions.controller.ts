import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  Id,
  Login,
  LoginBody,
  Logout,
  Membership,
  RefreshSession,
  Role,
  SwitchRole,
  SwitchRoleBody,
  UserSummary,
  type SessionActor,
} from '@arbor/contracts';
import { AllowMfaPending, CurrentSession, Public } from '@arbor/auth';
import type { BusClient } from '@arbor/messaging';
import { GATEWAY_BUS } from '../gateway.tokens';
import { Documented } from '../openapi/api-doc.decorator';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { clearRefreshCookie, REFRESH_COOKIE, refreshTokenOf, setRefreshCookie } from './refresh-cookie';
import { deviceTokenOf, setDeviceCookie } from './device-cookie';
import { requestOrigin } from './request-origin';

const AccessTokenView = z.object({ accessToken: z.string(), expiresIn: z.number().int() });
const LoginView = AccessTokenView.extend({ user: UserSummary, memberships: z.array(Membership) });
const SwitchedView = AccessTokenView.extend({ activeRole: Role, practiceId: Id });

/** Sign in, keep the session alive, change role, sign out. The refresh token travels as a cookie. */
@Controller('api/v1/auth')
export class SessionsController {
  constructor(@Inject(GATEWAY_BUS) private readonly bus: BusClient) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @Documented({
    summary: 'Sign in with email and password (and a TOTP or recovery code when MFA is on)',
    description:
      'Sets the refresh token and a trusted-device token as httpOnly cookies. Wrong email and wrong password answer alike; a browser that has signed in before is not locked out by failures elsewhere.',
    tags: ['Sessions'],
    body: LoginBody,
    responses: { 200: LoginView, 400: 'problem', 401: 'problem', 429: 'problem' },
  })
  async login(
    @Body(new ZodValidationPipe(LoginBody)) body: LoginBody,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<z.infer<typeof LoginView>> {
    const { refreshToken, refreshExpiresAt, deviceToken, ...session } = await this.bus.send(Login, {
      ...body,
      origin: requestOrigin(request),
      deviceToken: deviceTokenOf(request),
    });
    setRefreshCookie(reply, refreshToken, refreshExpiresAt);
    setDeviceCookie(reply, deviceToken);
    return session;
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @Documented({
    summary: 'A new access token for the session of the refresh-token cookie (which rotates)',
    tags: ['Sessions'],
    responses: { 200: AccessTokenView, 401: 'problem' },
  })
  async refresh(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<z.infer<typeof AccessTokenView>> {
    try {
      const tokens = await this.bus.send(RefreshSession, {
        refreshToken: refreshTokenOf(request),
        origin: requestOrigin(request),
      });
      setRefreshCookie(reply, tokens.refreshToken, tokens.refreshExpiresAt);
      return { accessToken: tokens.accessToken, expiresIn: tokens.expiresIn };
    } catch (error) {
      clearRefreshCookie(reply); // a dead session's cookie is of no further use
      throw error;
    }
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @Documented({
    summary: 'Sign out: ends the session',
    tags: ['Sessions'],
    responses: { 204: 'empty' },
  })
  async logout(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const refreshToken = request.cookies[REFRESH_COOKIE];
    if (refreshToken) await this.bus.send(Logout, { refreshToken, origin: requestOrigin(request) });
    clearRefreshCookie(reply);
  }

  @Post('switch-role')
  @AllowMfaPending()
  @HttpCode(200)
  @Documented({
    summary: 'Act as another role you hold, in this practice or another of yours',
    tags: ['Sessions'],
    body: SwitchRoleBody,
    responses: { 200: SwitchedView, 400: 'problem', 401: 'problem', 403: 'problem' },
  })
  switchRole(
    @Body(new ZodValidationPipe(SwitchRoleBody)) body: z.infer<typeof SwitchRoleBody>,
    @CurrentSession() actor: SessionActor,
    @Req() request: FastifyRequest,
  ): Promise<z.infer<typeof SwitchedView>> {
    return this.bus.send(SwitchRole, { ...body, actor, origin: requestOrigin(request) });
  }
}
