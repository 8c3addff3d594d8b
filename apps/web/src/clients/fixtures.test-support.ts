import type { ClientView, NoteView, StaffMember } from '@arbor/contracts';
import { PRACTICE_ID, USER_ID } from '../test/fake-gateway';

/** Answers the component tests give for the gateway, shaped as the contracts say. */
export const CLIENT_ID = '01937a1e-0000-7000-8000-0000000000c1';
export const OTHER_PROVIDER_ID = '01937a1e-0000-7000-8000-0000000000b2';

export function clientView(overrides: Partial<ClientView> = {}): ClientView {
  return {
    id: CLIENT_ID,
    practiceId: PRACTICE_ID,
    firstName: 'Robin',
    lastName: 'Example',
    email: 'robin@example.test',
    phone: null,
    dateOfBirth: null,
    address: null,
    status: 'active',
    providerIds: [USER_ID],
    invitedAt: '2026-11-30T10:00:00.000Z',
    createdAt: '2026-11-30T10:00:00.000Z',
    updatedAt: '2026-11-30T10:00:00.000Z',
    ...overrides,
  };
}

export const STAFF: StaffMember[] = [
  { userId: USER_ID, name: 'Dana Demo', email: 'dana@example.test', roles: ['admin', 'provider'] },
  { userId: OTHER_PROVIDER_ID, name: 'Sam Provider', email: 'sam@example.test', roles: ['provider'] },
];

export function noteView(overrides: Partial<NoteView> = {}): NoteView {
  return {
    id: '01937a1e-0000-7000-8000-0000000000d1',
    clientId: CLIENT_ID,
    type: 'care_team',
    body: 'Session one: sleep is better.',
    authorId: OTHER_PROVIDER_ID,
    createdAt: '2026-11-30T15:30:00.000Z',
    addenda: [],
    ...overrides,
  };
}

export const page = <T>(items: T[], nextCursor: string | null = null) => ({
  status: 200,
  body: { items, nextCursor },
});
