import { Stack, Title } from '@mantine/core';
import { ListPortalInvoicesRoute } from '@arbor/contracts';
import { useRoutePages } from '../api/queries';
import { EmptyState, Loading, LoadMore, LoadProblem } from '../layout/page-states';
import { usePageTitle } from '../layout/use-page-title';
import { InvoiceList } from './InvoiceList';

/** The client portal's My invoices: what their practice sent them, newest first. */
export function PortalInvoicesPage() {
  usePageTitle('My invoices');
  const invoices = useRoutePages(ListPortalInvoicesRoute, {});
  return (
    <Stack maw={760}>
      <Title order={2}>My invoices</Title>
      {invoices.isPending ? (
        <Loading what="your invoices" />
      ) : invoices.items.length === 0 && invoices.isError ? (
        <LoadProblem error={invoices.error} onRetry={() => void invoices.refetch()} />
      ) : invoices.items.length === 0 ? (
        <EmptyState title="No invoices">
          When your practice sends you an invoice, you will find it here.
        </EmptyState>
      ) : (
        <InvoiceList
          label="My invoices"
          invoices={invoices.items}
          linkOf={(invoice) => `/portal/invoices/${invoice.id}`}
        />
      )}
      <LoadMore pages={invoices} />
      {invoices.isFetchNextPageError ? <LoadProblem error={invoices.error} /> : null}
    </Stack>
  );
}
