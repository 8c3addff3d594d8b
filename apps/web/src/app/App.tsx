import '@mantine/core/styles.css';
import './app.css';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router';
import { isApiProblem } from '../api/api-problem';
import { SessionProvider } from '../session/session-context';
import { SessionStore } from '../session/session-store';
import { createAppRouter } from './router';
import { cssVariablesResolver, theme } from './theme';

function newQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        // A refusal will not change by asking again; a dropped connection might.
        retry: (failures, error) =>
          failures < 2 && isApiProblem(error) && (error.unreachable || error.status === 503),
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}

export function App() {
  const [store] = useState(() => new SessionStore());
  const [queryClient] = useState(newQueryClient);
  const [router] = useState(createAppRouter);
  useEffect(() => {
    void store.restore();
    // Signed out (here or in another tab): nothing of the last person stays in memory.
    return store.subscribe(() => {
      if (store.snapshot().status === 'signed-out') queryClient.clear();
    });
  }, [store, queryClient]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <SessionProvider store={store}>
          <RouterProvider router={router} />
        </SessionProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
