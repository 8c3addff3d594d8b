import { Alert, Button, Loader, Group, Text } from '@mantine/core';
import type { PaymentConfig } from '@arbor/contracts';
import { AcceptCardFields } from './AcceptCardFields';
import { CARD_PAYMENTS_UNAVAILABLE, type CardFieldsProps } from './card-fields';
import { ConvergeCardFields } from './ConvergeCardFields';
import { useScript } from './load-script';
import { StripeCardFields } from './StripeCardFields';

/**
 * The card fields of whichever processor the practice uses, once its script has loaded: the one
 * place that knows there are three. The form above only ever sees {@link CardFieldsProps}.
 */
export function CardFields({ config, ...props }: CardFieldsProps<PaymentConfig>) {
  const script = useScript(config.scriptUrl);
  if (script.state === 'loading') {
    return (
      <Group gap="sm">
        <Loader size="sm" aria-hidden />
        <Text>Loading the card form…</Text>
      </Group>
    );
  }
  if (script.state === 'failed') {
    return (
      <Alert color="red" variant="light" role="alert" title={CARD_PAYMENTS_UNAVAILABLE}>
        <Text mb="sm">The card form could not be loaded. Check your connection and try again.</Text>
        <Button variant="default" onClick={script.retry}>
          Try again
        </Button>
      </Alert>
    );
  }
  switch (config.processor) {
    case 'stripe':
      return <StripeCardFields config={config} {...props} />;
    case 'authorize_net':
      return <AcceptCardFields config={config} {...props} />;
    case 'elavon':
      return <ConvergeCardFields config={config} {...props} />;
  }
}
