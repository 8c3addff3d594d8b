import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  AddAddendumRoute,
  AddNoteRoute,
  ListNoteAccessRoute,
  ListNotesRoute,
  ListStaffRoute,
  type NoteView,
} from '@arbor/contracts';
import { fakeGateway, problem, USER_ID } from '../../test/fake-gateway';
import { renderScreen } from '../../test/render';
import { CLIENT_ID, clientView, noteView, OTHER_PROVIDER_ID, page, STAFF } from '../fixtures.test-support';
import { NotesTab } from './NotesTab';

const PROVIDER = { role: 'provider', roles: ['provider'] } as const;

function renderNotes(
  claims: { role: 'admin' | 'provider'; roles: readonly ('admin' | 'provider')[] } = PROVIDER,
) {
  return renderScreen(<NotesTab client={clientView()} />, {
    path: `/clients/${CLIENT_ID}`,
    claims: { role: claims.role, roles: [...claims.roles] },
  });
}

describe('Notes', () => {
  it('says, beside each type, who will read the note, and that saving is permanent', async () => {
    fakeGateway([
      { route: ListNotesRoute, reply: () => page([]) },
      { route: ListStaffRoute, reply: () => page(STAFF) },
    ]);
    const { user } = renderNotes();
    await user.click(await screen.findByRole('button', { name: '+Add' }));
    const types = screen.getByRole('radiogroup', { name: /^type/i });
    expect(within(types).getAllByRole('radio')).toHaveLength(4);
    expect(within(types).getByRole('radio', { name: 'Private' })).toHaveAccessibleDescription('Only you.');
    expect(within(types).getByRole('radio', { name: 'Care team' })).toHaveAccessibleDescription(
      "You and the client's assigned providers.",
    );
    expect(within(types).getByRole('radio', { name: 'Practice' })).toHaveAccessibleDescription(
      'Every provider and Admin of the practice.',
    );
    expect(within(types).getByRole('radio', { name: 'Shared with the client' })).toHaveAccessibleDescription(
      "You, the client's assigned providers, and the client in their portal.",
    );
    expect(
      screen.getByText("Notes can't be edited or deleted once saved; you can add an addendum."),
    ).toBeVisible();
  });

  it('asks for a type before sending anything', async () => {
    const gateway = fakeGateway([
      { route: ListNotesRoute, reply: () => page([]) },
      { route: ListStaffRoute, reply: () => page(STAFF) },
      { route: AddNoteRoute, reply: () => ({ status: 500 }) },
    ]);
    const { user } = renderNotes();
    await user.click(await screen.findByRole('button', { name: '+Add' }));
    await user.type(screen.getByLabelText(/^note/i), 'Talked about the week.');
    await user.click(screen.getByRole('button', { name: 'Save note' }));
    expect(await screen.findByText('Choose a type: it decides who can read the note.')).toBeInTheDocument();
    expect(gateway.requests.filter((request) => request.method === 'POST')).toHaveLength(0);
  });

  it('keeps the typed note when saving fails, and says why', async () => {
    fakeGateway([
      { route: ListNotesRoute, reply: () => page([]) },
      { route: ListStaffRoute, reply: () => page(STAFF) },
      { route: AddNoteRoute, reply: () => problem(503, 'service_unavailable', 'notes did not answer') },
    ]);
    const { user } = renderNotes();
    await user.click(await screen.findByRole('button', { name: '+Add' }));
    await user.click(screen.getByRole('radio', { name: 'Private' }));
    await user.type(screen.getByLabelText(/^note/i), 'Long session.\nFollow up next week.');
    await user.click(screen.getByRole('button', { name: 'Save note' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/Part of Arbor is not answering/);
    expect(screen.getByLabelText(/^note/i)).toHaveValue('Long session.\nFollow up next week.');
    expect(screen.getByRole('radio', { name: 'Private' })).toBeChecked();
  });

  it('sends exactly the type and the body, then lists the saved note', async () => {
    const saved: NoteView[] = [];
    const gateway = fakeGateway([
      { route: ListNotesRoute, reply: () => page(saved) },
      { route: ListStaffRoute, reply: () => page(STAFF) },
      {
        route: AddNoteRoute,
        reply: ({ body }) => {
          const { type, body: text } = body as Pick<NoteView, 'type' | 'body'>;
          const note = noteView({ type, body: text, authorId: USER_ID });
          saved.push(note);
          const { addenda: _addenda, ...added } = note;
          return { status: 201, body: added };
        },
      },
    ]);
    const { user } = renderNotes();
    await user.click(await screen.findByRole('button', { name: '+Add' }));
    await user.click(screen.getByRole('radio', { name: 'Shared with the client' }));
    await user.type(screen.getByLabelText(/^note/i), 'Homework: a walk each day.');
    await user.click(screen.getByRole('button', { name: 'Save note' }));

    const note = await screen.findByRole('article');
    expect(note).toHaveTextContent('Homework: a walk each day.');
    expect(note).toHaveTextContent('Shared with the client');
    expect(note).toHaveTextContent('You ·');
    expect(screen.queryByRole('button', { name: 'Save note' })).not.toBeInTheDocument();
    expect(gateway.requests.find((request) => request.operationId === 'addNote')!.body).toEqual({
      type: 'client_shared',
      body: 'Homework: a walk each day.',
    });
  });

  it('shows each note with its type, author and date, and its addenda beneath it', async () => {
    fakeGateway([
      {
        route: ListNotesRoute,
        reply: () =>
          page([
            noteView({
              id: '01937a1e-0000-7000-8000-0000000000d2',
              body: 'Second note.',
              type: 'practice',
              addenda: [],
            }),
            noteView({
              body: 'First note.',
              addenda: [
                {
                  id: '01937a1e-0000-7000-8000-0000000000e1',
                  noteId: '01937a1e-0000-7000-8000-0000000000d1',
                  body: 'Correction: two sessions, not one.',
                  authorId: OTHER_PROVIDER_ID,
                  createdAt: '2026-11-30T16:00:00.000Z',
                },
              ],
            }),
          ]),
      },
      { route: ListStaffRoute, reply: () => page(STAFF) },
    ]);
    renderNotes();
    const [second, first] = await screen.findAllByRole('article');
    expect(first).toHaveTextContent('Care team');
    expect(await within(first!).findByText(/^Sam Provider ·/)).toBeInTheDocument();
    expect(within(first!).getByText('First note.')).toBeInTheDocument();
    const addendum = within(first!).getByTestId('addendum');
    expect(addendum).toHaveTextContent('Correction: two sessions, not one.');
    // Beneath its note: after the note's body in the page.
    expect(
      within(first!).getByText('First note.').compareDocumentPosition(addendum) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(within(second!).queryByTestId('addendum')).not.toBeInTheDocument();
    expect(second).toHaveTextContent('Practice');
    const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date('2026-11-30T15:30:00.000Z'),
    );
    expect(first).toHaveTextContent(date);
  });

  it('adds an addendum beneath a note of its author', async () => {
    const note = noteView({ authorId: USER_ID });
    const gateway = fakeGateway([
      { route: ListNotesRoute, reply: () => page([note]) },
      { route: ListStaffRoute, reply: () => page(STAFF) },
      {
        route: AddAddendumRoute,
        reply: ({ body }) => {
          const addendum = {
            id: '01937a1e-0000-7000-8000-0000000000e2',
            noteId: note.id,
            body: (body as { body: string }).body,
            authorId: USER_ID,
            createdAt: '2026-12-01T09:00:00.000Z',
          };
          note.addenda.push(addendum);
          return { status: 201, body: addendum };
        },
      },
    ]);
    const { user } = renderNotes();
    await user.click(await screen.findByRole('button', { name: 'Add addendum' }));
    await user.type(screen.getByLabelText(/^addendum/i), 'Also: sleep diary.');
    await user.click(screen.getByRole('button', { name: 'Save addendum' }));
    expect(await within(screen.getByRole('article')).findByTestId('addendum')).toHaveTextContent(
      'Also: sleep diary.',
    );
    expect(screen.queryByLabelText(/^addendum/i)).not.toBeInTheDocument();
    expect(gateway.requests.find((request) => request.operationId === 'addNoteAddendum')!.body).toEqual({
      body: 'Also: sleep diary.',
    });
  });

  it("offers a provider no addendum to someone else's note", async () => {
    fakeGateway([
      { route: ListNotesRoute, reply: () => page([noteView({ authorId: OTHER_PROVIDER_ID })]) },
      { route: ListStaffRoute, reply: () => page(STAFF) },
    ]);
    renderNotes();
    expect(await screen.findByRole('article')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add addendum' })).not.toBeInTheDocument();
  });
});

describe('Access log', () => {
  it('shows an Admin who read the notes, as which role, how and when', async () => {
    fakeGateway([
      { route: ListNotesRoute, reply: () => page([noteView()]) },
      { route: ListStaffRoute, reply: () => page(STAFF) },
      {
        route: ListNoteAccessRoute,
        reply: () =>
          page([
            {
              id: '01937a1e-0000-7000-8000-0000000000f1',
              noteId: '01937a1e-0000-7000-8000-0000000000d1',
              readerUserId: OTHER_PROVIDER_ID,
              role: 'provider',
              via: 'list',
              readAt: '2026-11-30T17:00:00.000Z',
            },
          ]),
      },
    ]);
    const { user } = renderNotes({ role: 'admin', roles: ['admin', 'provider'] });
    await user.click(await screen.findByRole('button', { name: 'Show who read these notes' }));
    const table = await screen.findByRole('table', { name: 'Access log' });
    const [, row] = within(table).getAllByRole('row');
    expect(
      within(row!)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual([
      new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date('2026-11-30T17:00:00.000Z'),
      ),
      'Sam Provider',
      'Provider',
      'Notes list',
    ]);
  });

  it('is not offered to a provider', async () => {
    fakeGateway([
      { route: ListNotesRoute, reply: () => page([]) },
      { route: ListStaffRoute, reply: () => page(STAFF) },
    ]);
    renderNotes();
    expect(await screen.findByText('No notes yet')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Show who read these notes' })).not.toBeInTheDocument();
  });
});
