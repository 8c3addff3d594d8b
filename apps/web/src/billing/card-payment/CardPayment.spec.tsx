import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  GetInvoicePaymentConfigRoute,
  GetPortalInvoiceRoute,
  PayInvoiceRoute,
  type PaymentConfig,
} from '@arbor/contracts';
import { fakeGateway, problem } from '../../test/fake-gateway';
import { renderScreen } from '../../test/render';
import { INVOICE_ID, invoiceDetail, invoiceView } from '../fixtures.test-support';
import { PortalInvoicePage } from '../PortalInvoicePage';
import {
  acceptError,
  acceptOk,
  finishScript,
  installAccept,
  installConverge,
  installStripe,
  paymentConfig,
} from './fake-processors.test-support';

const CLIENT = { role: 'client' as const, roles: ['client' as const] };
const ATTEMPT_ID = '01937a1e-0000-7000-8000-0000000000a1';
const CARD = '4242 4242 4242 4242';
const CARD_DIGITS = CARD.replace(/ /g, '');

const paidReply = () => ({
  status: 200,
  body: {
    status: 'paid',
    invoice: invoiceView({ status: 'paid', amountPaid: 13609 }),
    receipt: {
      invoiceId: INVOICE_ID,
      number: 'INV-000042',
      amount: 13609,
      currency: 'USD',
      paidAt: '2026-12-01T10:00:00.000Z',
      attemptId: ATTEMPT_ID,
    },
  },
});
const declined = () => problem(402, 'payment_declined', 'your card was declined (insufficient funds)');

/**
 * The portal invoice page against a fake gateway: the invoice turns paid once a pay request
 * succeeds; each payment-config request answers the next config; each pay the next reply.
 */
function payingScreen(
  configs: PaymentConfig[],
  payReplies: Array<() => { status: number; body?: unknown }>,
  /** Paid by other means than a `paid` answer (a pending payment settled meanwhile). */
  paidMeanwhile: () => boolean = () => false,
) {
  let paid = false;
  const gateway = fakeGateway([
    {
      route: GetPortalInvoiceRoute,
      reply: () => ({
        status: 200,
        body:
          paid || paidMeanwhile() ? invoiceDetail({ status: 'paid', amountPaid: 13609 }) : invoiceDetail(),
      }),
    },
    {
      route: GetInvoicePaymentConfigRoute,
      reply: () => ({ status: 200, body: configs.length > 1 ? configs.shift() : configs[0] }),
    },
    {
      route: PayInvoiceRoute,
      reply: () => {
        const reply: { status: number; body?: unknown } = (payReplies.shift() ?? (() => ({ status: 500 })))();
        if ((reply.body as { status?: string } | undefined)?.status === 'paid') paid = true;
        return reply;
      },
    },
  ]);
  const view = renderScreen(<PortalInvoicePage />, {
    path: `/portal/invoices/${INVOICE_ID}`,
    pattern: '/portal/invoices/:iid',
    claims: CLIENT,
  });
  const of = (operationId: string) =>
    gateway.requests.filter((request) => request.operationId === operationId);
  return { ...view, gateway, of };
}

async function openCardForm(user: ReturnType<typeof payingScreen>['user'], config: PaymentConfig) {
  await user.click(await screen.findByRole('button', { name: 'Pay $136.09' }));
  await finishScript(config.scriptUrl);
  return screen.findByRole('form', { name: 'Pay by card' });
}

async function typeCard(
  user: ReturnType<typeof payingScreen>['user'],
  form: HTMLElement,
  { number = CARD, zip }: { number?: string; zip?: string } = {},
) {
  const numberInput = within(form).getByLabelText('Card number');
  await user.clear(numberInput);
  await user.type(numberInput, number);
  await user.clear(within(form).getByLabelText('Expiry (MM/YY)'));
  await user.type(within(form).getByLabelText('Expiry (MM/YY)'), '12/30');
  await user.clear(within(form).getByLabelText('Security code (CVC)'));
  await user.type(within(form).getByLabelText('Security code (CVC)'), '123');
  if (zip !== undefined) {
    await user.clear(within(form).getByLabelText('Billing ZIP code'));
    await user.type(within(form).getByLabelText('Billing ZIP code'), zip);
  }
}

/** Everything the app sent to the gateway and everything it cached, as one string. */
function everythingSent(screenView: ReturnType<typeof payingScreen>): string {
  return JSON.stringify([
    screenView.gateway.requests,
    screenView.queryClient
      .getQueryCache()
      .getAll()
      .map((query) => [query.queryKey, query.state]),
    screenView.queryClient
      .getMutationCache()
      .getAll()
      .map((mutation) => mutation.state),
  ]);
}

describe('Paying an invoice by card in the portal', () => {
  it('Stripe: mounts the card Element, pays with the pm_ id under an Idempotency-Key, and shows the receipt and the invoice paid', async () => {
    const config = paymentConfig('stripe');
    const stripe = installStripe([{ paymentMethod: { id: 'pm_card_visa' } }]);
    const view = payingScreen([config], [paidReply]);
    const form = await openCardForm(view.user, config);
    expect(stripe.factory).toHaveBeenCalledWith('pk_test_publishable');
    expect(stripe.mounted).toEqual([screen.getByTestId('stripe-card-element')]);
    expect(within(form).getByRole('group', { name: 'Card' })).toBeInTheDocument();

    await view.user.click(within(form).getByRole('button', { name: 'Pay $136.09' }));

    expect(await screen.findByText('Payment received')).toBeInTheDocument();
    expect(screen.getByText(/Receipt reference: 01937a1e-0000-7000-8000-0000000000a1/)).toBeInTheDocument();
    const [pay] = view.of('payInvoice');
    expect(pay?.body).toEqual({ paymentToken: 'pm_card_visa' });
    expect(pay?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    // The invoice itself was asked for again, and says paid.
    await waitFor(() => expect(view.of('getPortalInvoice')).toHaveLength(2));
    expect(await screen.findByText('Paid', { selector: 'span' })).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Pay by card' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Pay / })).not.toBeInTheDocument();
  });

  it('Authorize.net: the typed card goes to Accept.js with the public keys, the nonce is paid with, and the card number never reaches Arbor', async () => {
    const config = paymentConfig('authorize_net');
    const accept = installAccept([acceptOk('eyJub25jZSI6Im9wYXF1ZSJ9')]);
    const view = payingScreen([config], [paidReply]);
    const form = await openCardForm(view.user, config);
    expect(within(form).getByLabelText('Card number')).toHaveAttribute('inputmode', 'numeric');
    expect(within(form).getByLabelText('Card number')).toHaveAttribute('autocomplete', 'cc-number');
    await typeCard(view.user, form, { zip: '46201' });

    await view.user.click(within(form).getByRole('button', { name: 'Pay $136.09' }));

    expect(await screen.findByText('Payment received')).toBeInTheDocument();
    expect(accept.received).toEqual([
      {
        authData: { clientKey: 'public-client-key', apiLoginID: 'login-id' },
        cardData: { cardNumber: CARD_DIGITS, month: '12', year: '30', cardCode: '123', zip: '46201' },
      },
    ]);
    expect(view.of('payInvoice').map((request) => request.body)).toEqual([
      { paymentToken: 'eyJub25jZSI6Im9wYXF1ZSJ9' },
    ]);
    const sent = everythingSent(view);
    expect(sent).not.toContain(CARD_DIGITS);
    expect(sent).not.toContain('4242 4242');
  });

  it('Converge: a declined payment is said in plain words, the form stays with the invoice unpaid, and another card pays with a new session token and a new key', async () => {
    const first = paymentConfig('elavon', { transactionToken: 'session-token-1' });
    const second = { ...first, transactionToken: 'session-token-2' };
    const converge = installConverge([
      ['onApproval', { ssl_result: '0', ssl_token: '4421912014039990' }],
      ['onApproval', { ssl_result: '0', ssl_token: '5421912014031111' }],
    ]);
    const view = payingScreen([first, second], [declined, paidReply]);
    const form = await openCardForm(view.user, first);
    await typeCard(view.user, form, { number: '4000 0000 0000 0002' });
    await view.user.click(within(form).getByRole('button', { name: 'Pay $136.09' }));

    expect(await within(form).findByRole('alert')).toHaveTextContent(
      'Your card was declined (insufficient funds) Nothing was charged; you can try another card.',
    );
    expect(screen.getByText('Unpaid', { selector: 'span' })).toBeInTheDocument();
    await waitFor(() => expect(view.of('getInvoicePaymentConfig')).toHaveLength(2));
    await waitFor(() => expect(within(form).getByRole('button', { name: 'Pay $136.09' })).toBeEnabled());

    await typeCard(view.user, form);
    await view.user.click(within(form).getByRole('button', { name: 'Pay $136.09' }));

    expect(await screen.findByText('Payment received')).toBeInTheDocument();
    expect(converge.received.map((sent) => [sent.ssl_txn_auth_token, sent.ssl_exp_date])).toEqual([
      ['session-token-1', '1230'],
      ['session-token-2', '1230'],
    ]);
    const pays = view.of('payInvoice');
    expect(pays.map((request) => request.body)).toEqual([
      { paymentToken: '4421912014039990' },
      { paymentToken: '5421912014031111' },
    ]);
    expect(pays[0]?.headers['idempotency-key']).not.toBe(pays[1]?.headers['idempotency-key']);
    const sent = everythingSent(view);
    expect(sent).not.toContain('4000000000000002');
    expect(sent).not.toContain(CARD_DIGITS);
  });

  it('Converge: a card Checkout.js declines is said beside the form and nothing is sent to pay', async () => {
    const config = paymentConfig('elavon');
    installConverge([['onDeclined', { ssl_result: '1', ssl_result_message: 'DECLINED' }]]);
    const view = payingScreen([config], []);
    const form = await openCardForm(view.user, config);
    await typeCard(view.user, form);
    await view.user.click(within(form).getByRole('button', { name: 'Pay $136.09' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent(
      'The card was declined. Try another card. (DECLINED)',
    );
    expect(view.of('payInvoice')).toEqual([]);
  });

  it('Authorize.net: a card Accept.js refuses is said in its words, and nothing is sent to pay', async () => {
    const config = paymentConfig('authorize_net');
    installAccept([acceptError('Please provide valid credit card number.')]);
    const view = payingScreen([config], []);
    const form = await openCardForm(view.user, config);
    await typeCard(view.user, form, { number: '4242 4242 4242 4241', zip: '46201' });
    await view.user.click(within(form).getByRole('button', { name: 'Pay $136.09' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent(
      'Please provide valid credit card number.',
    );
    expect(view.of('payInvoice')).toEqual([]);
  });

  it('says which card details are missing before anything goes to the processor', async () => {
    const config = paymentConfig('authorize_net');
    const accept = installAccept([]);
    const view = payingScreen([config], []);
    const form = await openCardForm(view.user, config);
    await view.user.click(within(form).getByRole('button', { name: 'Pay $136.09' }));
    expect(await within(form).findByText('Enter the card number.')).toBeInTheDocument();
    expect(within(form).getByText('Enter the expiry date as MM/YY.')).toBeInTheDocument();
    expect(within(form).getByText('Enter the billing ZIP code.')).toBeInTheDocument();
    expect(accept.received).toEqual([]);
  });

  it('Stripe: a card Stripe refuses is said in Stripe’s words, beside the form', async () => {
    const config = paymentConfig('stripe');
    installStripe([{ error: { type: 'card_error', message: 'Your card number is incomplete.' } }]);
    const view = payingScreen([config], []);
    const form = await openCardForm(view.user, config);
    await view.user.click(within(form).getByRole('button', { name: 'Pay $136.09' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Your card number is incomplete.');
    expect(view.of('payInvoice')).toEqual([]);
  });

  it('a processor script that does not load says card payments are not available right now, and Try again loads it', async () => {
    const config = paymentConfig('stripe');
    installStripe([]);
    const view = payingScreen([config], []);
    await view.user.click(await screen.findByRole('button', { name: 'Pay $136.09' }));
    await finishScript(config.scriptUrl, 'error');
    expect(await screen.findByRole('alert')).toHaveTextContent('Card payments are not available right now.');
    expect(document.head.querySelector(`script[src="${config.scriptUrl}"]`)).toBeNull();

    await view.user.click(screen.getByRole('button', { name: 'Try again' }));
    await finishScript(config.scriptUrl);
    expect(await screen.findByTestId('stripe-card-element')).toBeInTheDocument();
    expect(screen.queryByText('Card payments are not available right now.')).not.toBeInTheDocument();
  });

  it('a payment whose answer never came is sent again with the same token and the same key', async () => {
    const config = paymentConfig('stripe');
    const stripe = installStripe([{ paymentMethod: { id: 'pm_card_visa' } }]);
    const view = payingScreen(
      [config],
      [() => problem(503, 'service_unavailable', 'payments did not answer'), paidReply],
    );
    const form = await openCardForm(view.user, config);
    await view.user.click(within(form).getByRole('button', { name: 'Pay $136.09' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent(
      'Part of Arbor is not answering right now. Nothing was changed; try again in a moment. Pressing Pay again will not charge you twice.',
    );
    await view.user.click(within(form).getByRole('button', { name: 'Pay $136.09' }));
    expect(await screen.findByText('Payment received')).toBeInTheDocument();
    const pays = view.of('payInvoice');
    expect(pays.map((request) => request.body)).toEqual([
      { paymentToken: 'pm_card_visa' },
      { paymentToken: 'pm_card_visa' },
    ]);
    expect(pays[1]?.headers['idempotency-key']).toBe(pays[0]?.headers['idempotency-key']);
    expect(stripe.createPaymentMethod).toHaveBeenCalledTimes(1);
  });

  it('a pending answer says the payment is being confirmed, offers no second payment, and shows it paid once it is', async () => {
    const config = paymentConfig('stripe');
    installStripe([{ paymentMethod: { id: 'pm_card_visa' } }]);
    let settled = false;
    const view = payingScreen(
      [config],
      [() => ({ status: 200, body: { status: 'pending', invoice: invoiceView() } })],
      () => settled,
    );
    const form = await openCardForm(view.user, config);
    await view.user.click(within(form).getByRole('button', { name: 'Pay $136.09' }));
    expect(await screen.findByText('Your payment is being confirmed')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Pay / })).not.toBeInTheDocument();
    expect(screen.getByText('Unpaid', { selector: 'span' })).toBeInTheDocument();

    // payments learns the processor's answer; the page, asking again by itself, shows it.
    settled = true;
    expect(await screen.findByText('Paid', { selector: 'span' }, { timeout: 8000 })).toBeInTheDocument();
    expect(screen.queryByText('Your payment is being confirmed')).not.toBeInTheDocument();
  });

  it('asks for the processor settings afresh each time the card form opens, and loads the script once', async () => {
    const config = paymentConfig('elavon');
    installConverge([]);
    const view = payingScreen([config], []);
    await openCardForm(view.user, config);
    await view.user.click(screen.getByRole('button', { name: 'Cancel' }));
    await view.user.click(await screen.findByRole('button', { name: 'Pay $136.09' }));
    await screen.findByRole('form', { name: 'Pay by card' });
    expect(view.of('getInvoicePaymentConfig')).toHaveLength(2);
    expect(document.head.querySelectorAll(`script[src="${config.scriptUrl}"]`)).toHaveLength(1);
  });
});
