import type { Role } from '@arbor/contracts';

export interface NavItem {
  readonly label: string;
  readonly to: string;
}

/** The tabs of each role, in the product's own words; the first is where that role lands. */
export const NAVIGATION: Record<Role, readonly NavItem[]> = {
  admin: [
    { label: 'Services', to: '/admin/services' },
    { label: 'Billing', to: '/admin/billing/invoices' },
    { label: 'Staff', to: '/admin/staff' },
    { label: 'Clients', to: '/clients' },
  ],
  provider: [{ label: 'Clients', to: '/clients' }],
  client: [{ label: 'Home', to: '/portal' }],
};

export const ROLE_LABEL: Record<Role, string> = { admin: 'Admin', provider: 'Provider', client: 'Client' };

export function homeOf(role: Role): string {
  return NAVIGATION[role][0]!.to;
}
