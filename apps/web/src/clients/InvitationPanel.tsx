import { Alert, Button, Code, CopyButton, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { GetClientRoute, SendClientInvitationRoute, type ClientView } from '@arbor/contracts';
import { isApiProblem, plainWords } from '../api/api-problem';
import { useRouteMutation } from '../api/queries';
import { FormProblem } from '../forms/FormProblem';
import { useActor } from '../session/session-context';
import { formatInstant } from './format';

/**
 * The client's portal invitation. Arbor does not email it yet, so the link is shown to whoever
 * made it, to pass on; it can be sent again (a new link, to the client's current email).
 */
export function InvitationPanel({
  client,
  justCreated,
}: {
  client: ClientView;
  /** Add Client's answer, on arrival from it: the link, or `null` when none could be made. */
  justCreated: { portalInviteUrl: string | null } | undefined;
}) {
  const actor = useActor();
  const [link, setLink] = useState<string | null | undefined>(justCreated?.portalInviteUrl);
  const [problem, setProblem] = useState<string>();
  const send = useRouteMutation(SendClientInvitationRoute, { invalidates: [GetClientRoute] });

  const sendInvitation = async () => {
    setProblem(undefined);
    try {
      const sent = await send.mutateAsync({ params: { pid: actor.pid, cid: client.id } });
      setLink(sent.portalInviteUrl);
    } catch (error) {
      setProblem(
        isApiProblem(error) && error.code === 'conflict'
          ? `${client.firstName} already has a client portal account in this practice: they can sign in with it.`
          : plainWords(error),
      );
    }
  };
  const sendButton = (label: string) =>
    client.status === 'active' ? (
      <Button
        w="fit-content"
        variant="default"
        loading={send.isPending}
        onClick={() => void sendInvitation()}
      >
        {label}
      </Button>
    ) : null;

  if (link) {
    return (
      <Paper withBorder p="md" bg="arbor.0" role="region" aria-labelledby="portal-invitation-title">
        <Stack gap="sm">
          <Title order={3} size="h4" id="portal-invitation-title">
            Portal invitation
          </Title>
          <Text>
            Arbor does not email this invitation yet, so send the link to {client.firstName} yourself (by
            email or text message). With it they choose a password for the client portal.
          </Text>
          {/* Plain text rather than a link: opening it here would begin the client's own sign-up. */}
          <Stack gap={4}>
            <Text size="sm" fw={600} id="portal-invitation-link-label">
              Invitation link
            </Text>
            <Code
              block
              aria-labelledby="portal-invitation-link-label"
              data-testid="portal-invitation-link"
              fz="sm"
              style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', userSelect: 'all' }}
            >
              {link}
            </Code>
          </Stack>
          <CopyButton value={link}>
            {({ copied, copy }) => (
              <Button onClick={copy} w="fit-content" color={copied ? 'green' : undefined}>
                {copied ? 'Copied' : 'Copy link'}
              </Button>
            )}
          </CopyButton>
          <Text size="sm" c="dimmed">
            The link works once, and only for a while. If it runs out, send a new invitation.
          </Text>
          {sendButton('Send a new invitation')}
          <FormProblem message={problem} />
        </Stack>
      </Paper>
    );
  }

  return (
    <Paper withBorder p="md" role="region" aria-labelledby="portal-invitation-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="portal-invitation-title">
          Portal invitation
        </Title>
        {link === null ? (
          <Alert color="blue" variant="light" title="No invitation yet">
            {client.firstName} is saved, but Arbor could not prepare their portal invitation just now. Send it
            when you are ready: you will get a link to pass on to them.
          </Alert>
        ) : (
          <Text>
            {client.invitedAt
              ? `The last invitation was prepared on ${formatInstant(client.invitedAt)}. If ${client.firstName} has not used it, send a new one.`
              : `${client.firstName} has not been invited to the client portal yet.`}
          </Text>
        )}
        {sendButton(client.invitedAt ? 'Send a new invitation' : 'Send invitation')}
        <FormProblem message={problem} />
      </Stack>
    </Paper>
  );
}
