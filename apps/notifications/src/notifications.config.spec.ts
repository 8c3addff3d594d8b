import { loadNotificationsConfig } from './notifications.config';

describe('notifications configuration', () => {
  it('sends to the local mail catcher, with links to the local web app, by default', () => {
    expect(loadNotificationsConfig({}).email).toEqual({
      smtpUrl: 'smtp://127.0.0.1:1025',
      from: 'Arbor <no-reply@arbor.localhost>',
      webOrigin: 'http://localhost:3000',
      attempts: 6,
      backoffMs: 5000,
    });
  });

  it('reads its own settings, and the shared web origin when it has none of its own', () => {
    const env = {
      ARBOR_NOTIFICATIONS_SMTP_URL: 'smtps://mailer:secret@smtp.example.org:465',
      ARBOR_NOTIFICATIONS_EMAIL_FROM: 'Maple <no-reply@maple.example>',
      ARBOR_WEB_ORIGIN: 'https://app.example.org/ignored/path',
      ARBOR_NOTIFICATIONS_EMAIL_ATTEMPTS: '3',
      ARBOR_NOTIFICATIONS_EMAIL_BACKOFF_MS: '250',
    };
    expect(loadNotificationsConfig(env).email).toEqual({
      smtpUrl: 'smtps://mailer:secret@smtp.example.org:465',
      from: 'Maple <no-reply@maple.example>',
      webOrigin: 'https://app.example.org',
      attempts: 3,
      backoffMs: 250,
    });
    expect(
      loadNotificationsConfig({ ...env, ARBOR_NOTIFICATIONS_WEB_ORIGIN: 'https://portal.example.org' }).email
        .webOrigin,
    ).toBe('https://portal.example.org');
  });

  it('refuses a mail server that is not an SMTP URL, naming the setting', () => {
    expect(() =>
      loadNotificationsConfig({ ARBOR_NOTIFICATIONS_SMTP_URL: 'http://mail.example.org' }),
    ).toThrow(/smtpUrl: must be a smtp: or smtps:\/\/ URL/);
    expect(() => loadNotificationsConfig({ ARBOR_NOTIFICATIONS_EMAIL_ATTEMPTS: '0' })).toThrow(/attempts/);
  });
});
