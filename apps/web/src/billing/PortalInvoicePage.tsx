import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { GetPortalInvoiceRoute, type InvoiceDetail, type PayInvoiceReply } from '@arbor/contracts';
import { formatInstant } from '../clients/format';
import { useRouteQuery } from '../api/queries';
import { Loading, LoadProblem } from '../layout/page-states';
import { usePageTitle } from '../layout/use-page-title';
import { CardPaymentForm } from './card-payment/CardPaymentForm';
import { InvoiceHistory, InvoiceSummary } from './InvoiceDetails';
import { formatMoney } from './money';

/** How often the invoice is asked for again while a payment's answer is not known. */
const PENDING_REFRESH_MS = 5000;

/**
 * One of the client's invoices; an unpaid one can be paid by card here. After a payment whose
 * processor answer is not known yet (`pending`), the page asks again by itself until it is.
 */
export function PortalInvoicePage() {
  const { iid = '' } = useParams();
  const [paying, setPaying] = useState(false);
  const [outcome, setOutcome] = useState<PayInvoiceReply>();
  const invoice = useRouteQuery(
    GetPortalInvoiceRoute,
    { params: { iid } },
    {
      refetchInterval: (query) =>
        outcome?.status === 'pending' && query.state.data?.status === 'unpaid' ? PENDING_REFRESH_MS : false,
    },
  );
  usePageTitle(invoice.data ? `Invoice ${invoice.data.number}` : undefined);
  const paid = (reply: PayInvoiceReply) => {
    setOutcome(reply);
    setPaying(false);
  };
  return (
    <Stack maw={760} gap="lg">
      <Anchor component={Link} to="/portal/invoices" w="fit-content">
        ← Back to my invoices
      </Anchor>
      {invoice.isPending ? (
        <Loading what="the invoice" />
      ) : invoice.isError ? (
        <LoadProblem error={invoice.error} onRetry={() => void invoice.refetch()} />
      ) : (
        <>
          <InvoiceSummary invoice={invoice.data} />
          <PaymentOutcome outcome={outcome} invoice={invoice.data} />
          {invoice.data.status === 'unpaid' && outcome?.status !== 'pending' ? (
            paying ? (
              <CardPaymentForm invoice={invoice.data} onPaid={paid} onCancel={() => setPaying(false)} />
            ) : (
              <Button size="md" w="fit-content" onClick={() => setPaying(true)}>
                Pay {formatMoney(invoice.data.total - invoice.data.amountPaid, invoice.data.currency)}
              </Button>
            )
          ) : null}
          <InvoiceHistory invoice={invoice.data} />
        </>
      )}
    </Stack>
  );
}

/** The receipt of the payment just made, or word that its answer is still awaited. */
function PaymentOutcome({
  outcome,
  invoice,
}: {
  outcome: PayInvoiceReply | undefined;
  invoice: InvoiceDetail;
}) {
  if (!outcome) return null;
  if (outcome.status === 'pending' && invoice.status === 'unpaid') {
    return (
      <Alert color="blue" variant="light" role="status" title="Your payment is being confirmed">
        The card processor has not answered yet. This page checks again by itself, and you will not be charged
        twice.
      </Alert>
    );
  }
  // Confirmed since: the invoice itself now says it is paid.
  if (outcome.status === 'pending') return null;
  const { receipt } = outcome;
  return (
    <Alert color="green" variant="light" role="status" title="Payment received">
      <Text>
        Thank you: {formatMoney(receipt.amount, receipt.currency)} paid for invoice {receipt.number} on{' '}
        {formatInstant(receipt.paidAt)}.
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        Receipt reference: {receipt.attemptId}
      </Text>
    </Alert>
  );
}
