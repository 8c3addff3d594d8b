import { Alert, Badge, Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import {
  DeletePaymentProcessorRoute,
  ListPaymentProcessorsRoute,
  TestPaymentProcessorRoute,
  UpdatePaymentProcessorRoute,
  type ProcessorAccountView,
} from '@arbor/contracts';
import { plainWords } from '../../api/api-problem';
import { useRouteMutation } from '../../api/queries';
import { FormProblem } from '../../forms/FormProblem';
import { EmptyState, Loading, LoadMore, LoadProblem } from '../../layout/page-states';
import { useActor } from '../../session/session-context';
import { useRoutePages } from '../../api/queries';
import { AddProcessor } from './AddProcessor';
import { credentialLabel, PROCESSOR_LABEL } from './processor-form';

/** Billing Setup → Payment Processors: the accounts payments go through, one of them active. */
export function PaymentProcessors() {
  const { pid } = useActor();
  const processors = useRoutePages(ListPaymentProcessorsRoute, { params: { pid } });
  const [adding, setAdding] = useState(false);
  const accounts = processors.items;

  return (
    <Stack component="section" aria-labelledby="payment-processors-title">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={3} id="payment-processors-title">
          Payment Processors
        </Title>
        {!adding ? <Button onClick={() => setAdding(true)}>Add Processor</Button> : null}
      </Group>
      <Text c="dimmed">
        Client payments go through the active processor. Arbor keeps the credentials encrypted and shows only
        their last characters.
      </Text>
      {adding ? (
        <Card withBorder maw={720}>
          <AddProcessor onDone={() => setAdding(false)} />
        </Card>
      ) : null}
      {processors.isPending ? (
        <Loading what="payment processors" />
      ) : processors.isError && accounts.length === 0 ? (
        <LoadProblem error={processors.error} onRetry={() => void processors.refetch()} />
      ) : accounts.length === 0 ? (
        <EmptyState title="No payment processor yet">
          Add the processor your practice takes payments with: Authorize.net, Elavon or Stripe.
        </EmptyState>
      ) : (
        <Stack
          gap="sm"
          component="ul"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label="Payment processors"
        >
          {accounts.map((account) => (
            <ProcessorCard key={account.id} account={account} />
          ))}
        </Stack>
      )}
      {processors.isFetchNextPageError ? <LoadProblem error={processors.error} /> : null}
      <LoadMore pages={processors} />
    </Stack>
  );
}

function ProcessorCard({ account }: { account: ProcessorAccountView }) {
  const { pid } = useActor();
  const params = { pid, id: account.id };
  const test = useRouteMutation(TestPaymentProcessorRoute);
  const activate = useRouteMutation(UpdatePaymentProcessorRoute, {
    invalidates: [ListPaymentProcessorsRoute],
  });
  const remove = useRouteMutation(DeletePaymentProcessorRoute, { invalidates: [ListPaymentProcessorsRoute] });
  const [confirming, setConfirming] = useState(false);
  const problem = [activate.error, remove.error].find(Boolean);

  return (
    <Card withBorder component="li" aria-label={account.description}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Stack gap={0} miw={0}>
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {account.description}
            </Text>
            <Text size="sm" c="dimmed">
              {PROCESSOR_LABEL[account.type]}
            </Text>
          </Stack>
          <Badge color={account.active ? 'green' : 'gray'} variant="light">
            {account.active ? 'Active' : 'Not active'}
          </Badge>
        </Group>
        <Stack gap={2} component="dl" m={0} aria-label="Credentials (masked)">
          {Object.entries(account.credentials).map(([name, masked]) => (
            <Group key={name} gap="xs" wrap="wrap">
              <Text component="dt" size="sm" fw={500}>
                {credentialLabel(account.type, name)}:
              </Text>
              <Text component="dd" size="sm" ff="monospace" m={0} style={{ overflowWrap: 'anywhere' }}>
                {masked}
              </Text>
            </Group>
          ))}
        </Stack>
        {test.data ? (
          <Alert color={test.data.ok ? 'green' : 'red'} variant="light" role="status">
            {test.data.ok
              ? `${PROCESSOR_LABEL[account.type]} accepted these credentials. ${test.data.message}`
              : `${PROCESSOR_LABEL[account.type]} did not accept these credentials: ${test.data.message}`}
          </Alert>
        ) : null}
        <FormProblem message={test.error ? plainWords(test.error) : undefined} />
        <FormProblem message={problem ? plainWords(problem) : undefined} />
        <Group gap="sm">
          <Button variant="light" loading={test.isPending} onClick={() => test.mutate({ params })}>
            Test
          </Button>
          {!account.active ? (
            <Button
              variant="light"
              loading={activate.isPending}
              onClick={() => activate.mutate({ params, body: { active: true } })}
            >
              Make active
            </Button>
          ) : null}
          <Button variant="subtle" color="red" onClick={() => setConfirming(true)}>
            Delete
          </Button>
        </Group>
      </Stack>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={`Delete ${account.description}?`}
      >
        <Stack gap="sm">
          <Text>
            Arbor forgets this account and its credentials.
            {account.active
              ? ' It is the active processor: clients cannot pay until you make another one active.'
              : ''}
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Keep it
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() => remove.mutate({ params }, { onSettled: () => setConfirming(false) })}
            >
              Delete processor
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
