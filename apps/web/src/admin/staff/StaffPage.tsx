import { Badge, Button, Card, Flex, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ListStaffRoute, type StaffMember } from '@arbor/contracts';
import { EmptyState, Loading, LoadMore, LoadProblem } from '../../layout/page-states';
import { ROLE_LABEL } from '../../layout/navigation';
import { useRoutePages } from '../../api/queries';
import { useActor } from '../../session/session-context';
import { InviteStaff } from './InviteStaff';
import { StaffRolesEditor } from './StaffRolesEditor';
import { usePageTitle } from '../../layout/use-page-title';

/** Admin → Staff: who works in the practice and in which roles; invitations. */
export function StaffPage() {
  usePageTitle('Staff');
  const { pid } = useActor();
  const staff = useRoutePages(ListStaffRoute, { params: { pid } });
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<StaffMember>();
  const members = staff.items;

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={2}>Staff</Title>
        {!inviting ? <Button onClick={() => setInviting(true)}>Invite staff</Button> : null}
      </Group>
      {inviting ? (
        <Card withBorder component="section" aria-labelledby="invite-staff-title" maw={720}>
          <Stack gap="sm">
            <Title order={3} size="h4" id="invite-staff-title">
              Invite staff
            </Title>
            <InviteStaff onDone={() => setInviting(false)} />
          </Stack>
        </Card>
      ) : null}
      {staff.isPending ? (
        <Loading what="staff" />
      ) : staff.isError && members.length === 0 ? (
        <LoadProblem error={staff.error} onRetry={() => void staff.refetch()} />
      ) : members.length === 0 ? (
        <EmptyState title="No staff yet">Invite a colleague to get started.</EmptyState>
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Staff members">
          {members.map((member) => (
            <Card key={member.userId} withBorder component="li" aria-label={member.name}>
              <Flex
                direction={{ base: 'column', sm: 'row' }}
                justify="space-between"
                align={{ base: 'flex-start', sm: 'center' }}
                gap="sm"
              >
                <Stack gap={2} miw={0}>
                  <Text fw={600}>{member.name}</Text>
                  <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {member.email}
                  </Text>
                  <Group gap={4}>
                    {member.roles.map((role) => (
                      <Badge key={role} variant="light">
                        {ROLE_LABEL[role]}
                      </Badge>
                    ))}
                  </Group>
                </Stack>
                <Button variant="light" onClick={() => setEditing(member)}>
                  Change roles
                </Button>
              </Flex>
            </Card>
          ))}
        </Stack>
      )}
      {staff.isFetchNextPageError ? <LoadProblem error={staff.error} /> : null}
      <LoadMore pages={staff} />
      {editing ? (
        <StaffRolesEditor key={editing.userId} member={editing} onClose={() => setEditing(undefined)} />
      ) : null}
    </Stack>
  );
}
