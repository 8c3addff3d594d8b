import { emailOfAlert, emailOfInvitation } from './email-text';

describe('the email of an alert', () => {
  it('says what the alert says, with a sign-in link leading to the alert’s page', () => {
    const email = emailOfAlert(
      {
        title: 'New invoice from Maple & Oak',
        body: 'A new invoice from Maple & Oak is waiting for you. Sign in to see it.',
        link: '/portal',
      },
      'https://app.example.org',
    );
    expect(email).toEqual({
      subject: 'New invoice from Maple & Oak',
      text: [
        'A new invoice from Maple & Oak is waiting for you. Sign in to see it.',
        '',
        'Sign in to Arbor: https://app.example.org/sign-in?next=%2Fportal',
        '',
        'For your privacy, this email never holds the details: they are shown once you sign in.',
        '',
      ].join('\n'),
    });
  });

  it('links to the sign-in page alone when the alert has no page', () => {
    expect(emailOfAlert({ title: 't', body: 'b', link: null }, 'https://app.example.org').text).toContain(
      'Sign in to Arbor: https://app.example.org/sign-in\n',
    );
  });
});

describe('the email of an invitation', () => {
  const invitation = {
    practiceName: 'Maple & Oak',
    inviteeName: 'Casey',
    inviterName: 'Dr Rowan',
    inviteUrl: 'https://app.example.org/invitations/abc',
    expiresAt: new Date('2026-12-08T12:40:59.999Z'),
  };

  it('names the inviter and the practice, and gives the link and until when it works', () => {
    expect(emailOfInvitation({ ...invitation, kind: 'staff' })).toEqual({
      subject: 'Dr Rowan invited you to Maple & Oak on Arbor',
      text: [
        'Hello Casey,',
        '',
        'Dr Rowan invited you to join Maple & Oak on Arbor.',
        '',
        'Accept the invitation: https://app.example.org/invitations/abc',
        '',
        'The link works once, until 2026-12-08 12:40 UTC. If you did not expect this email, ignore it.',
        '',
      ].join('\n'),
    });
  });

  it('says of a client portal invitation only that the practice set up an account', () => {
    const email = emailOfInvitation({ ...invitation, kind: 'client_portal' });
    expect(email.subject).toBe('Your client portal with Maple & Oak');
    expect(email.text).toContain('Dr Rowan at Maple & Oak set up an Arbor client portal account for you.');
    expect(email.text).toContain('Accept the invitation: https://app.example.org/invitations/abc');
  });
});
