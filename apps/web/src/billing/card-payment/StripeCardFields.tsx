import { Input, Paper } from '@mantine/core';
import { useEffect, useId, useImperativeHandle, useRef, useState } from 'react';
import type { PaymentConfig } from '@arbor/contracts';
import { CARD_PAYMENTS_UNAVAILABLE, CardTokenizeError, type CardFieldsProps } from './card-fields';
import {
  StripeChangeEvent,
  StripePaymentMethodResult,
  type StripeCardElement,
  type StripeInstance,
} from './processor-scripts';

type StripeConfig = Extract<PaymentConfig, { processor: 'stripe' }>;

/**
 * Stripe: the card Element is Stripe's own iframe, so the card never touches this page at all;
 * `createPaymentMethod` answers a `pm_…` id, which is what Arbor charges.
 */
export function StripeCardFields({ config, ref, onEdit, disabled }: CardFieldsProps<StripeConfig>) {
  const host = useRef<HTMLDivElement>(null);
  const stripe = useRef<{ instance: StripeInstance; card: StripeCardElement }>(undefined);
  const [error, setError] = useState<string>();
  const [failed, setFailed] = useState(false);
  const labelId = useId();
  const onEditRef = useRef(onEdit);
  useEffect(() => {
    onEditRef.current = onEdit;
  });

  useEffect(() => {
    const factory = window.Stripe;
    if (!factory || !host.current) {
      setFailed(true);
      return;
    }
    const instance = factory(config.publishableKey);
    const card = instance.elements().create('card', { style: { base: { fontSize: '16px' } } });
    card.mount(host.current);
    card.on('change', (event) => {
      setError(StripeChangeEvent.safeParse(event).data?.error?.message);
      onEditRef.current();
    });
    stripe.current = { instance, card };
    return () => {
      stripe.current = undefined;
      card.destroy();
    };
  }, [config.publishableKey]);

  useImperativeHandle(ref, () => ({
    tokenize: async () => {
      if (!stripe.current) throw new CardTokenizeError(CARD_PAYMENTS_UNAVAILABLE);
      const { instance, card } = stripe.current;
      const result = StripePaymentMethodResult.safeParse(
        await instance.createPaymentMethod({ type: 'card', card }),
      );
      if (!result.success) throw new CardTokenizeError(CARD_PAYMENTS_UNAVAILABLE);
      if ('paymentMethod' in result.data) return result.data.paymentMethod.id;
      throw new CardTokenizeError(
        result.data.error.message ?? 'The card details were not accepted. Check them and try again.',
      );
    },
  }));

  if (failed) return <Input.Error>{CARD_PAYMENTS_UNAVAILABLE}</Input.Error>;
  return (
    <Input.Wrapper label="Card" labelElement="div" labelProps={{ id: labelId }} error={error} size="md">
      <Paper
        withBorder
        p="sm"
        radius="sm"
        role="group"
        aria-labelledby={labelId}
        style={{ opacity: disabled ? 0.6 : undefined }}
      >
        <div ref={host} data-testid="stripe-card-element" />
      </Paper>
    </Input.Wrapper>
  );
}
