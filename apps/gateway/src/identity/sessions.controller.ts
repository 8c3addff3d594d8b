import { Controller, Inject, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  Login,
  LoginRoute,
  Logout,
  LogoutRoute,
  RefreshSession,
  RefreshSessionRoute,
  SwitchRole,
  SwitchRoleRoute,
  type RouteInput as Input,
  type RouteResponse,
  type SessionActor,
} from '@arbor/contracts';
import { CurrentSession } from '@arbor/auth';
import type { BusClient } from '@arbor/messaging';
import { GATEWAY_BUS } from '../gateway.tokens';
import { Endpoint, RouteInput } from '../openapi/endpoint.decorator';
import { clearRefreshCookie, REFRESH_COOKIE, refreshTokenOf, setRefreshCookie } from './refresh-cookie';
import { deviceTokenOf, setDeviceCookie } from './device-cookie';
import { requestOrigin } from './request-origin';
import { FromWebApp } from './web-origin.guard';

/** Sign in, keep the session alive, change role, sign out. The refresh token travels as a cookie. */
@Controller()
export class SessionsController {
  constructor(@Inject(GATEWAY_BUS) private readonly bus: BusClient) {}

  @Endpoint(LoginRoute)
  async login(
    @RouteInput() { body }: Input<typeof LoginRoute>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RouteResponse<typeof LoginRoute>> {
    const { refreshToken, refreshExpiresAt, deviceToken, ...session } = await this.bus.send(Login, {
      ...body,
      origin: requestOrigin(request),
      deviceToken: deviceTokenOf(request),
    });
    setRefreshCookie(reply, refreshToken, refreshExpiresAt);
    setDeviceCookie(reply, deviceToken);
    return session;
  }

  @Endpoint(RefreshSessionRoute)
  @FromWebApp()
  async refresh(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RouteResponse<typeof RefreshSessionRoute>> {
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

  @Endpoint(LogoutRoute)
  @FromWebApp()
  async logout(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const refreshToken = request.cookies[REFRESH_COOKIE];
    if (refreshToken) await this.bus.send(Logout, { refreshToken, origin: requestOrigin(request) });
    clearRefreshCookie(reply);
  }

  @Endpoint(SwitchRoleRoute)
  switchRole(
    @RouteInput() { body }: Input<typeof SwitchRoleRoute>,
    @CurrentSession() actor: SessionActor,
    @Req() request: FastifyRequest,
  ): Promise<RouteResponse<typeof SwitchRoleRoute>> {
    return this.bus.send(SwitchRole, { ...body, actor, origin: requestOrigin(request) });
  }
}
