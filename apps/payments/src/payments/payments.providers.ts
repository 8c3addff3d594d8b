import { PaymentAttemptsRepository } from './payment-attempts.repository';
import { PaymentRecoveryJob, PaymentsHandlers } from './payments.handlers';
import { PaymentsService } from './payments.service';

/**
 * Charges and refunds, and the job that settles attempts a crash or a timeout left open. Part of
 * the root module, beside the processor accounts whose adapters they use.
 */
export const paymentControllers = [PaymentsHandlers];
export const paymentProviders = [PaymentsService, PaymentAttemptsRepository, PaymentRecoveryJob];
