import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { usePageTitle } from '../layout/use-page-title';

export function NotFoundPage() {
  usePageTitle('This page does not exist');
  return (
    <Stack gap="xs">
      <Title order={2}>This page does not exist</Title>
      <Text>
        The link may be out of date.{' '}
        <Anchor component={Link} to="/">
          Go to your home page
        </Anchor>
        .
      </Text>
    </Stack>
  );
}
