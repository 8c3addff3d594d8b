import { Body, Controller, Get, Inject, Put } from '@nestjs/common';
import { GetSalesTax, SalesTaxSettings, UpdateSalesTax, type Actor } from '@arbor/contracts';
import { CurrentActor, Roles } from '@arbor/auth';
import type { BusClient } from '@arbor/messaging';
import { GATEWAY_BUS } from '../gateway.tokens';
import { Documented } from '../openapi/api-doc.decorator';
import { ZodValidationPipe } from '../http/zod-validation.pipe';

/** Admin → Billing → Setup → Sales Tax. */
@Controller('api/v1/practices/:pid/sales-tax')
@Roles('admin')
export class SalesTaxController {
  constructor(@Inject(GATEWAY_BUS) private readonly bus: BusClient) {}

  @Get()
  @Documented({
    summary:
      "The practice's sales-tax settings (and the statewide base rates to start a by-state table from)",
    tags: ['Billing setup'],
    responses: { 200: SalesTaxSettings, 403: 'problem', 404: 'problem' },
  })
  async get(@CurrentActor() actor: Actor) {
    const { settings, statewideBaseRates } = await this.bus.send(GetSalesTax, { actor });
    return { ...settings, statewideBaseRates };
  }

  @Put()
  @Documented({
    summary:
      'Set the sales-tax settings: none, one flat rate, or a rate per state; prices with or without tax',
    tags: ['Billing setup'],
    body: SalesTaxSettings,
    responses: { 200: SalesTaxSettings, 400: 'problem', 403: 'problem', 404: 'problem' },
  })
  update(
    @Body(new ZodValidationPipe(SalesTaxSettings)) settings: SalesTaxSettings,
    @CurrentActor() actor: Actor,
  ) {
    return this.bus.send(UpdateSalesTax, { actor, settings });
  }
}
