import { Body, Controller, Get, Inject, Param, Patch } from '@nestjs/common';
import { z } from 'zod';
import {
  ListServices,
  PracticeServiceView,
  ServiceKey,
  UpdateService,
  UpdateServiceBody,
  type Actor,
} from '@arbor/contracts';
import { CurrentActor, Roles } from '@arbor/auth';
import type { BusClient } from '@arbor/messaging';
import { GATEWAY_BUS } from '../gateway.tokens';
import { Documented } from '../openapi/api-doc.decorator';
import { ZodValidationPipe } from '../http/zod-validation.pipe';

/** Admin → Services: which services the practice has turned on, and for which providers. */
@Controller('api/v1/practices/:pid/services')
export class ServicesController {
  constructor(@Inject(GATEWAY_BUS) private readonly bus: BusClient) {}

  @Get()
  @Roles('admin', 'provider')
  @Documented({
    summary: "The practice's services, enabled or not, with their providers",
    tags: ['Services'],
    responses: { 200: z.array(PracticeServiceView), 401: 'problem', 403: 'problem', 404: 'problem' },
  })
  list(@CurrentActor() actor: Actor) {
    return this.bus.send(ListServices, { actor });
  }

  @Patch(':key')
  @Roles('admin')
  @Documented({
    summary: 'Enable or disable a service, and/or set its providers',
    tags: ['Services'],
    body: UpdateServiceBody,
    responses: { 200: PracticeServiceView, 400: 'problem', 401: 'problem', 403: 'problem', 404: 'problem' },
  })
  update(
    @Param('key', new ZodValidationPipe(ServiceKey, 'path')) key: ServiceKey,
    @Body(new ZodValidationPipe(UpdateServiceBody)) changes: z.infer<typeof UpdateServiceBody>,
    @CurrentActor() actor: Actor,
  ) {
    return this.bus.send(UpdateService, { actor, key, changes });
  }
}
