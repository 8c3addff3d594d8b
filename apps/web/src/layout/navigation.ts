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
    { label: 'Undelivered email', to: '/admin/email-deliveries' },
    { label: 'Clients', to: '/clients' },
  ],
  provider: [{ label: 'Clients', to: '/clients' }],
  client: [
    { label: 'Home', to: '/portal' },
    { label: 'My invoices', to: '/portal/invoices' },
  ],
};

export const ROLE_LABEL: Record<Role, string> = { admin: 'Admin', provider: 'Provider', client: 'Client' };

/** A tab's section: the first two parts of its path (`/admin/billing` for every Billing screen). */
function sectionOf(item: NavItem): string {
  return item.to.split('/').slice(0, 3).join('/');
}

/**
 * The tab a path belongs to: the one whose section is the longest prefix of it, so that
 * `/portal/invoices/…` is My invoices, not Home (`/portal`).
 */
export function activeTab(items: readonly NavItem[], pathname: string): NavItem | undefined {
  return items
    .filter((item) => pathname === sectionOf(item) || pathname.startsWith(`${sectionOf(item)}/`))
    .sort((a, b) => sectionOf(b).length - sectionOf(a).length)[0];
}

export function homeOf(role: Role): string {
  return NAVIGATION[role][0]!.to;
}
