import { Divider, Stack, Title } from '@mantine/core';
import { PaymentProcessors } from './PaymentProcessors';
import { SalesTax } from './SalesTax';
import { usePageTitle } from '../../layout/use-page-title';

/** Admin → Billing → Setup: how clients pay the practice, and the tax on what they pay. */
export function BillingSetupPage() {
  usePageTitle('Billing Setup');
  return (
    <Stack gap="lg">
      <Title order={2}>Billing Setup</Title>
      <PaymentProcessors />
      <Divider />
      <SalesTax />
    </Stack>
  );
}
