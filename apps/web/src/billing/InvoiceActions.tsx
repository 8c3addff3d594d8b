import { Button, Group, Modal, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import {
  ForgiveInvoiceRoute,
  GetInvoiceRoute,
  ListClientInvoicesRoute,
  ListInvoicesRoute,
  RecordInvoicePaymentRoute,
  RefundInvoiceRoute,
  VoidInvoiceRoute,
  type InvoiceView,
} from '@arbor/contracts';
import { useActorKey } from '../api/queries';
import { FormActions } from '../forms/FormActions';
import { useContractForm } from '../forms/use-contract-form';
import { useFormSubmit } from '../forms/use-form-submit';
import { useActor } from '../session/session-context';
import { ReasonForm, RecordPaymentForm, RefundForm } from './invoice-forms';
import { invoiceProblem } from './invoice-problems';
import { formatMoney } from './money';
import { useMoneyAction } from './use-money-action';

type Action = 'refund' | 'forgive' | 'void' | 'record';

/** Every list and the invoice itself show the change at once. */
const STALE = [GetInvoiceRoute, ListInvoicesRoute, ListClientInvoicesRoute] as const;

/**
 * What can be done with the invoice as it stands: a paid one can be refunded; an unpaid one
 * forgiven, voided, or marked paid by a payment made outside Arbor. Each opens a dialog that asks
 * why (or how it was paid) and is confirmed there.
 */
export function InvoiceActions({ invoice }: { invoice: InvoiceView }) {
  const [open, setOpen] = useState<Action>();
  const queryClient = useQueryClient();
  const actorKey = useActorKey();
  // A refusal may mean the invoice changed meanwhile (someone else acted, a payment came in):
  // closing the dialog shows it as it stands.
  const close = () => {
    setOpen(undefined);
    void queryClient.invalidateQueries({ queryKey: [actorKey, GetInvoiceRoute.operationId] });
  };
  const refundable = invoice.status === 'paid' || invoice.status === 'partially_refunded';
  const unpaid = invoice.status === 'unpaid';
  if (!refundable && !unpaid) return null;
  return (
    <>
      <Group gap="sm">
        {refundable ? (
          <Button size="md" onClick={() => setOpen('refund')}>
            Refund
          </Button>
        ) : (
          <>
            <Button size="md" onClick={() => setOpen('record')}>
              Record payment
            </Button>
            <Button size="md" variant="default" onClick={() => setOpen('forgive')}>
              Forgive
            </Button>
            <Button size="md" variant="default" color="red" onClick={() => setOpen('void')}>
              Void
            </Button>
          </>
        )}
      </Group>
      <Modal opened={open === 'refund'} onClose={close} title={`Refund invoice ${invoice.number}`}>
        <RefundDialog invoice={invoice} onDone={close} />
      </Modal>
      <Modal opened={open === 'forgive'} onClose={close} title={`Forgive invoice ${invoice.number}`}>
        <CloseDialog invoice={invoice} action="forgive" onDone={close} />
      </Modal>
      <Modal opened={open === 'void'} onClose={close} title={`Void invoice ${invoice.number}`}>
        <CloseDialog invoice={invoice} action="void" onDone={close} />
      </Modal>
      <Modal opened={open === 'record'} onClose={close} title={`Record payment of invoice ${invoice.number}`}>
        <RecordPaymentDialog invoice={invoice} onDone={close} />
      </Modal>
    </>
  );
}

function RefundDialog({ invoice, onDone }: { invoice: InvoiceView; onDone: () => void }) {
  const actor = useActor();
  const refund = useMoneyAction(RefundInvoiceRoute, { invalidates: STALE });
  const form = useContractForm(RefundForm, { defaultValues: { amount: '', reason: '' } });
  const left = invoice.amountPaid - invoice.amountRefunded;
  const { onSubmit, problem, submitting } = useFormSubmit(
    form,
    async ({ amount, reason }) => {
      await refund.mutateAsync({
        params: { pid: actor.pid, iid: invoice.id },
        body: amount === undefined ? { reason } : { amount, reason },
      });
      onDone();
    },
    { explain: (error) => invoiceProblem(error, 'refunded') },
  );
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Refund">
      <Stack>
        <Text>Up to {formatMoney(left, invoice.currency)} can be given back to the card that paid it.</Text>
        <TextInput
          label="Amount in dollars"
          description="Leave it empty to refund everything that is left"
          inputMode="decimal"
          size="md"
          error={form.formState.errors.amount?.message}
          {...form.register('amount')}
        />
        <Textarea
          label="Reason"
          size="md"
          autosize
          minRows={2}
          error={form.formState.errors.reason?.message}
          {...form.register('reason')}
        />
        <FormActions
          dialog
          problem={problem}
          submitting={submitting}
          submitLabel="Confirm refund"
          onCancel={onDone}
        />
      </Stack>
    </form>
  );
}

function CloseDialog({
  invoice,
  action,
  onDone,
}: {
  invoice: InvoiceView;
  action: 'forgive' | 'void';
  onDone: () => void;
}) {
  const actor = useActor();
  const forgive = useMoneyAction(ForgiveInvoiceRoute, { invalidates: STALE });
  const voidIt = useMoneyAction(VoidInvoiceRoute, { invalidates: STALE });
  const form = useContractForm(ReasonForm, { defaultValues: { reason: '' } });
  const { onSubmit, problem, submitting } = useFormSubmit(
    form,
    async ({ reason }) => {
      const input = { params: { pid: actor.pid, iid: invoice.id }, body: { reason } };
      await (action === 'forgive' ? forgive.mutateAsync(input) : voidIt.mutateAsync(input));
      onDone();
    },
    { explain: (error) => invoiceProblem(error, action === 'forgive' ? 'forgiven' : 'voided') },
  );
  return (
    <form onSubmit={onSubmit} noValidate aria-label={action === 'forgive' ? 'Forgive' : 'Void'}>
      <Stack>
        <Text>
          {action === 'forgive'
            ? `The client will owe nothing for this invoice of ${formatMoney(invoice.total, invoice.currency)}.`
            : 'Void an invoice that should not have been sent: it can no longer be paid.'}{' '}
          This cannot be undone.
        </Text>
        <Textarea
          label="Reason"
          size="md"
          autosize
          minRows={2}
          error={form.formState.errors.reason?.message}
          {...form.register('reason')}
        />
        <FormActions
          dialog
          problem={problem}
          submitting={submitting}
          submitLabel={action === 'forgive' ? 'Confirm forgive' : 'Confirm void'}
          onCancel={onDone}
        />
      </Stack>
    </form>
  );
}

const METHODS = [
  { value: 'cash', label: 'Cash' },
  { value: 'check', label: 'Check' },
  { value: 'other', label: 'Other' },
];

function RecordPaymentDialog({ invoice, onDone }: { invoice: InvoiceView; onDone: () => void }) {
  const actor = useActor();
  const record = useMoneyAction(RecordInvoicePaymentRoute, { invalidates: STALE });
  const form = useContractForm(RecordPaymentForm, { defaultValues: { method: 'check', reference: '' } });
  const { onSubmit, problem, submitting } = useFormSubmit(
    form,
    async ({ method, reference }) => {
      await record.mutateAsync({
        params: { pid: actor.pid, iid: invoice.id },
        body: reference === undefined ? { method } : { method, reference },
      });
      onDone();
    },
    { explain: (error) => invoiceProblem(error, 'marked paid') },
  );
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Record payment">
      <Stack>
        <Text>
          The invoice becomes paid in full ({formatMoney(invoice.total, invoice.currency)}) by a payment made
          outside Arbor.
        </Text>
        <Controller
          control={form.control}
          name="method"
          render={({ field, fieldState }) => (
            <Select
              label="How it was paid"
              size="md"
              data={METHODS}
              allowDeselect={false}
              value={field.value}
              onChange={(value) => field.onChange(value ?? 'check')}
              onBlur={field.onBlur}
              error={fieldState.error?.message}
            />
          )}
        />
        <TextInput
          label="Reference"
          description="Optional: a check number, a receipt number"
          size="md"
          error={form.formState.errors.reference?.message}
          {...form.register('reference')}
        />
        <FormActions
          dialog
          problem={problem}
          submitting={submitting}
          submitLabel="Confirm payment"
          onCancel={onDone}
        />
      </Stack>
    </form>
  );
}
