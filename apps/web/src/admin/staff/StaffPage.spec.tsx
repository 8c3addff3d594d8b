import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { InviteStaffRoute, ListStaffRoute, UpdateStaffRolesRoute } from '@arbor/contracts';
import { fakeGateway, problem, PRACTICE_ID, USER_ID } from '../../test/fake-gateway';
import { renderScreen } from '../../test/render';
import { StaffPage } from './StaffPage';

const ADA = {
  userId: USER_ID,
  name: 'Ada Lovelace',
  email: 'ada@example.test',
  roles: ['admin', 'provider'],
};
const CAL = {
  userId: '01937a1e-0000-7000-8000-00000000000c',
  name: 'Cal Provider',
  email: 'cal@example.test',
  roles: ['provider'],
};
const INVITE_URL = 'https://arbor.example.test/invitations/abcdefghijklmnop';

type Handlers = Parameters<typeof fakeGateway>[0];
function gateway(more: Handlers = []) {
  return fakeGateway([
    { route: ListStaffRoute, reply: () => ({ status: 200, body: { items: [ADA], nextCursor: null } }) },
    ...more,
  ]);
}

async function openInvite() {
  const view = renderScreen(<StaffPage />);
  await screen.findByText('Ada Lovelace');
  await view.user.click(screen.getByRole('button', { name: 'Invite staff' }));
  return { ...view, form: screen.getByRole('form', { name: 'Invite staff' }) };
}

describe('StaffPage', () => {
  it('shows each member with email and roles, and loads the next page from the cursor', async () => {
    const staff = fakeGateway([
      {
        route: ListStaffRoute,
        reply: ({ path }) =>
          path.includes('cursor=')
            ? { status: 200, body: { items: [CAL], nextCursor: null } }
            : { status: 200, body: { items: [ADA], nextCursor: 'page-two' } },
      },
    ]);
    const { user } = renderScreen(<StaffPage />);
    const ada = await screen.findByRole('listitem', { name: 'Ada Lovelace' });
    expect(within(ada).getByText('ada@example.test')).toBeInTheDocument();
    expect(within(ada).getByText('Admin')).toBeInTheDocument();
    expect(within(ada).getByText('Provider')).toBeInTheDocument();
    expect(screen.queryByText('Cal Provider')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('listitem', { name: 'Cal Provider' })).toBeInTheDocument();
    expect(screen.getByRole('listitem', { name: 'Ada Lovelace' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    expect(staff.requests.map((request) => request.path)).toEqual([
      `/api/v1/practices/${PRACTICE_ID}/staff`,
      `/api/v1/practices/${PRACTICE_ID}/staff?cursor=page-two`,
    ]);
  });

  it('refuses an incomplete invitation before sending anything', async () => {
    const staff = gateway([{ route: InviteStaffRoute, reply: () => ({ status: 500 }) }]);
    const { user, form } = await openInvite();
    await user.type(within(form).getByLabelText(/^Email/), 'not-an-email');
    await user.click(within(form).getByLabelText(/^Provider/));
    await user.click(within(form).getByRole('button', { name: 'Send invitation' }));
    expect(await within(form).findByText('Enter their name')).toBeInTheDocument();
    expect(within(form).getByText('Must be an email address')).toBeInTheDocument();
    expect(within(form).getByText('Choose at least one role')).toBeInTheDocument();
    expect(staff.requests.filter((request) => request.operationId === 'inviteStaff')).toHaveLength(0);
  });

  it("puts the gateway's field error beside the field and keeps what was typed", async () => {
    gateway([
      {
        route: InviteStaffRoute,
        reply: () =>
          problem(400, 'validation_failed', 'invalid request', {
            errors: [{ path: 'email', message: 'is not an address we can send to' }],
          }),
      },
    ]);
    const { user, form } = await openInvite();
    await user.type(within(form).getByLabelText(/^Name/), 'Bea Newcomer');
    await user.type(within(form).getByLabelText(/^Email/), 'bea@example.test');
    await user.click(within(form).getByRole('button', { name: 'Send invitation' }));
    const email = within(form).getByLabelText(/^Email/);
    expect(await within(form).findByText('Is not an address we can send to')).toBeInTheDocument();
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveValue('bea@example.test');
    expect(within(form).getByLabelText(/^Name/)).toHaveValue('Bea Newcomer');
  });

  it('sends the invitation, then shows the link to send, with a copy button', async () => {
    const staff = gateway([
      {
        route: InviteStaffRoute,
        reply: () => ({ status: 201, body: { id: CAL.userId, inviteUrl: INVITE_URL } }),
      },
    ]);
    const { user, form } = await openInvite();
    await user.type(within(form).getByLabelText(/^Name/), 'Bea Newcomer');
    await user.type(within(form).getByLabelText(/^Email/), 'Bea@Example.test');
    await user.click(within(form).getByLabelText(/^Admin/));
    await user.click(within(form).getByRole('button', { name: 'Send invitation' }));
    expect(await screen.findByLabelText('Invitation link')).toHaveValue(INVITE_URL);
    expect(
      screen.getByText(/Arbor does not email invitations yet: send this link to Bea Newcomer/),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(await navigator.clipboard.readText()).toBe(INVITE_URL);
    expect(screen.getByRole('button', { name: 'Link copied' })).toBeInTheDocument();
    expect(staff.requests.filter((request) => request.operationId === 'inviteStaff')).toEqual([
      expect.objectContaining({
        path: `/api/v1/practices/${PRACTICE_ID}/staff`,
        body: { name: 'Bea Newcomer', email: 'bea@example.test', roles: ['admin', 'provider'] },
      }),
    ]);
  });

  it('changes a member’s roles, and says plainly why the last Admin keeps theirs', async () => {
    let answer: { status: number; body: unknown } = problem(
      409,
      'conflict',
      'a practice keeps at least one Admin: make someone else Admin first',
    );
    const staff = gateway([{ route: UpdateStaffRolesRoute, reply: () => answer }]);
    const { user } = renderScreen(<StaffPage />);
    const ada = await screen.findByRole('listitem', { name: 'Ada Lovelace' });
    await user.click(within(ada).getByRole('button', { name: 'Change roles' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByLabelText(/^Admin/));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'A practice keeps at least one Admin: make someone else Admin first',
    );
    expect(within(dialog).getByLabelText(/^Admin/)).not.toBeChecked();
    answer = { status: 200, body: { userId: USER_ID, roles: ['provider'] } };
    await user.click(within(dialog).getByLabelText(/^Provider/));
    await user.click(within(dialog).getByLabelText(/^Provider/));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await screen.findByRole('listitem', { name: 'Ada Lovelace' });
    expect(staff.requests.filter((request) => request.operationId === 'updateStaffRoles')).toEqual([
      expect.objectContaining({
        path: `/api/v1/practices/${PRACTICE_ID}/staff/${USER_ID}/roles`,
        body: { roles: ['provider'] },
      }),
      expect.objectContaining({ body: { roles: ['provider'] } }),
    ]);
  });

  it("puts the gateway's roles error beside the roles, keeping the ticks", async () => {
    gateway([
      {
        route: UpdateStaffRolesRoute,
        reply: () =>
          problem(400, 'validation_failed', 'invalid request', {
            errors: [{ path: 'roles', message: 'cannot be changed while their invitation is open' }],
          }),
      },
    ]);
    const { user } = renderScreen(<StaffPage />);
    const ada = await screen.findByRole('listitem', { name: 'Ada Lovelace' });
    await user.click(within(ada).getByRole('button', { name: 'Change roles' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByLabelText(/^Provider/));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      await within(dialog).findByText('Cannot be changed while their invitation is open'),
    ).toBeInTheDocument();
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    expect(within(dialog).getByLabelText(/^Admin/)).toBeChecked();
    expect(within(dialog).getByLabelText(/^Provider/)).not.toBeChecked();
  });

  it('warns before Save that a member with no role leaves the practice', async () => {
    gateway([]);
    const { user } = renderScreen(<StaffPage />);
    const ada = await screen.findByRole('listitem', { name: 'Ada Lovelace' });
    await user.click(within(ada).getByRole('button', { name: 'Change roles' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).queryByText(/leaves the practice/)).not.toBeInTheDocument();
    await user.click(within(dialog).getByLabelText(/^Admin/));
    await user.click(within(dialog).getByLabelText(/^Provider/));
    expect(within(dialog).getByText(/Ada Lovelace leaves the practice/)).toBeInTheDocument();
  });
});
