import { Button, Checkbox, Group, NumberInput, Radio, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Controller, type Path } from 'react-hook-form';
import type { z } from 'zod';
import { GetSalesTaxRoute, UpdateSalesTaxRoute, US_STATES, type SalesTaxView } from '@arbor/contracts';
import { useRouteMutation, useRouteQuery } from '../../api/queries';
import { FormActions } from '../../forms/FormActions';
import { useContractForm } from '../../forms/use-contract-form';
import { useFormSubmit } from '../../forms/use-form-submit';
import { LoadProblem, Loading } from '../../layout/page-states';
import { useActor } from '../../session/session-context';
import { SalesTaxForm, salesTaxFormValues, type SalesTaxFormValues } from './sales-tax-form';

/** Billing Setup → Sales Tax: none, one rate, or a rate per state; prices with or without it. */
export function SalesTax() {
  const { pid } = useActor();
  const salesTax = useRouteQuery(GetSalesTaxRoute, { params: { pid } });
  return (
    <Stack component="section" aria-labelledby="sales-tax-title">
      <Title order={3} id="sales-tax-title">
        Sales Tax
      </Title>
      {salesTax.isPending ? (
        <Loading what="sales tax settings" />
      ) : salesTax.isError ? (
        <LoadProblem error={salesTax.error} onRetry={() => void salesTax.refetch()} />
      ) : (
        <SalesTaxEditor saved={salesTax.data} />
      )}
    </Stack>
  );
}

function SalesTaxEditor({ saved }: { saved: z.output<typeof SalesTaxView> }) {
  const { pid } = useActor();
  const [done, setDone] = useState(false);
  const update = useRouteMutation(UpdateSalesTaxRoute, { invalidates: [GetSalesTaxRoute] });
  const form = useContractForm(SalesTaxForm, { defaultValues: salesTaxFormValues(saved) });
  const mode = form.watch('mode');
  // "Saved" speaks of what is on screen: the first change after saving takes it back.
  useEffect(() => {
    const subscription = form.watch(() => setDone(false));
    return () => subscription.unsubscribe();
  }, [form]);

  const { onSubmit, problem, submitting } = useFormSubmit(form, async (body) => {
    setDone(false);
    await update.mutateAsync({ params: { pid }, body });
    setDone(true);
  });

  const startFromBaseRates = () => {
    for (const state of US_STATES) {
      const rate = saved.statewideBaseRates[state];
      if (rate !== undefined) form.setValue(`stateRates.${state}`, rate, { shouldDirty: true });
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Sales Tax">
      <Stack gap="md">
        <Controller
          control={form.control}
          name="mode"
          render={({ field }) => (
            <Radio.Group label="Sales tax on invoices" value={field.value} onChange={field.onChange}>
              <Stack gap="xs" mt="xs">
                <Radio value="none" label="No sales tax" />
                <Radio value="flat" label="One rate for every client" />
                <Radio value="by_state" label="A rate per state, by the client's address" />
              </Stack>
            </Radio.Group>
          )}
        />
        {mode === 'flat' ? (
          <RateInput name="ratePercent" label="Tax rate (%)" control={form.control} maw={240} />
        ) : null}
        {mode === 'by_state' ? (
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              Leave a state blank for no tax there. The statewide base rates leave out county and city taxes:
              check what applies where your clients live.
            </Text>
            <Group gap="sm">
              <Button variant="light" onClick={startFromBaseRates}>
                Fill in statewide base rates
              </Button>
            </Group>
            <SimpleGrid cols={{ base: 3, sm: 4, lg: 6 }} spacing="sm">
              {US_STATES.map((state) => (
                <RateInput
                  key={state}
                  name={`stateRates.${state}`}
                  label={`${state} (%)`}
                  control={form.control}
                />
              ))}
            </SimpleGrid>
          </Stack>
        ) : null}
        <Controller
          control={form.control}
          name="pricesIncludeTax"
          render={({ field }) => (
            <Checkbox
              label="Prices already include tax"
              description="When on, the tax is split out of each invoice amount instead of added to it."
              checked={field.value}
              onChange={(event) => field.onChange(event.currentTarget.checked)}
            />
          )}
        />
        <FormActions problem={problem} submitting={submitting} submitLabel="Save">
          {done ? (
            <Text role="status" c="green.7">
              Sales tax settings saved.
            </Text>
          ) : null}
        </FormActions>
      </Stack>
    </form>
  );
}

function RateInput({
  name,
  label,
  control,
  maw,
}: {
  name: Path<SalesTaxFormValues>;
  label: string;
  control: ReturnType<typeof useContractForm<typeof SalesTaxForm>>['control'];
  maw?: number;
}) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <NumberInput
          label={label}
          min={0}
          step={0.25}
          hideControls
          inputMode="decimal"
          maw={maw}
          value={field.value as number | string}
          onChange={field.onChange}
          onBlur={field.onBlur}
          error={fieldState.error?.message}
        />
      )}
    />
  );
}
