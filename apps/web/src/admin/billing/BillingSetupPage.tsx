import { Divider, Stack, Title } from '@mantine/core';
import { PaymentProcessors } from './PaymentProcessors';
import { SalesTax } from './SalesTax';

/** Admin → Billing → Setup: how clients pay the practice, and the tax on what they pay. */
export function BillingSetupPage() {
  return (
    <Stack gap="lg">
      <Title order={2}>Billing Setup</Title>
      <PaymentProcessors />
      <Divider />
      <SalesTax />
    </Stack>
  );
}
