import { Alert, Anchor, Stack } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { GetPortalInvoiceRoute } from '@arbor/contracts';
import { useRouteQuery } from '../api/queries';
import { Loading, LoadProblem } from '../layout/page-states';
import { usePageTitle } from '../layout/use-page-title';
import { InvoiceHistory, InvoiceSummary } from './InvoiceDetails';

/**
 * One of the client's invoices. Paying by card needs the processor's own card fields, whose
 * settings the gateway does not serve yet: until it does, the invoice says so instead of offering
 * a card form that could not work.
 */
export function PortalInvoicePage() {
  const { iid = '' } = useParams();
  const invoice = useRouteQuery(GetPortalInvoiceRoute, { params: { iid } });
  usePageTitle(invoice.data ? `Invoice ${invoice.data.number}` : undefined);
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
          {invoice.data.status === 'unpaid' ? (
            <Alert color="blue" variant="light" title="Paying online arrives soon">
              You cannot pay this invoice by card in Arbor yet. Until you can, contact your practice to pay it
              another way; they will mark it paid here.
            </Alert>
          ) : null}
          <InvoiceHistory invoice={invoice.data} />
        </>
      )}
    </Stack>
  );
}
