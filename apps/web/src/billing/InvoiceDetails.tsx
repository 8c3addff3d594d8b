import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { InvoiceDetail, InvoiceView } from '@arbor/contracts';
import { formatInstant } from '../clients/format';
import { InvoiceStatusBadge } from './InvoiceList';
import { formatMoney, STATUS_LABEL } from './money';

function Line({
  label,
  amount,
  currency,
  strong,
}: {
  label: string;
  amount: number;
  currency: string;
  strong?: boolean;
}) {
  return (
    <Group justify="space-between" wrap="nowrap">
      <Text fw={strong ? 700 : undefined}>{label}</Text>
      <Text fw={strong ? 700 : undefined}>{formatMoney(amount, currency)}</Text>
    </Group>
  );
}

/** What an invoice asks for: its number, description and lines (subtotal, tax, total). */
export function InvoiceSummary({ invoice }: { invoice: InvoiceView }) {
  const { currency } = invoice;
  return (
    <Stack gap="sm">
      <Group gap="sm" align="center">
        <Title order={2}>Invoice {invoice.number}</Title>
        <InvoiceStatusBadge status={invoice.status} />
      </Group>
      <Text c="dimmed">Issued {formatInstant(invoice.issuedAt)}</Text>
      <Paper withBorder p="md" radius="md">
        <Stack gap="xs">
          <Text style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>{invoice.description}</Text>
          <Line label="Subtotal" amount={invoice.subtotal} currency={currency} />
          <Line
            label={invoice.taxRule.ratePercent > 0 ? `Tax (${invoice.taxRule.ratePercent}%)` : 'Tax'}
            amount={invoice.tax}
            currency={currency}
          />
          <Line label="Total" amount={invoice.total} currency={currency} strong />
          {invoice.amountPaid > 0 ? (
            <Line label="Paid" amount={invoice.amountPaid} currency={currency} />
          ) : null}
          {invoice.amountRefunded > 0 ? (
            <Line label="Refunded" amount={invoice.amountRefunded} currency={currency} />
          ) : null}
        </Stack>
      </Paper>
    </Stack>
  );
}

/** Everything that happened to the invoice, oldest first: each change of status, who and why. */
export function InvoiceHistory({ invoice }: { invoice: InvoiceDetail }) {
  return (
    <Stack gap="xs" component="section" aria-labelledby="invoice-history-title">
      <Title order={3} size="h4" id="invoice-history-title">
        History
      </Title>
      <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {invoice.history.map((entry, index) => (
          <Paper key={`${entry.at}-${index}`} component="li" withBorder p="sm" radius="md">
            <Text fw={600}>
              {entry.from === null ? 'Sent' : STATUS_LABEL[entry.status]}
              <Text span c="dimmed" fw={400}>
                {' '}
                · {formatInstant(entry.at)}
                {entry.actorId === null && entry.from !== null ? ' · by Arbor' : ''}
              </Text>
            </Text>
            {entry.reason ? (
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {entry.reason}
              </Text>
            ) : null}
          </Paper>
        ))}
        {invoice.payments.map((payment) => (
          <Paper key={payment.id} component="li" withBorder p="sm" radius="md">
            <Text fw={600}>
              Payment of {formatMoney(payment.amount, invoice.currency)} ({payment.method})
              <Text span c="dimmed" fw={400}>
                {' '}
                · {formatInstant(payment.recordedAt)}
              </Text>
            </Text>
            {payment.reference && payment.method !== 'card' ? (
              <Text size="sm">Reference: {payment.reference}</Text>
            ) : null}
          </Paper>
        ))}
        {invoice.refunds.map((refund) => (
          <Paper key={refund.id} component="li" withBorder p="sm" radius="md">
            <Text fw={600}>
              Refund of {formatMoney(refund.amount, invoice.currency)}
              <Text span c="dimmed" fw={400}>
                {' '}
                · {formatInstant(refund.recordedAt)}
              </Text>
            </Text>
            {refund.reason ? (
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {refund.reason}
              </Text>
            ) : null}
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}
