import { Controller, Inject, Injectable } from '@nestjs/common';
import { ChargePayment, CloseChargeKey, RefundPayment, type PayloadOf } from '@arbor/contracts';
import { ProcessesJob, type JobPayload } from '@arbor/jobs';
import { Handles, LOGGER } from '@arbor/messaging';
import type { Logger } from '@arbor/observability';
import { PaymentsService } from './payments.service';
import { RECOVERY_SETTINGS, RecoverPaymentAttempts } from './recover-attempts.job';

@Controller()
export class PaymentsHandlers {
  constructor(private readonly payments: PaymentsService) {}

  @Handles(ChargePayment)
  charge({ actor, payment }: PayloadOf<typeof ChargePayment>) {
    return this.payments.charge(actor, payment);
  }

  @Handles(CloseChargeKey)
  closeKey(payload: PayloadOf<typeof CloseChargeKey>) {
    return this.payments.closeKey(payload);
  }

  @Handles(RefundPayment)
  refund({ actor, refund }: PayloadOf<typeof RefundPayment>) {
    return this.payments.refund(actor, refund);
  }
}

@Injectable()
export class PaymentRecoveryJob {
  constructor(
    private readonly payments: PaymentsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @ProcessesJob(RecoverPaymentAttempts, {
    schedule: { everyMs: RECOVERY_SETTINGS.everyMs, payload: { batch: 100 } },
  })
  async recover({ batch }: JobPayload<typeof RecoverPaymentAttempts>): Promise<void> {
    const settled = await this.payments.recoverUnsettled(batch);
    if (settled > 0) this.logger.info({ settled }, 'payment attempts recovered');
  }
}
