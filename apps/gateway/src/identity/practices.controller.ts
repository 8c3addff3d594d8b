import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  CreatePractice,
  CreatePracticeBody,
  Id,
  InviteStaff,
  InviteStaffBody,
  ListStaff,
  PracticeSecurityBody,
  StaffMember,
  UpdatePracticeSecurity,
  UpdateStaffRoles,
  UpdateStaffRolesBody,
  type Actor,
} from '@arbor/contracts';
import { CurrentActor, Public, Roles } from '@arbor/auth';
import type { BusClient } from '@arbor/messaging';
import { GATEWAY_BUS } from '../gateway.tokens';
import { Documented } from '../openapi/api-doc.decorator';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { requestOrigin } from './request-origin';

const CreatedPractice = CreatePractice.reply;
const Invited = InviteStaff.reply;
const StaffList = z.object({ items: z.array(StaffMember), nextCursor: z.null() });

/** Sign-up, and an Admin's work on the practice's people and security. */
@Controller('api/v1/practices')
export class PracticesController {
  constructor(@Inject(GATEWAY_BUS) private readonly bus: BusClient) {}

  @Post()
  @Public()
  @Documented({
    summary: 'Sign up: a new practice and its first Admin (who is also a Provider)',
    tags: ['Practices'],
    body: CreatePracticeBody,
    responses: { 201: CreatedPractice, 400: 'problem', 409: 'problem' },
  })
  create(
    @Body(new ZodValidationPipe(CreatePracticeBody)) body: CreatePracticeBody,
    @Req() request: FastifyRequest,
  ): Promise<z.infer<typeof CreatedPractice>> {
    return this.bus.send(CreatePractice, { ...body, origin: requestOrigin(request) });
  }

  @Post(':pid/staff')
  @Roles('admin')
  @Documented({
    summary: 'Invite a staff member (single-use, expiring link)',
    tags: ['Staff'],
    body: InviteStaffBody,
    responses: { 201: Invited, 400: 'problem', 403: 'problem', 404: 'problem' },
  })
  invite(
    @Body(new ZodValidationPipe(InviteStaffBody)) body: z.infer<typeof InviteStaffBody>,
    @CurrentActor() actor: Actor,
  ): Promise<z.infer<typeof Invited>> {
    return this.bus.send(InviteStaff, { ...body, actor });
  }

  @Get(':pid/staff')
  @Roles('admin', 'provider')
  @Documented({
    summary: "The practice's staff and their roles",
    tags: ['Staff'],
    responses: { 200: StaffList, 403: 'problem', 404: 'problem' },
  })
  staff(@CurrentActor() actor: Actor) {
    return this.bus.send(ListStaff, { actor });
  }

  @Put(':pid/staff/:uid/roles')
  @Roles('admin')
  @Documented({
    summary: "Set a staff member's roles (an empty list removes them); their sessions end if a role goes",
    tags: ['Staff'],
    body: UpdateStaffRolesBody,
    responses: {
      200: UpdateStaffRoles.reply,
      400: 'problem',
      403: 'problem',
      404: 'problem',
      409: 'problem',
    },
  })
  updateRoles(
    @Param('uid', new ZodValidationPipe(Id, 'path')) userId: string,
    @Body(new ZodValidationPipe(UpdateStaffRolesBody)) body: z.infer<typeof UpdateStaffRolesBody>,
    @CurrentActor() actor: Actor,
  ) {
    return this.bus.send(UpdateStaffRoles, { ...body, userId, actor });
  }

  @Put(':pid/security')
  @Roles('admin')
  @HttpCode(200)
  @Documented({
    summary: 'Practice security: require MFA for every staff member',
    tags: ['Practices'],
    body: PracticeSecurityBody,
    responses: { 200: PracticeSecurityBody, 400: 'problem', 403: 'problem', 404: 'problem' },
  })
  security(
    @Body(new ZodValidationPipe(PracticeSecurityBody)) body: z.infer<typeof PracticeSecurityBody>,
    @CurrentActor() actor: Actor,
  ) {
    return this.bus.send(UpdatePracticeSecurity, { ...body, actor });
  }
}
