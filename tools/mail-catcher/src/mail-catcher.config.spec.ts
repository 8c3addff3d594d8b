import { loadMailCatcherConfig } from './mail-catcher.config';

describe('mail catcher config', () => {
  it('listens on 1025 (SMTP) and 1080 (the page) unless told otherwise', () => {
    expect(loadMailCatcherConfig({})).toEqual({ smtpPort: 1025, httpPort: 1080, host: '127.0.0.1' });
    expect(
      loadMailCatcherConfig({ ARBOR_MAIL_CATCHER_SMTP_PORT: '2525', ARBOR_MAIL_CATCHER_HTTP_PORT: '0' }),
    ).toEqual({ smtpPort: 2525, httpPort: 0, host: '127.0.0.1' });
  });

  it('refuses a port that is not one', () => {
    expect(() => loadMailCatcherConfig({ ARBOR_MAIL_CATCHER_HTTP_PORT: 'web' })).toThrow(
      /ARBOR_MAIL_CATCHER_HTTP_PORT must be a port number/,
    );
  });
});
