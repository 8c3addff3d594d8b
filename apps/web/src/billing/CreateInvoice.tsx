import { Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import {
  CreateInvoiceRoute,
  ListClientInvoicesRoute,
  ListInvoicesRoute,
  type ClientView,
  type InvoiceView,
} from '@arbor/contracts';
import { FormActions } from '../forms/FormActions';
import { useContractForm } from '../forms/use-contract-form';
import { useFormSubmit } from '../forms/use-form-submit';
import { useActor } from '../session/session-context';
import { CreateInvoiceForm } from './invoice-forms';
import { formatMoney } from './money';
import { useMoneyAction } from './use-money-action';

/**
 * Create Invoice: what it is for and the amount in dollars; Send Invoice creates it and alerts the
 * client in one step. Tax is added by the practice's settings, so the total is shown once sent.
 */
export function CreateInvoice({ client }: { client: ClientView }) {
  const actor = useActor();
  const [sent, setSent] = useState<InvoiceView>();
  const create = useMoneyAction(CreateInvoiceRoute, {
    invalidates: [ListClientInvoicesRoute, ListInvoicesRoute],
  });
  const form = useContractForm(CreateInvoiceForm, { defaultValues: { description: '', amount: '' } });
  const { onSubmit, problem, submitting } = useFormSubmit(form, async (body) => {
    setSent(undefined);
    const invoice = await create.mutateAsync({
      params: { pid: actor.pid, cid: client.id },
      body: { description: body.description, amount: body.amount },
    });
    form.reset({ description: '', amount: '' });
    setSent(invoice);
  });

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="create-invoice-title">
      <form onSubmit={onSubmit} noValidate aria-label="Create Invoice">
        <Stack>
          <Title order={3} size="h4" id="create-invoice-title">
            Create Invoice
          </Title>
          <Textarea
            label="Description"
            description="What the invoice is for; the client sees it once they sign in"
            size="md"
            autosize
            minRows={2}
            error={form.formState.errors.description?.message}
            {...form.register('description')}
          />
          <TextInput
            label="Amount in dollars"
            description="Before tax, such as 125.00"
            inputMode="decimal"
            size="md"
            error={form.formState.errors.amount?.message}
            {...form.register('amount')}
          />
          <FormActions problem={problem} submitting={submitting} submitLabel="Send Invoice">
            {sent ? (
              <Text role="status" c="green.9">
                Sent {sent.number} for {formatMoney(sent.total, sent.currency)}. {client.firstName} has been
                alerted.
              </Text>
            ) : null}
          </FormActions>
        </Stack>
      </form>
    </Paper>
  );
}
