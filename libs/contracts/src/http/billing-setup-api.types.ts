import { z } from 'zod';
import { Id } from '../common';
import { CreateProcessorAccountBody } from '../payments/create-processor-account.command';
import { GetSalesTax } from '../payments/get-sales-tax.query';
import { ListProcessorAccountsQuery, ProcessorAccountPage } from '../payments/list-processor-accounts.query';
import { ProcessorAccountView } from '../payments/processor-account.types';
import { SalesTaxSettings, SalesTaxSettingsFields } from '../payments/sales-tax.types';
import { TestProcessorAccount } from '../payments/test-processor-account.command';
import { UpdateProcessorAccountBody } from '../payments/update-processor-account.command';
import { route } from './route.types';

const PracticeParams = z.object({ pid: Id });
const AccountParams = PracticeParams.extend({ id: Id });

/** The settings, and the statewide base rates a by-state table can start from. */
export const SalesTaxView = SalesTaxSettingsFields.extend({
  statewideBaseRates: GetSalesTax.reply.shape.statewideBaseRates,
});

export const CreatePaymentProcessorRoute = route({
  operationId: 'createPaymentProcessor',
  method: 'POST',
  path: '/api/v1/practices/{pid}/payment-processors',
  summary: 'Add a processor account (the first becomes active); credentials are stored encrypted',
  tags: ['Billing setup'],
  access: ['admin'],
  params: PracticeParams,
  body: CreateProcessorAccountBody,
  responses: { 201: ProcessorAccountView },
  problems: ['conflict'],
});

export const ListPaymentProcessorsRoute = route({
  operationId: 'listPaymentProcessors',
  method: 'GET',
  path: '/api/v1/practices/{pid}/payment-processors',
  summary: "The practice's processor accounts, oldest first, credentials masked, a page at a time",
  tags: ['Billing setup'],
  access: ['admin'],
  params: PracticeParams,
  query: ListProcessorAccountsQuery,
  responses: { 200: ProcessorAccountPage },
});

export const UpdatePaymentProcessorRoute = route({
  operationId: 'updatePaymentProcessor',
  method: 'PATCH',
  path: '/api/v1/practices/{pid}/payment-processors/{id}',
  summary: 'Change the description or credentials, or make it the active account',
  tags: ['Billing setup'],
  access: ['admin'],
  params: AccountParams,
  body: UpdateProcessorAccountBody,
  responses: { 200: ProcessorAccountView },
  problems: ['conflict'],
});

export const DeletePaymentProcessorRoute = route({
  operationId: 'deletePaymentProcessor',
  method: 'DELETE',
  path: '/api/v1/practices/{pid}/payment-processors/{id}',
  summary: 'Remove a processor account and its credentials',
  tags: ['Billing setup'],
  access: ['admin'],
  params: AccountParams,
  responses: { 204: null },
  problems: ['conflict'],
});

export const TestPaymentProcessorRoute = route({
  operationId: 'testPaymentProcessor',
  method: 'POST',
  path: '/api/v1/practices/{pid}/payment-processors/{id}/test',
  summary: 'Check the stored credentials with the processor',
  tags: ['Billing setup'],
  access: ['admin'],
  params: AccountParams,
  responses: { 200: TestProcessorAccount.reply },
});

export const GetSalesTaxRoute = route({
  operationId: 'getSalesTax',
  method: 'GET',
  path: '/api/v1/practices/{pid}/sales-tax',
  summary: "The practice's sales-tax settings, and the statewide base rates to start a by-state table from",
  tags: ['Billing setup'],
  access: ['admin'],
  params: PracticeParams,
  responses: { 200: SalesTaxView },
});

export const UpdateSalesTaxRoute = route({
  operationId: 'updateSalesTax',
  method: 'PUT',
  path: '/api/v1/practices/{pid}/sales-tax',
  summary: 'Set the sales-tax settings: none, one flat rate, or a rate per state; prices with or without tax',
  tags: ['Billing setup'],
  access: ['admin'],
  params: PracticeParams,
  body: SalesTaxSettings,
  responses: { 200: SalesTaxSettings },
});

export const BILLING_SETUP_ROUTES = [
  CreatePaymentProcessorRoute,
  ListPaymentProcessorsRoute,
  UpdatePaymentProcessorRoute,
  DeletePaymentProcessorRoute,
  TestPaymentProcessorRoute,
  GetSalesTaxRoute,
  UpdateSalesTaxRoute,
] as const;
