import { Controller } from '@nestjs/common';
import { GetSalesTax, QuoteTax, UpdateSalesTax, type PayloadOf } from '@arbor/contracts';
import { Handles } from '@arbor/messaging';
import { SalesTaxService } from './sales-tax.service';

@Controller()
export class SalesTaxHandlers {
  constructor(private readonly salesTax: SalesTaxService) {}

  @Handles(GetSalesTax)
  get({ actor }: PayloadOf<typeof GetSalesTax>) {
    return this.salesTax.get(actor);
  }

  @Handles(UpdateSalesTax)
  update({ actor, settings }: PayloadOf<typeof UpdateSalesTax>) {
    return this.salesTax.update(actor, settings);
  }

  @Handles(QuoteTax)
  quote(payload: PayloadOf<typeof QuoteTax>) {
    return this.salesTax.quote(payload);
  }
}
