import { AppShell, Burger, Button, Group, NavLink, Text, Title, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { useEffect } from 'react';
import { GetMeRoute } from '@arbor/contracts';
import { useRouteQuery } from '../api/queries';
import { useActor, useSessionStore } from '../session/session-context';
import { activeTab, NAVIGATION } from './navigation';
import { RoleSwitcher } from './RoleSwitcher';

/** Every signed-in screen: the header (practice, role switcher, sign out) and the role's tabs. */
export function AppLayout() {
  const actor = useActor();
  const store = useSessionStore();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const me = useRouteQuery(GetMeRoute, {}, { staleTime: 60_000 });
  const practiceName = me.data?.memberships.find(
    (membership) => membership.practiceId === actor.pid,
  )?.practiceName;
  const active = activeTab(NAVIGATION[actor.role], location.pathname);
  // On a phone the menu covers the page: a tap on a tab should show that tab.
  useEffect(close, [location.pathname, close]);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              // A 44 px target around the 18 px lines, for a thumb.
              w={44}
              h={44}
              aria-label={opened ? 'Close the menu' : 'Open the menu'}
            />
            <Title order={1} size="h4" c="arbor.8">
              Arbor
            </Title>
            <Text fw={500} truncate="end" visibleFrom="xs" data-testid="practice-name">
              {practiceName ?? ''}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <RoleSwitcher />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Main">
        <AppShell.Section grow>
          {NAVIGATION[actor.role].map((item) => (
            <NavLink
              key={item.to}
              component={RouterNavLink}
              to={item.to}
              label={item.label}
              // Also when it is the tab already shown: the menu must not stay over the page.
              onClick={close}
              active={item === active}
            />
          ))}
        </AppShell.Section>
        <AppShell.Section>
          {me.data ? (
            <Text size="sm" c="dimmed" px="sm" pb="xs" truncate="end">
              <VisuallyHidden>Signed in as </VisuallyHidden>
              {me.data.user.name}
            </Text>
          ) : null}
          <Button
            variant="subtle"
            color="gray"
            fullWidth
            justify="flex-start"
            onClick={() => void store.signOut()}
          >
            Sign out
          </Button>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
