import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { z } from 'zod';
import {
  CreateProcessorAccount,
  CreateProcessorAccountBody,
  DeleteProcessorAccount,
  Id,
  ListProcessorAccounts,
  ProcessorAccountView,
  TestProcessorAccount,
  UpdateProcessorAccount,
  UpdateProcessorAccountBody,
  type Actor,
} from '@arbor/contracts';
import { CurrentActor, Roles } from '@arbor/auth';
import type { BusClient } from '@arbor/messaging';
import { GATEWAY_BUS } from '../gateway.tokens';
import { Documented } from '../openapi/api-doc.decorator';
import { ZodValidationPipe } from '../http/zod-validation.pipe';

const ProcessorList = ListProcessorAccounts.reply;

/** Admin → Billing → Setup → Payment Processors. Credentials go in; only masked values come out. */
@Controller('api/v1/practices/:pid/payment-processors')
@Roles('admin')
export class PaymentProcessorsController {
  constructor(@Inject(GATEWAY_BUS) private readonly bus: BusClient) {}

  @Post()
  @Documented({
    summary: 'Add a processor account (the first becomes active); credentials are stored encrypted',
    tags: ['Billing setup'],
    body: CreateProcessorAccountBody,
    responses: { 201: ProcessorAccountView, 400: 'problem', 403: 'problem', 404: 'problem' },
  })
  create(
    @Body(new ZodValidationPipe(CreateProcessorAccountBody))
    account: z.infer<typeof CreateProcessorAccountBody>,
    @CurrentActor() actor: Actor,
  ) {
    return this.bus.send(CreateProcessorAccount, { actor, account });
  }

  @Get()
  @Documented({
    summary: "The practice's processor accounts, credentials masked",
    tags: ['Billing setup'],
    responses: { 200: ProcessorList, 403: 'problem', 404: 'problem' },
  })
  list(@CurrentActor() actor: Actor) {
    return this.bus.send(ListProcessorAccounts, { actor });
  }

  @Patch(':id')
  @Documented({
    summary: 'Change the description or credentials, or make it the active account',
    tags: ['Billing setup'],
    body: UpdateProcessorAccountBody,
    responses: { 200: ProcessorAccountView, 400: 'problem', 403: 'problem', 404: 'problem' },
  })
  update(
    @Param('id', new ZodValidationPipe(Id, 'path')) id: string,
    @Body(new ZodValidationPipe(UpdateProcessorAccountBody))
    changes: z.infer<typeof UpdateProcessorAccountBody>,
    @CurrentActor() actor: Actor,
  ) {
    return this.bus.send(UpdateProcessorAccount, { actor, id, changes });
  }

  @Delete(':id')
  @HttpCode(204)
  @Documented({
    summary: 'Remove a processor account and its credentials',
    tags: ['Billing setup'],
    responses: { 204: 'empty', 403: 'problem', 404: 'problem' },
  })
  async remove(
    @Param('id', new ZodValidationPipe(Id, 'path')) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.bus.send(DeleteProcessorAccount, { actor, id });
  }

  @Post(':id/test')
  @HttpCode(200)
  @Documented({
    summary: 'Check the stored credentials with the processor',
    tags: ['Billing setup'],
    responses: { 200: TestProcessorAccount.reply, 403: 'problem', 404: 'problem' },
  })
  test(@Param('id', new ZodValidationPipe(Id, 'path')) id: string, @CurrentActor() actor: Actor) {
    return this.bus.send(TestProcessorAccount, { actor, id });
  }
}
