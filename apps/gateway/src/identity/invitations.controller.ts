import { Body, Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AcceptInvitation, AcceptInvitationBody, InvitationToken } from '@arbor/contracts';
import { Public } from '@arbor/auth';
import type { BusClient } from '@arbor/messaging';
import { GATEWAY_BUS } from '../gateway.tokens';
import { Documented } from '../openapi/api-doc.decorator';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { requestOrigin } from './request-origin';

/** Staff and client-portal invitations, accepted with a password. */
@Controller('api/v1/invitations')
export class InvitationsController {
  constructor(@Inject(GATEWAY_BUS) private readonly bus: BusClient) {}

  @Post(':token/accept')
  @Public()
  @HttpCode(200)
  @Documented({
    summary: 'Accept an invitation: set your password (or confirm it, if you already have an account)',
    tags: ['Invitations'],
    body: AcceptInvitationBody,
    responses: { 200: AcceptInvitation.reply, 400: 'problem', 404: 'problem' },
  })
  accept(
    @Param('token', new ZodValidationPipe(InvitationToken, 'path')) token: string,
    @Body(new ZodValidationPipe(AcceptInvitationBody)) body: z.infer<typeof AcceptInvitationBody>,
    @Req() request: FastifyRequest,
  ) {
    return this.bus.send(AcceptInvitation, { ...body, token, origin: requestOrigin(request) });
  }
}
