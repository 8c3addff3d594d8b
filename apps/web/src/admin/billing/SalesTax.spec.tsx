import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { GetSalesTaxRoute, ListPaymentProcessorsRoute, UpdateSalesTaxRoute } from '@arbor/contracts';
import { fakeGateway, problem, PRACTICE_ID } from '../../test/fake-gateway';
import { renderScreen } from '../../test/render';
import { BillingSetupPage } from './BillingSetupPage';
import { SalesTax } from './SalesTax';

const NEVER_SET = { mode: 'none', pricesIncludeTax: false, statewideBaseRates: { NY: 4, CA: 7.25 } };

type Handlers = Parameters<typeof fakeGateway>[0];
function gateway(saved: object = NEVER_SET, more: Handlers = []) {
  return fakeGateway([{ route: GetSalesTaxRoute, reply: () => ({ status: 200, body: saved }) }, ...more]);
}
const saves = (requests: ReturnType<typeof fakeGateway>['requests']) =>
  requests.filter((request) => request.operationId === 'updateSalesTax');

async function open(saved?: object, more: Handlers = []) {
  const tax = gateway(saved, more);
  const view = renderScreen(<SalesTax />);
  const form = await screen.findByRole('form', { name: 'Sales Tax' });
  return { ...view, tax, form };
}

describe('SalesTax', () => {
  it('is one section of Billing Setup, beside Payment Processors', async () => {
    gateway(NEVER_SET, [
      {
        route: ListPaymentProcessorsRoute,
        reply: () => ({ status: 200, body: { items: [], nextCursor: null } }),
      },
    ]);
    renderScreen(<BillingSetupPage />);
    expect(screen.getByRole('heading', { level: 2, name: 'Billing Setup' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Payment Processors' })).toBeInTheDocument();
    expect(await screen.findByRole('form', { name: 'Sales Tax' })).toBeInTheDocument();
  });

  it('shows the saved settings: a flat rate and whether prices include tax', async () => {
    const { form } = await open({ ...NEVER_SET, mode: 'flat', ratePercent: 8.875, pricesIncludeTax: true });
    expect(within(form).getByLabelText('One rate for every client')).toBeChecked();
    expect(within(form).getByLabelText('Tax rate (%)')).toHaveValue('8.875');
    expect(within(form).getByLabelText('Prices already include tax')).toBeChecked();
  });

  it('refuses a rate the contract refuses before sending anything', async () => {
    const { user, form, tax } = await open(NEVER_SET, [
      { route: UpdateSalesTaxRoute, reply: ({ body }) => ({ status: 200, body }) },
    ]);
    await user.click(within(form).getByLabelText('One rate for every client'));
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('Is required when mode is flat')).toBeInTheDocument();
    await user.type(within(form).getByLabelText('Tax rate (%)'), '101');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('Must be at most 100')).toBeInTheDocument();
    expect(saves(tax.requests)).toHaveLength(0);
  });

  it("puts the gateway's stateRates.NY error beside New York and keeps the rates typed", async () => {
    const { user, form } = await open(NEVER_SET, [
      {
        route: UpdateSalesTaxRoute,
        reply: () =>
          problem(400, 'validation_failed', 'invalid request', {
            errors: [{ path: 'stateRates.NY', message: 'is not a rate New York allows' }],
          }),
      },
    ]);
    await user.click(within(form).getByLabelText("A rate per state, by the client's address"));
    await user.type(within(form).getByLabelText('NY (%)'), '8.875');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('Is not a rate New York allows')).toBeInTheDocument();
    expect(within(form).getByLabelText('NY (%)')).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByLabelText('NY (%)')).toHaveValue('8.875');
  });

  it('saves a rate per state: the statewide base rates filled in, one changed, blank states left out', async () => {
    const { user, form, tax } = await open(NEVER_SET, [
      { route: UpdateSalesTaxRoute, reply: ({ body }) => ({ status: 200, body }) },
    ]);
    await user.click(within(form).getByLabelText("A rate per state, by the client's address"));
    await user.click(within(form).getByRole('button', { name: 'Fill in statewide base rates' }));
    expect(within(form).getByLabelText('CA (%)')).toHaveValue('7.25');
    await user.clear(within(form).getByLabelText('NY (%)'));
    await user.type(within(form).getByLabelText('NY (%)'), '8.875');
    await user.click(within(form).getByLabelText('Prices already include tax'));
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('Sales tax settings saved.')).toBeInTheDocument();
    expect(saves(tax.requests)).toEqual([
      expect.objectContaining({
        path: `/api/v1/practices/${PRACTICE_ID}/sales-tax`,
        method: 'PUT',
        body: { mode: 'by_state', stateRates: { CA: 7.25, NY: 8.875 }, pricesIncludeTax: true },
      }),
    ]);
    await user.type(within(form).getByLabelText('TX (%)'), '6');
    expect(within(form).queryByText('Sales tax settings saved.')).not.toBeInTheDocument();
  });

  it('saves "no sales tax" as just that, whatever rates the form still holds', async () => {
    const { user, form, tax } = await open(
      { ...NEVER_SET, mode: 'flat', ratePercent: 6, pricesIncludeTax: false },
      [{ route: UpdateSalesTaxRoute, reply: ({ body }) => ({ status: 200, body }) }],
    );
    await user.click(within(form).getByLabelText('No sales tax'));
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await within(form).findByText('Sales tax settings saved.');
    expect(saves(tax.requests).map((request) => request.body)).toEqual([
      { mode: 'none', pricesIncludeTax: false },
    ]);
  });
});
