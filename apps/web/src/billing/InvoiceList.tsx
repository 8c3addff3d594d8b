import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { InvoiceStatus, InvoiceView } from '@arbor/contracts';
import { formatInstant } from '../clients/format';
import { formatMoney, STATUS_COLOUR, STATUS_LABEL } from './money';

export function InvoiceStatusBadge({ status }: { status: InvoiceStatus }) {
  return (
    <Badge color={STATUS_COLOUR[status]} variant="light" size="lg">
      {STATUS_LABEL[status]}
    </Badge>
  );
}

/**
 * Invoices as cards (date, amount, status), one under another, so a phone never scrolls sideways.
 * The amount is the link to the invoice, as the product puts it.
 */
export function InvoiceList({
  invoices,
  linkOf,
  label,
}: {
  invoices: readonly InvoiceView[];
  linkOf: (invoice: InvoiceView) => string;
  label: string;
}) {
  return (
    <Stack gap="xs" component="ul" aria-label={label} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {invoices.map((invoice) => (
        <Paper key={invoice.id} component="li" withBorder p="sm" radius="md">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Anchor
                component={Link}
                to={linkOf(invoice)}
                fw={700}
                size="lg"
                aria-label={`${formatMoney(invoice.total, invoice.currency)}, invoice ${invoice.number}`}
              >
                {formatMoney(invoice.total, invoice.currency)}
              </Anchor>
              <Text size="sm" c="dimmed">
                {formatInstant(invoice.issuedAt)} · {invoice.number}
              </Text>
              <Text size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                {invoice.description}
              </Text>
            </Stack>
            <InvoiceStatusBadge status={invoice.status} />
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
