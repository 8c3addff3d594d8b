import { InvoiceStatus } from '@arbor/contracts';
import { isApiProblem } from '../api/api-problem';
import { STATUS_LABEL } from './money';

/**
 * A refused invoice action in plain words. A `409` names the invoice's status now (someone else
 * acted first, or a payment arrived): say that, rather than the gateway's sentence.
 */
export function invoiceProblem(error: unknown, doing: string): string | undefined {
  if (!isApiProblem(error)) return undefined;
  if (error.code === 'conflict' && error.extensions['field'] === 'method') {
    // Paid by cash or check: there is no card payment for the processor to give back.
    return 'This invoice was paid outside Arbor, so there is no card payment to refund. Give the money back the way it was paid.';
  }
  if (error.code === 'conflict') {
    const current = InvoiceStatus.safeParse(error.extensions['currentStatus']);
    if (current.success) {
      return `This invoice is ${STATUS_LABEL[current.data].toLowerCase()} now, so it cannot be ${doing}. Close this to see the invoice as it stands.`;
    }
  }
  return undefined;
}
