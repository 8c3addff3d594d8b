import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  ChangePassword,
  ChangePasswordBody,
  ConfirmMfaBody,
  ConfirmMfaEnrolment,
  GetMe,
  MeView,
  StartMfaEnrolment,
  type SessionActor,
} from '@arbor/contracts';
import { AllowMfaPending, CurrentSession, Roles } from '@arbor/auth';
import type { BusClient } from '@arbor/messaging';
import { GATEWAY_BUS } from '../gateway.tokens';
import { Documented } from '../openapi/api-doc.decorator';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { requestOrigin } from './request-origin';

/** The signed-in person: who they are, their MFA, their password. */
@Controller('api/v1/me')
export class MeController {
  constructor(@Inject(GATEWAY_BUS) private readonly bus: BusClient) {}

  @Get()
  @AllowMfaPending()
  @Documented({
    summary: 'You: your memberships, active practice and role',
    tags: ['Me'],
    responses: { 200: MeView, 401: 'problem' },
  })
  me(@CurrentSession() actor: SessionActor): Promise<MeView> {
    return this.bus.send(GetMe, { actor });
  }

  @Post('mfa/totp')
  @Roles('admin', 'provider')
  @AllowMfaPending()
  @HttpCode(200)
  @Documented({
    summary: 'Start TOTP enrolment: a secret for your authenticator app',
    tags: ['Me'],
    responses: { 200: StartMfaEnrolment.reply, 401: 'problem', 403: 'problem' },
  })
  startMfa(@CurrentSession() actor: SessionActor) {
    return this.bus.send(StartMfaEnrolment, { actor });
  }

  @Post('mfa/totp/confirm')
  @Roles('admin', 'provider')
  @AllowMfaPending()
  @HttpCode(200)
  @Documented({
    summary: 'Confirm TOTP enrolment with a code: MFA is on, and here are your recovery codes (shown once)',
    tags: ['Me'],
    body: ConfirmMfaBody,
    responses: { 200: ConfirmMfaEnrolment.reply, 400: 'problem', 401: 'problem', 403: 'problem' },
  })
  confirmMfa(
    @Body(new ZodValidationPipe(ConfirmMfaBody)) body: z.infer<typeof ConfirmMfaBody>,
    @CurrentSession() actor: SessionActor,
  ) {
    return this.bus.send(ConfirmMfaEnrolment, { ...body, actor });
  }

  @Post('password')
  @AllowMfaPending()
  @HttpCode(204)
  @Documented({
    summary: 'Change your password; every session of yours ends',
    tags: ['Me'],
    body: ChangePasswordBody,
    responses: { 204: 'empty', 400: 'problem', 401: 'problem' },
  })
  async changePassword(
    @Body(new ZodValidationPipe(ChangePasswordBody)) body: z.infer<typeof ChangePasswordBody>,
    @CurrentSession() actor: SessionActor,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.bus.send(ChangePassword, { ...body, actor, origin: requestOrigin(request) });
  }
}
