import { emailOfAlert } from './email-text';

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
