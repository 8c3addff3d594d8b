import { Center, Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { usePageTitle } from '../layout/use-page-title';

/** The frame of the screens before sign-in: one centred card, full width on a phone. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  usePageTitle(title);
  return (
    <Center mih="100dvh" p="md" component="main">
      <Paper withBorder shadow="sm" p="lg" radius="md" w="100%" maw={420}>
        <Stack gap="md">
          <Title order={1} size="h3" c="arbor.8">
            Arbor
          </Title>
          <Title order={2} size="h4">
            {title}
          </Title>
          {children}
        </Stack>
      </Paper>
    </Center>
  );
}
