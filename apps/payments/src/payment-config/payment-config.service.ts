import { Inject, Injectable } from '@nestjs/common';
import { ArborError, type PaymentConfig, type ProcessorType } from '@arbor/contracts';
import { LOGGER } from '@arbor/messaging';
import type { Logger } from '@arbor/observability';
import { ProcessorAccountsService } from '../processor-accounts/processor-accounts.service';
import { ConvergeNoAnswerError } from '../processors/converge.client';
import { paymentConfigOf } from './payment-config';

/** The sandbox's scripts by processor when a sandbox is configured; `null` in production. */
export const SANDBOX_SCRIPT_URLS = Symbol.for('arbor.payments.sandbox-script-urls');

/**
 * The client's payment page: what their browser needs to tokenize a card with the practice's
 * active processor. Stripe and Authorize.net tokenize with static public keys; Converge's
 * Checkout.js needs a session token made for this page, so Converge is asked for one each time.
 */
@Injectable()
export class PaymentConfigService {
  constructor(
    private readonly accounts: ProcessorAccountsService,
    @Inject(SANDBOX_SCRIPT_URLS) private readonly sandboxScripts: Record<ProcessorType, string> | null,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async forPractice(practiceId: string): Promise<PaymentConfig> {
    const { accountId, type, processor } = await this.accounts.activeProcessor(practiceId);
    const client = processor.clientConfig();
    let session;
    if (processor.createPaymentSession) {
      try {
        session = await processor.createPaymentSession();
      } catch (caught) {
        if (!(caught instanceof ConvergeNoAnswerError)) throw caught;
        // The reason is the transport's (timeout, HTTP status); the request carried the PIN, the
        // error never does.
        this.logger.warn({ accountId, processor: type, error: caught.message }, 'no session token');
        throw new ArborError(
          'service_unavailable',
          'the card processor did not answer; try again in a moment',
          { service: type },
        );
      }
    }
    return paymentConfigOf(client, session, this.sandboxScripts ?? undefined);
  }
}
