import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  CreatePaymentProcessorRoute,
  DeletePaymentProcessorRoute,
  ListPaymentProcessorsRoute,
  TestPaymentProcessorRoute,
  UpdatePaymentProcessorRoute,
} from '@arbor/contracts';
import { fakeGateway, problem, PRACTICE_ID } from '../../test/fake-gateway';
import { renderScreen } from '../../test/render';
import { PaymentProcessors } from './PaymentProcessors';

const MAIN = {
  id: '01937a1e-0000-7000-8000-0000000000a1',
  description: 'Main account',
  type: 'stripe',
  active: true,
  credentials: { secretKey: '••••wxyz', publishableKey: '••••abcd' },
  createdAt: '2026-11-01T10:00:00.000Z',
};
const SPARE = {
  id: '01937a1e-0000-7000-8000-0000000000a2',
  description: 'Spare account',
  type: 'elavon',
  active: false,
  credentials: { merchantId: '••••7340', userId: '••••page', pin: '••••F456' },
  createdAt: '2026-11-02T10:00:00.000Z',
};

type Handlers = Parameters<typeof fakeGateway>[0];
function gateway(more: Handlers = [], accounts: unknown[] = [MAIN, SPARE]) {
  return fakeGateway([
    {
      route: ListPaymentProcessorsRoute,
      reply: () => ({ status: 200, body: { items: accounts, nextCursor: null } }),
    },
    ...more,
  ]);
}

const created = (body: unknown) => ({
  status: 201,
  body: {
    id: '01937a1e-0000-7000-8000-0000000000a3',
    description: (body as { description: string }).description,
    type: (body as { type: string }).type,
    active: false,
    credentials: {},
    createdAt: '2026-11-03T10:00:00.000Z',
  },
});

async function openForm() {
  const view = renderScreen(<PaymentProcessors />);
  await screen.findByText('Main account');
  await view.user.click(screen.getByRole('button', { name: 'Add Processor' }));
  const form = screen.getByRole('form', { name: 'Add Processor' });
  const chooseType = async (label: string) => {
    await view.user.click(within(form).getByRole('combobox', { name: /^Processor Type/ }));
    // The test renderer keeps Mantine's dropdown transition, so the list stays display:none in jsdom.
    await view.user.click(await screen.findByRole('option', { name: label, hidden: true }));
  };
  return { ...view, form, chooseType };
}

/** The credential fields shown, by label, in order. */
const fieldLabels = (form: HTMLElement) =>
  Array.from(
    within(form)
      .getByRole('group', { name: /credentials$/ })
      .querySelectorAll('input'),
  ).map((input) => input.labels?.[0]?.firstChild?.textContent?.trim());

describe('PaymentProcessors', () => {
  it('lists each processor with its type, masked credentials and whether it is active', async () => {
    gateway();
    renderScreen(<PaymentProcessors />);
    const main = await screen.findByRole('listitem', { name: 'Main account' });
    expect(within(main).getByText('Stripe')).toBeInTheDocument();
    expect(within(main).getByText('Active')).toBeInTheDocument();
    expect(within(main).getByText('Secret key:')).toBeInTheDocument();
    expect(within(main).getByText('••••wxyz')).toBeInTheDocument();
    expect(within(main).queryByRole('button', { name: 'Make active' })).not.toBeInTheDocument();
    const spare = screen.getByRole('listitem', { name: 'Spare account' });
    expect(within(spare).getByText('Elavon')).toBeInTheDocument();
    expect(within(spare).getByText('Not active')).toBeInTheDocument();
    expect(within(spare).getByText('PIN:')).toBeInTheDocument();
  });

  it('says so when there is no processor yet', async () => {
    gateway([], []);
    renderScreen(<PaymentProcessors />);
    expect(await screen.findByText('No payment processor yet')).toBeInTheDocument();
  });

  it("shows each Processor Type's own credential fields", async () => {
    gateway();
    const { user, form, chooseType } = await openForm();
    expect(fieldLabels(form)).toEqual(['Secret key', 'Publishable key', 'Webhook signing secret']);
    await user.type(within(form).getByLabelText(/^Secret key/), 'sk_test_51Habcdefghij');
    expect(within(form).getByText(/Developers → API keys → Secret key/)).toBeInTheDocument();
    await chooseType('Authorize.net');
    expect(fieldLabels(form)).toEqual([
      'API Login ID',
      'Transaction Key',
      'Public Client Key',
      'Signature Key',
    ]);
    expect(within(form).getAllByText(/Merchant Interface → Account → Settings/)).toHaveLength(4);
    await chooseType('Elavon');
    expect(fieldLabels(form)).toEqual(['Merchant ID', 'User ID', 'PIN']);
    expect(within(form).queryByLabelText(/^Secret key/)).not.toBeInTheDocument();
    // A key typed for one processor is not carried over to another, nor kept for when it comes back.
    await chooseType('Stripe');
    expect(within(form).getByLabelText(/^Secret key/)).toHaveValue('');
  });

  it('refuses an incomplete processor before sending anything', async () => {
    const processors = gateway([{ route: CreatePaymentProcessorRoute, reply: ({ body }) => created(body) }]);
    const { user, form } = await openForm();
    await user.type(within(form).getByLabelText(/^Secret key/), 'sk_nope');
    await user.click(within(form).getByRole('button', { name: 'Add Processor' }));
    expect(await within(form).findByText(/^Enter a description/)).toBeInTheDocument();
    expect(
      within(form).getByText('Must be a Stripe secret key (sk_test_… or sk_live_…)'),
    ).toBeInTheDocument();
    expect(
      within(form).getByText('Must be a Stripe publishable key (pk_test_… or pk_live_…)'),
    ).toBeInTheDocument();
    expect(within(form).getByLabelText(/^Webhook signing secret/)).not.toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(processors.requests.filter((request) => request.method === 'POST')).toHaveLength(0);
  });

  it("puts the gateway's credentials.secretKey error beside that field and keeps what was typed", async () => {
    gateway([
      {
        route: CreatePaymentProcessorRoute,
        reply: () =>
          problem(400, 'validation_failed', 'invalid stripe credentials', {
            errors: [{ path: 'credentials.secretKey', message: 'is a restricted key without charge access' }],
          }),
      },
    ]);
    const { user, form } = await openForm();
    await user.type(within(form).getByLabelText(/^Description/), 'Main account');
    await user.type(within(form).getByLabelText(/^Secret key/), 'rk_live_51Habcdefghij');
    await user.type(within(form).getByLabelText(/^Publishable key/), 'pk_live_51Habcdefghij');
    await user.click(within(form).getByRole('button', { name: 'Add Processor' }));
    expect(await within(form).findByText('Is a restricted key without charge access')).toBeInTheDocument();
    expect(within(form).getByLabelText(/^Secret key/)).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByLabelText(/^Secret key/)).toHaveValue('rk_live_51Habcdefghij');
    expect(within(form).getByLabelText(/^Description/)).toHaveValue('Main account');
    expect(within(form).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('creates an Authorize.net account with exactly its fields, leaving the blank optional one out', async () => {
    const processors = gateway([{ route: CreatePaymentProcessorRoute, reply: ({ body }) => created(body) }]);
    const { user, form, chooseType } = await openForm();
    await user.type(within(form).getByLabelText(/^Description/), 'Card payments');
    await user.type(within(form).getByLabelText(/^Secret key/), 'sk_test_typed_for_stripe');
    await chooseType('Authorize.net');
    await user.type(within(form).getByLabelText(/^API Login ID/), '5KP3u95bQpv');
    await user.type(within(form).getByLabelText(/^Transaction Key/), '346HZ32z3fP4hTG2');
    await user.type(within(form).getByLabelText(/^Public Client Key/), '7pVZn5M2ha5jEhhsb6Cn8Lq92T5vQF');
    await user.click(within(form).getByRole('button', { name: 'Add Processor' }));
    expect(await screen.findByRole('button', { name: 'Add Processor' })).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Add Processor' })).not.toBeInTheDocument();
    expect(processors.requests.filter((request) => request.method === 'POST')).toEqual([
      expect.objectContaining({
        path: `/api/v1/practices/${PRACTICE_ID}/payment-processors`,
        body: {
          description: 'Card payments',
          type: 'authorize_net',
          credentials: {
            apiLoginId: '5KP3u95bQpv',
            transactionKey: '346HZ32z3fP4hTG2',
            publicClientKey: '7pVZn5M2ha5jEhhsb6Cn8Lq92T5vQF',
          },
        },
      }),
    ]);
    expect(
      processors.requests.filter((request) => request.operationId === 'listPaymentProcessors'),
    ).toHaveLength(2);
  });

  it('says a conflict from the gateway above the buttons', async () => {
    gateway([
      {
        route: CreatePaymentProcessorRoute,
        reply: () =>
          problem(
            409,
            'conflict',
            'a practice can have at most 20 processor accounts: delete one it no longer uses first',
          ),
      },
    ]);
    const { user, form, chooseType } = await openForm();
    await user.type(within(form).getByLabelText(/^Description/), 'Converge');
    await chooseType('Elavon');
    await user.type(within(form).getByLabelText(/^Merchant ID/), '0017340');
    await user.type(within(form).getByLabelText(/^User ID/), 'webpage');
    await user.type(within(form).getByLabelText(/^PIN/), 'ABC123DEF456');
    await user.click(within(form).getByRole('button', { name: 'Add Processor' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent(
      'A practice can have at most 20 processor accounts: delete one it no longer uses first',
    );
  });

  it('tests a processor and says the answer in plain words', async () => {
    const processors = gateway([
      {
        route: TestPaymentProcessorRoute,
        reply: () => ({ status: 200, body: { ok: false, message: 'the PIN is wrong' } }),
      },
    ]);
    const { user } = renderScreen(<PaymentProcessors />);
    const spare = await screen.findByRole('listitem', { name: 'Spare account' });
    await user.click(within(spare).getByRole('button', { name: 'Test' }));
    expect(
      await within(spare).findByText('Elavon did not accept these credentials: the PIN is wrong'),
    ).toBeInTheDocument();
    expect(processors.requests.at(-1)).toEqual(
      expect.objectContaining({
        path: `/api/v1/practices/${PRACTICE_ID}/payment-processors/${SPARE.id}/test`,
        method: 'POST',
      }),
    );
  });

  it('makes a processor active with {active: true}', async () => {
    const processors = gateway([
      {
        route: UpdatePaymentProcessorRoute,
        reply: () => ({ status: 200, body: { ...SPARE, active: true } }),
      },
    ]);
    const { user } = renderScreen(<PaymentProcessors />);
    const spare = await screen.findByRole('listitem', { name: 'Spare account' });
    await user.click(within(spare).getByRole('button', { name: 'Make active' }));
    await screen.findByRole('listitem', { name: 'Spare account' });
    expect(processors.requests.filter((request) => request.method === 'PATCH')).toEqual([
      expect.objectContaining({
        path: `/api/v1/practices/${PRACTICE_ID}/payment-processors/${SPARE.id}`,
        body: { active: true },
      }),
    ]);
  });

  it('deletes a processor only once the Admin confirms', async () => {
    const processors = gateway([{ route: DeletePaymentProcessorRoute, reply: () => ({ status: 204 }) }]);
    const { user } = renderScreen(<PaymentProcessors />);
    const main = await screen.findByRole('listitem', { name: 'Main account' });
    await user.click(within(main).getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete Main account?' });
    expect(
      within(dialog).getByText(/clients cannot pay until you make another one active/),
    ).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Keep it' }));
    expect(processors.requests.filter((request) => request.method === 'DELETE')).toHaveLength(0);
    await user.click(within(main).getByRole('button', { name: 'Delete' }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Delete processor' }),
    );
    await screen.findByRole('listitem', { name: 'Main account' });
    expect(processors.requests.filter((request) => request.method === 'DELETE')).toEqual([
      expect.objectContaining({ path: `/api/v1/practices/${PRACTICE_ID}/payment-processors/${MAIN.id}` }),
    ]);
  });
});
