import { useImperativeHandle, useRef } from 'react';
import type { PaymentConfig } from '@arbor/contracts';
import { CARD_PAYMENTS_UNAVAILABLE, CardTokenizeError, type CardFieldsProps } from './card-fields';
import { AcceptResponse } from './processor-scripts';
import { TypedCardInputs, type TypedCardReader } from './TypedCardInputs';

type AuthorizeNetConfig = Extract<PaymentConfig, { processor: 'authorize_net' }>;

/**
 * Authorize.net: Accept.js takes the card from our inputs and answers an opaque payment nonce
 * (`opaqueData.dataValue`), which is what Arbor charges.
 */
export function AcceptCardFields({ config, ref, onEdit, disabled }: CardFieldsProps<AuthorizeNetConfig>) {
  const card = useRef<TypedCardReader>(null);
  useImperativeHandle(ref, () => ({
    tokenize: async () => {
      const typed = card.current!.read();
      const accept = window.Accept;
      if (!accept) throw new CardTokenizeError(CARD_PAYMENTS_UNAVAILABLE);
      const answer = await new Promise<unknown>((resolve) =>
        accept.dispatchData(
          {
            authData: { clientKey: config.publicClientKey, apiLoginID: config.apiLoginId },
            cardData: {
              cardNumber: typed.number,
              month: typed.month,
              year: typed.year,
              cardCode: typed.cvc,
              zip: typed.zip,
            },
          },
          resolve,
        ),
      );
      const parsed = AcceptResponse.safeParse(answer);
      if (!parsed.success) throw new CardTokenizeError(CARD_PAYMENTS_UNAVAILABLE);
      const { opaqueData, messages } = parsed.data;
      if (messages.resultCode === 'Ok' && opaqueData) return opaqueData.dataValue;
      const reason = messages.message.map((message) => message.text).join(' ');
      throw new CardTokenizeError(reason || 'The card details were not accepted. Check them and try again.');
    },
  }));
  return <TypedCardInputs ref={card} withZip disabled={disabled} onEdit={onEdit} />;
}
