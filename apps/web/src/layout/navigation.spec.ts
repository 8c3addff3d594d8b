import { describe, expect, it } from 'vitest';
import { activeTab, NAVIGATION } from './navigation';

describe('activeTab', () => {
  it.each([
    ['/portal', 'Home'],
    ['/portal/invoices', 'My invoices'],
    ['/portal/invoices/0193', 'My invoices'],
  ])('marks %s as the client tab %s', (path, label) => {
    expect(activeTab(NAVIGATION.client, path)?.label).toBe(label);
  });

  it.each([
    ['/admin/billing/setup', 'Billing'],
    ['/admin/billing/invoices/0193', 'Billing'],
    ['/admin/services', 'Services'],
    ['/clients/0193', 'Clients'],
  ])('marks %s as the admin tab %s', (path, label) => {
    expect(activeTab(NAVIGATION.admin, path)?.label).toBe(label);
  });

  it('marks no tab for a page outside them (a prefix of letters is not a section)', () => {
    expect(activeTab(NAVIGATION.admin, '/account/mfa')).toBeUndefined();
    expect(activeTab(NAVIGATION.client, '/portalx')).toBeUndefined();
  });
});
