// A user's client written against the TypeScript types `openapi-typescript` generates from the
// document: `gateway:openapi` typechecks it, so a change that breaks generated clients fails there.
import type { components, operations, paths } from 'arbor-openapi';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Problem<T> = T extends { content: { 'application/problem+json': infer B } } ? B : never;

export type StaffPage = Json<operations['listStaff']['responses'][200]>;
export type ListStaffQuery = NonNullable<operations['listStaff']['parameters']['query']>;
export type NewProcessor = operations['createPaymentProcessor']['requestBody']['content']['application/json'];
export type ValidationProblem = components['schemas']['ValidationFailedProblem'];

/** Every staff member, following `nextCursor` page by page. */
export async function allStaff(base: string, token: string, practiceId: string): Promise<StaffPage['items']> {
  const items: StaffPage['items'] = [];
  let cursor: string | null = null;
  do {
    const query: ListStaffQuery = { limit: 100, ...(cursor ? { cursor } : {}) };
    const url = `${base}/api/v1/practices/${practiceId}/staff?${new URLSearchParams(
      Object.entries(query).map(([key, value]) => [key, String(value)]),
    ).toString()}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) {
      const problem = (await response.json()) as Problem<operations['listStaff']['responses'][400]>;
      throw new Error(`${problem.title}: ${problem.errors.map((error) => error.path).join(', ')}`);
    }
    const page = (await response.json()) as StaffPage;
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return items;
}

export const stripe: NewProcessor = {
  description: 'Main account',
  type: 'stripe',
  credentials: { secretKey: 'sk_test_51Habcdefghij', publishableKey: 'pk_test_51Habcdefghij' },
};

export const emails = (page: StaffPage): string[] => page.items.map((member) => member.email);
export const retryAfter = (problem: components['schemas']['RateLimitedProblem']): number =>
  problem.retryAfterSeconds;
export type SalesTaxRates = Json<
  paths['/api/v1/practices/{pid}/sales-tax']['get']['responses'][200]
>['statewideBaseRates'];
