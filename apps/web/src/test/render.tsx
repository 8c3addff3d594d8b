import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import type { AccessTokenClaims } from '@arbor/contracts';
import { cssVariablesResolver, theme } from '../app/theme';
import { SessionProvider } from '../session/session-context';
import { SessionStore } from '../session/session-store';
import { accessTokenFor } from './fake-gateway';

/**
 * Renders a screen as the app would: Mantine, a fresh query cache, a session signed in with
 * these claims (or signed out), and a router at `path` (with `routes` beside it when the screen
 * links elsewhere).
 */
export function renderScreen(
  element: ReactElement,
  options: {
    path?: string;
    pattern?: string;
    claims?: Partial<AccessTokenClaims> | 'signed-out';
    routes?: RouteObject[];
  } = {},
) {
  const store = new SessionStore();
  if (options.claims !== 'signed-out') store.adopt(accessTokenFor(options.claims), { broadcast: false });
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const router = createMemoryRouter(
    [{ path: options.pattern ?? options.path ?? '/', element }, ...(options.routes ?? [])],
    { initialEntries: [options.path ?? '/'] },
  );
  const user = userEvent.setup();
  const view = render(
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <QueryClientProvider client={queryClient}>
        <SessionProvider store={store}>
          <RouterProvider router={router} />
        </SessionProvider>
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { ...view, user, store, router, queryClient };
}
