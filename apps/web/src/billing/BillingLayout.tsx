import { Stack, Tabs } from '@mantine/core';
import { Outlet, useLocation, useNavigate } from 'react-router';

const SECTIONS = [
  { value: 'invoices', label: 'Invoices', to: '/admin/billing/invoices' },
  { value: 'setup', label: 'Setup', to: '/admin/billing/setup' },
] as const;

/**
 * Admin → Billing: its two parts, Invoices and Setup, as tabs with their own addresses so a link
 * or a reload lands on the same one. The page under them brings its own heading.
 */
export function BillingLayout() {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const current = SECTIONS.find((section) => pathname.startsWith(section.to))?.value ?? 'invoices';
  return (
    <Stack gap="md">
      <Tabs
        value={current}
        onChange={(value) => {
          const section = SECTIONS.find((candidate) => candidate.value === value);
          if (section) void navigate(section.to);
        }}
        aria-label="Billing"
      >
        <Tabs.List>
          {SECTIONS.map((section) => (
            <Tabs.Tab key={section.value} value={section.value}>
              {section.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet />
    </Stack>
  );
}
