import { Anchor } from '@mantine/core';
import { Link } from 'react-router';

/** The way back to the list, tall enough to tap (44 px) though it reads as a small link. */
export function BackToClients() {
  return (
    <Anchor component={Link} to="/clients" size="sm" w="fit-content" py={12} my={-12} display="inline-block">
      Back to Clients
    </Anchor>
  );
}
