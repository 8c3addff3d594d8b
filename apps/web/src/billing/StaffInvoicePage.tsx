import { Anchor, Stack } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { GetInvoiceRoute } from '@arbor/contracts';
import { useRouteQuery } from '../api/queries';
import { Loading, LoadProblem } from '../layout/page-states';
import { usePageTitle } from '../layout/use-page-title';
import { useActor } from '../session/session-context';
import { InvoiceActions } from './InvoiceActions';
import { InvoiceHistory, InvoiceSummary } from './InvoiceDetails';

/**
 * One invoice as staff see it, with what can be done to it. Reached from the Admin's Billing tab
 * (`/admin/billing/invoices/:iid`) or a client's Billing tab (`/clients/:cid/invoices/:iid`); the
 * way back goes where they came from.
 */
export function StaffInvoicePage() {
  const { iid = '', cid } = useParams();
  const actor = useActor();
  const invoice = useRouteQuery(GetInvoiceRoute, { params: { pid: actor.pid, iid } });
  usePageTitle(invoice.data ? `Invoice ${invoice.data.number}` : undefined);
  const back = cid ? (
    <Anchor component={Link} to={`/clients/${cid}?tab=billing`} w="fit-content">
      ← Back to the client’s billing
    </Anchor>
  ) : (
    <Anchor component={Link} to="/admin/billing/invoices" w="fit-content">
      ← Back to invoices
    </Anchor>
  );

  return (
    <Stack maw={760} gap="lg">
      {back}
      {invoice.isPending ? (
        <Loading what="the invoice" />
      ) : invoice.isError ? (
        <LoadProblem error={invoice.error} onRetry={() => void invoice.refetch()} />
      ) : (
        <>
          <InvoiceSummary invoice={invoice.data} />
          <InvoiceActions invoice={invoice.data} />
          <InvoiceHistory invoice={invoice.data} />
        </>
      )}
    </Stack>
  );
}
