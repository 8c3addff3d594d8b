import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import {
  GetInvoicePaymentConfigRoute,
  GetPortalInvoiceRoute,
  ListPortalInvoicesRoute,
  PayInvoiceRoute,
  type InvoiceView,
  type PayInvoiceReply,
} from '@arbor/contracts';
import { isApiProblem, plainWords, type ApiProblem } from '../../api/api-problem';
import { useRouteMutation, useRouteQuery } from '../../api/queries';
import { FormProblem } from '../../forms/FormProblem';
import { LoadProblem, Loading } from '../../layout/page-states';
import { invoiceProblem } from '../invoice-problems';
import { formatMoney } from '../money';
import { CARD_PAYMENTS_UNAVAILABLE, CardTokenizeError, type CardFieldsHandle } from './card-fields';
import { CardFields } from './CardFields';

/** No answer, or not one about the card: the same attempt (same token, same key) may be sent again. */
function answerUnknown(problem: ApiProblem): boolean {
  return problem.unreachable || problem.code === 'service_unavailable' || problem.status >= 500;
}

function payProblem(error: unknown): string {
  if (error instanceof CardTokenizeError) return error.message;
  if (isApiProblem(error) && error.code === 'payment_declined') {
    return `${plainWords(error)} Nothing was charged; you can try another card.`;
  }
  return invoiceProblem(error, 'paid') ?? plainWords(error);
}

/**
 * Paying an unpaid invoice by card. Each time it opens it asks for the practice's processor
 * settings afresh (a Converge session token serves one try), shows that processor's card fields,
 * and on Pay turns the card into the processor's token and pays with it. One `Idempotency-Key`
 * per attempt: a try whose answer never came is sent again with the same token and key, so it
 * cannot charge twice; a declined or refused card starts a new attempt with a new token.
 */
export function CardPaymentForm({
  invoice,
  onPaid,
  onCancel,
}: {
  invoice: InvoiceView;
  onPaid: (reply: PayInvoiceReply) => void;
  onCancel: () => void;
}) {
  const params = { iid: invoice.id };
  const config = useRouteQuery(
    GetInvoicePaymentConfigRoute,
    { params },
    // Never reused: the answer may hold a one-use session token.
    { gcTime: 0, staleTime: 0, refetchOnWindowFocus: false, refetchOnReconnect: false },
  );
  const pay = useRouteMutation(PayInvoiceRoute, {
    idempotent: true,
    invalidates: [GetPortalInvoiceRoute, ListPortalInvoicesRoute],
  });
  const fields = useRef<CardFieldsHandle>(null);
  /** The token of an attempt whose answer is not known yet, to send again as it was. */
  const unanswered = useRef<string>(undefined);
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const amount = formatMoney(invoice.total - invoice.amountPaid, invoice.currency);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!fields.current) {
      setProblem(CARD_PAYMENTS_UNAVAILABLE);
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      const paymentToken = unanswered.current ?? (await fields.current.tokenize());
      unanswered.current = paymentToken;
      const reply = await pay.mutateAsync({ params, body: { paymentToken } });
      unanswered.current = undefined;
      onPaid(reply);
    } catch (error) {
      if (isApiProblem(error) && answerUnknown(error)) {
        setProblem(`${plainWords(error)} Pressing Pay again will not charge you twice.`);
      } else {
        unanswered.current = undefined;
        setProblem(payProblem(error));
        // A new try needs new processor settings (for Converge, a new session token).
        void config.refetch();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="pay-by-card-title">
      <Stack gap="md">
        <Title order={3} size="h4" id="pay-by-card-title">
          Pay by card
        </Title>
        {config.isPending ? (
          <Loading what="the card form" />
        ) : config.isError ? (
          <LoadProblem error={config.error} onRetry={() => void config.refetch()} />
        ) : (
          <form onSubmit={(event) => void submit(event)} noValidate aria-label="Pay by card">
            <Stack gap="md">
              <Text size="sm" c="dimmed">
                Your card goes straight to the practice’s card processor; Arbor never sees its number.
              </Text>
              <CardFields
                config={config.data}
                ref={fields}
                disabled={busy}
                onEdit={() => {
                  unanswered.current = undefined;
                }}
              />
              <FormProblem message={problem} />
              <Group gap="sm">
                <Button type="submit" size="md" loading={busy} disabled={config.isFetching}>
                  Pay {amount}
                </Button>
                <Button variant="default" size="md" onClick={onCancel} disabled={busy}>
                  Cancel
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
