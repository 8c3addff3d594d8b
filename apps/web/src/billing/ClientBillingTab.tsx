import { Stack, Title } from '@mantine/core';
import { ListClientInvoicesRoute, type ClientView } from '@arbor/contracts';
import { useRoutePages } from '../api/queries';
import { EmptyState, Loading, LoadMore, LoadProblem } from '../layout/page-states';
import { useActor } from '../session/session-context';
import { CreateInvoice } from './CreateInvoice';
import { InvoiceList } from './InvoiceList';

/**
 * A client's Billing tab: providers create and send invoices here (the gateway lets only
 * providers create one), and staff see the client's invoices, newest first.
 */
export function ClientBillingTab({ client }: { client: ClientView }) {
  const actor = useActor();
  const invoices = useRoutePages(ListClientInvoicesRoute, { params: { pid: actor.pid, cid: client.id } });
  return (
    <Stack gap="lg">
      {actor.role === 'provider' && client.status !== 'archived' ? <CreateInvoice client={client} /> : null}
      <Stack gap="sm" component="section" aria-labelledby="client-invoices-title">
        <Title order={3} size="h4" id="client-invoices-title">
          Invoices
        </Title>
        {invoices.isPending ? (
          <Loading what="invoices" />
        ) : invoices.items.length === 0 && invoices.isError ? (
          <LoadProblem error={invoices.error} onRetry={() => void invoices.refetch()} />
        ) : invoices.items.length === 0 ? (
          <EmptyState title="No invoices yet">Invoices sent to this client will be listed here.</EmptyState>
        ) : (
          <InvoiceList
            label="Invoices"
            invoices={invoices.items}
            linkOf={(invoice) => `/clients/${client.id}/invoices/${invoice.id}`}
          />
        )}
        <LoadMore pages={invoices} />
        {invoices.isFetchNextPageError ? <LoadProblem error={invoices.error} /> : null}
      </Stack>
    </Stack>
  );
}
