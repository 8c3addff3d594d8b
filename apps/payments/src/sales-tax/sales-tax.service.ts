import { Inject, Injectable } from '@nestjs/common';
import { requireRole } from '@arbor/access';
import { CLOCK, type Clock } from '@arbor/clock';
import {
  type Actor,
  type PayloadOf,
  type QuoteTax,
  type ReplyOf,
  type SalesTaxSettings,
} from '@arbor/contracts';
import type { Database } from '@arbor/database';
import { DATABASE } from '@arbor/messaging';
import { applicableRate, quoteTax } from './sales-tax';
import { SalesTaxRepository } from './sales-tax.repository';
import { STATEWIDE_BASE_RATES_2025 } from './state-base-rates';

/** Billing → Setup → Sales Tax, and the tax quote invoicing asks for on every invoice. */
@Injectable()
export class SalesTaxService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly repository: SalesTaxRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async get(
    actor: Actor,
  ): Promise<{ settings: SalesTaxSettings; statewideBaseRates: Record<string, number> }> {
    requireRole(actor, ['admin'], 'only an Admin sets up billing');
    return {
      settings: await this.repository.find(this.db, actor.practiceId),
      statewideBaseRates: { ...STATEWIDE_BASE_RATES_2025 },
    };
  }

  async update(actor: Actor, settings: SalesTaxSettings): Promise<SalesTaxSettings> {
    requireRole(actor, ['admin'], 'only an Admin sets up billing');
    await this.repository.save(this.db, actor.practiceId, settings, actor.userId, this.clock.now());
    return settings;
  }

  async quote(request: PayloadOf<typeof QuoteTax>): Promise<ReplyOf<typeof QuoteTax>> {
    const settings = await this.repository.find(this.db, request.practiceId);
    const rate = applicableRate(settings, request.clientState);
    const quote = quoteTax(request.amount, rate, settings.pricesIncludeTax);
    return { ...quote, currency: request.currency, pricesIncludeTax: settings.pricesIncludeTax };
  }
}
