import { Controller } from '@nestjs/common';
import { GetPaymentConfig, type PayloadOf } from '@arbor/contracts';
import { Handles } from '@arbor/messaging';
import { PaymentConfigService } from './payment-config.service';

@Controller()
export class PaymentConfigHandlers {
  constructor(private readonly configs: PaymentConfigService) {}

  @Handles(GetPaymentConfig)
  get({ practiceId }: PayloadOf<typeof GetPaymentConfig>) {
    return this.configs.forPractice(practiceId);
  }
}
