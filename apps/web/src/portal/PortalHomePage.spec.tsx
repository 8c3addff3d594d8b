import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { GetMeRoute, ListMyAlertsRoute, ListPortalNotesRoute } from '@arbor/contracts';
import { noteView, page } from '../clients/fixtures.test-support';
import { fakeGateway, PRACTICE_ID, USER_ID } from '../test/fake-gateway';
import { renderScreen } from '../test/render';
import { PortalHomePage } from './PortalHomePage';

const CLIENT = { role: 'client', roles: ['client'] } as const;
const me = {
  status: 200,
  body: {
    user: { id: USER_ID, name: 'Robin Example', email: 'robin@example.test', mfaEnabled: false },
    memberships: [
      {
        practiceId: PRACTICE_ID,
        practiceName: 'Riverside Counselling',
        roles: ['client'],
        activeRole: 'client',
      },
    ],
    activePracticeId: PRACTICE_ID,
    activeRole: 'client',
  },
};

describe('Portal home', () => {
  it('welcomes the client to their practice and shows the notes shared with them', async () => {
    const gateway = fakeGateway([
      { route: GetMeRoute, reply: () => me },
      { route: ListMyAlertsRoute, reply: () => page([]) },
      {
        route: ListPortalNotesRoute,
        reply: () =>
          page([
            noteView({
              type: 'client_shared',
              body: 'Homework: a walk each day.',
              addenda: [
                {
                  id: '01937a1e-0000-7000-8000-0000000000e1',
                  noteId: '01937a1e-0000-7000-8000-0000000000d1',
                  body: 'And a glass of water.',
                  authorId: USER_ID,
                  createdAt: '2026-11-30T16:00:00.000Z',
                },
              ],
            }),
          ]),
      },
    ]);
    renderScreen(<PortalHomePage />, { path: '/portal', claims: { ...CLIENT, roles: [...CLIENT.roles] } });
    expect(screen.getByRole('heading', { level: 2, name: 'Home' })).toBeInTheDocument();
    expect(
      await screen.findByText(/Welcome, Robin\. This is your client portal with Riverside Counselling\./),
    ).toBeInTheDocument();
    const note = await screen.findByRole('article');
    expect(note).toHaveTextContent('Homework: a walk each day.');
    expect(within(note).getByTestId('addendum')).toHaveTextContent('And a glass of water.');
    expect(screen.queryByText('No notes shared with you yet')).not.toBeInTheDocument();
    expect(gateway.requests.map((request) => request.path)).toContain('/api/v1/portal/notes');
  });

  it('says so when nothing has been shared yet', async () => {
    fakeGateway([
      { route: GetMeRoute, reply: () => me },
      { route: ListMyAlertsRoute, reply: () => page([]) },
      { route: ListPortalNotesRoute, reply: () => page([]) },
    ]);
    renderScreen(<PortalHomePage />, { path: '/portal', claims: { ...CLIENT, roles: [...CLIENT.roles] } });
    expect(await screen.findByText('No notes shared with you yet')).toBeInTheDocument();
    expect(screen.queryByRole('article')).not.toBeInTheDocument();
  });
});
