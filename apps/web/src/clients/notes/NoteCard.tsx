import { Badge, Box, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { NoteView } from '@arbor/contracts';
import { formatInstant } from '../format';
import { noteTypeLabel } from './note-types';

/**
 * One note as saved, with its addenda beneath it (oldest first). `authorOf` names who wrote
 * each; without it (the portal) only the date is shown.
 */
export function NoteCard({
  note,
  authorOf,
  showType = true,
  children,
}: {
  note: NoteView;
  authorOf?: (userId: string) => string;
  showType?: boolean;
  /** Under the addenda: the note's actions (Add addendum). */
  children?: ReactNode;
}) {
  return (
    <Paper component="article" withBorder p="md" aria-label={`Note of ${formatInstant(note.createdAt)}`}>
      <Stack gap="sm">
        <Group gap="xs" wrap="wrap">
          {showType ? (
            <Badge variant="light" data-testid="note-type">
              {noteTypeLabel(note.type)}
            </Badge>
          ) : null}
          <Text size="sm" c="dimmed">
            {authorOf ? `${authorOf(note.authorId)} · ` : ''}
            <time dateTime={note.createdAt}>{formatInstant(note.createdAt)}</time>
          </Text>
        </Group>
        <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{note.body}</Text>
        {note.addenda.length > 0 ? (
          <Stack gap="xs" component="section" aria-label="Addenda">
            {note.addenda.map((addendum) => (
              <Box
                key={addendum.id}
                pl="sm"
                style={{ borderLeft: '3px solid var(--mantine-color-arbor-3)' }}
                data-testid="addendum"
              >
                <Text size="sm" c="dimmed">
                  Addendum{authorOf ? ` · ${authorOf(addendum.authorId)}` : ''} ·{' '}
                  <time dateTime={addendum.createdAt}>{formatInstant(addendum.createdAt)}</time>
                </Text>
                <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{addendum.body}</Text>
              </Box>
            ))}
          </Stack>
        ) : null}
        {children}
      </Stack>
    </Paper>
  );
}
