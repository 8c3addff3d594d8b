import { useImperativeHandle, useRef } from 'react';
import type { PaymentConfig } from '@arbor/contracts';
import { CARD_PAYMENTS_UNAVAILABLE, CardTokenizeError, type CardFieldsProps } from './card-fields';
import { ConvergeApproval, ConvergeReason } from './processor-scripts';
import { TypedCardInputs, type TypedCardReader } from './TypedCardInputs';

type ElavonConfig = Extract<PaymentConfig, { processor: 'elavon' }>;

/** A Converge decline or error in words; its own message when it gives one. */
function reasonOf(answer: unknown, fallback: string): string {
  if (typeof answer === 'string' && answer.trim()) return answer.trim();
  const parsed = ConvergeReason.safeParse(answer);
  const message = parsed.data?.errorMessage ?? parsed.data?.ssl_result_message;
  return message ? `${fallback} (${message})` : fallback;
}

/**
 * Elavon Converge: Checkout.js sends the card with the one-use session token (made by payments
 * for a `ccgettoken`) and, on approval, answers the card's `ssl_token`, which is what Arbor charges.
 * A session token is spent by one try: the form fetches a new one after any failure.
 */
export function ConvergeCardFields({ config, ref, onEdit, disabled }: CardFieldsProps<ElavonConfig>) {
  const card = useRef<TypedCardReader>(null);
  useImperativeHandle(ref, () => ({
    tokenize: async () => {
      const typed = card.current!.read();
      const converge = window.ConvergeEmbeddedPayment;
      if (!converge) throw new CardTokenizeError(CARD_PAYMENTS_UNAVAILABLE);
      return new Promise<string>((resolve, reject) =>
        converge.pay(
          {
            ssl_txn_auth_token: config.transactionToken,
            ssl_card_number: typed.number,
            ssl_exp_date: `${typed.month}${typed.year}`,
            ssl_cvv2cvc2: typed.cvc,
          },
          {
            onApproval: (answer) => {
              const approved = ConvergeApproval.safeParse(answer);
              if (approved.success) resolve(approved.data.ssl_token);
              else reject(new CardTokenizeError(CARD_PAYMENTS_UNAVAILABLE));
            },
            onDeclined: (answer) =>
              reject(new CardTokenizeError(reasonOf(answer, 'The card was declined. Try another card.'))),
            onError: (error) =>
              reject(
                new CardTokenizeError(
                  reasonOf(error, 'The card details were not accepted. Check them and try again.'),
                ),
              ),
            onCancelled: () => reject(new CardTokenizeError('The payment was cancelled.')),
          },
        ),
      );
    },
  }));
  return <TypedCardInputs ref={card} withZip={false} disabled={disabled} onEdit={onEdit} />;
}
