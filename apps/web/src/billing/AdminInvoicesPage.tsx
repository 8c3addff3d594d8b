import { Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import {
  InvoiceStatus,
  ListClientsRoute,
  ListInvoicesRoute,
  type InvoiceStatus as Status,
} from '@arbor/contracts';
import { useRouteQuery, useRoutePages } from '../api/queries';
import { EmptyState, Loading, LoadMore, LoadProblem } from '../layout/page-states';
import { usePageTitle } from '../layout/use-page-title';
import { useActor } from '../session/session-context';
import { issuedBetween } from './date-range';
import { InvoiceList } from './InvoiceList';
import { STATUS_LABEL } from './money';

const STATUS_CHOICES = InvoiceStatus.options.map((status) => ({
  value: status,
  label: STATUS_LABEL[status],
}));

/** Admin → Billing → Invoices: every invoice of the practice, newest first, with filters. */
export function AdminInvoicesPage() {
  usePageTitle('Invoices');
  const actor = useActor();
  const [status, setStatus] = useState<Status | null>(null);
  const [client, setClient] = useState<{ value: string; label: string } | null>(null);
  const [clientSearch, setClientSearch] = useState('');
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  const rangeBackwards = fromDay !== '' && toDay !== '' && fromDay > toDay;
  const invoices = useRoutePages(
    ListInvoicesRoute,
    {
      params: { pid: actor.pid },
      query: {
        ...(status ? { status } : {}),
        ...(client ? { clientId: client.value } : {}),
        ...(rangeBackwards ? {} : issuedBetween(fromDay, toDay)),
      },
    },
    { keepPrevious: true },
  );

  return (
    <Stack maw={900}>
      <Title order={2}>Invoices</Title>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
        <Select
          label="Status"
          placeholder="Any status"
          size="md"
          clearable
          data={STATUS_CHOICES}
          value={status}
          onChange={(value) => setStatus(InvoiceStatus.safeParse(value).data ?? null)}
        />
        <ClientFilter
          value={client}
          onChange={setClient}
          search={clientSearch}
          onSearchChange={setClientSearch}
        />
        <TextInput
          label="Issued from"
          type="date"
          size="md"
          value={fromDay}
          onChange={(event) => setFromDay(event.currentTarget.value)}
        />
        <TextInput
          label="Issued to"
          type="date"
          size="md"
          value={toDay}
          onChange={(event) => setToDay(event.currentTarget.value)}
          error={rangeBackwards ? 'Must be on or after the first day' : undefined}
        />
      </SimpleGrid>
      {invoices.isPending ? (
        <Loading what="invoices" />
      ) : invoices.items.length === 0 && invoices.isError ? (
        <LoadProblem error={invoices.error} onRetry={() => void invoices.refetch()} />
      ) : invoices.items.length === 0 ? (
        <EmptyState title={status || client || fromDay || toDay ? 'No invoices match' : 'No invoices yet'}>
          {status || client || fromDay || toDay
            ? 'Try other filters.'
            : 'Invoices appear here once providers send them from a client’s Billing tab.'}
        </EmptyState>
      ) : (
        <InvoiceList
          label="Invoices"
          invoices={invoices.items}
          linkOf={(invoice) => `/admin/billing/invoices/${invoice.id}`}
        />
      )}
      <LoadMore pages={invoices} />
      {invoices.isFetchNextPageError ? <LoadProblem error={invoices.error} /> : null}
    </Stack>
  );
}

/** A client chosen by typing their name: the gateway searches from 2 letters on. */
function ClientFilter({
  value,
  onChange,
  search,
  onSearchChange,
}: {
  value: { value: string; label: string } | null;
  onChange: (client: { value: string; label: string } | null) => void;
  search: string;
  onSearchChange: (text: string) => void;
}) {
  const actor = useActor();
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const searching = /[\p{L}\p{N}]{2}/u.test(debounced) && debounced !== value?.label;
  const clients = useRouteQuery(
    ListClientsRoute,
    { params: { pid: actor.pid }, query: { q: debounced, limit: 10 } },
    { enabled: searching },
  );
  const found = (clients.data?.items ?? []).map((item) => ({
    value: item.id,
    label: `${item.firstName} ${item.lastName}`,
  }));
  const data = value && !found.some((item) => item.value === value.value) ? [value, ...found] : found;
  return (
    <Select
      label="Client"
      placeholder="Any client"
      size="md"
      searchable
      clearable
      filter={({ options }) => options}
      data={data}
      value={value?.value ?? null}
      searchValue={search}
      onSearchChange={onSearchChange}
      onChange={(id) => onChange(data.find((item) => item.value === id) ?? null)}
      nothingFoundMessage={
        searching && clients.isSuccess ? 'No client by that name' : 'Type 2 letters of a name'
      }
    />
  );
}
