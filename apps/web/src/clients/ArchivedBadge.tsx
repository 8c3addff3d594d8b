import { Badge } from '@mantine/core';
import type { ClientView } from '@arbor/contracts';

/** Marks an archived client wherever they are named: the list, their profile. */
export function ArchivedBadge({ client }: { client: Pick<ClientView, 'status'> }) {
  if (client.status !== 'archived') return null;
  return (
    <Badge color="gray" variant="light">
      Archived
    </Badge>
  );
}
