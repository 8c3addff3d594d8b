// Real: the mail catcher on free local ports, nodemailer sending to it over SMTP, and its page
// read over HTTP. Nothing faked.
import { createTransport } from 'nodemailer';
import { startMailCatcher, type MailCatcher } from './mail-catcher';

describe('the mail catcher', () => {
  let catcher: MailCatcher;

  beforeAll(async () => {
    catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0, host: '127.0.0.1', keep: 2 });
  });
  afterAll(() => catcher?.close());

  async function send(to: string, subject: string, text: string): Promise<void> {
    const transport = createTransport({ url: catcher.smtpUrl });
    try {
      await transport.sendMail({ from: 'Arbor <no-reply@arbor.test>', to, subject, text });
    } finally {
      transport.close();
    }
  }

  it('lists what it received on its page, newest first, with the links clickable', async () => {
    const empty = await fetch(catcher.pageUrl);
    expect(await empty.text()).toContain('No mail yet');

    await send('first@example.test', 'First', 'One');
    await send(
      'priya@staff.test',
      'Ana invited you to <Maple> on Arbor',
      'Accept the invitation: http://localhost:3000/invitations/AbC_-123\n',
    );

    const response = await fetch(catcher.pageUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await response.text();
    expect(page).toContain('<h2>Ana invited you to &lt;Maple&gt; on Arbor</h2>');
    expect(page).toContain('<dd>priya@staff.test</dd>');
    expect(page).toContain(
      '<a href="http://localhost:3000/invitations/AbC_-123" rel="noreferrer">http://localhost:3000/invitations/AbC_-123</a>',
    );
    expect(page.indexOf('Ana invited you')).toBeLessThan(page.indexOf('<h2>First</h2>'));
  });

  it('keeps only the newest messages it is told to keep', async () => {
    await send('third@example.test', 'Third', 'Three');
    expect(catcher.messages().map((mail) => mail.subject)).toEqual([
      'Third',
      'Ana invited you to <Maple> on Arbor',
    ]);
    const listed = (await (await fetch(new URL('/messages.json', catcher.pageUrl))).json()) as {
      to: string[];
      subject: string;
    }[];
    expect(listed.map((mail) => [mail.to, mail.subject])).toEqual([
      [['third@example.test'], 'Third'],
      [['priya@staff.test'], 'Ana invited you to <Maple> on Arbor'],
    ]);
  });

  it('answers 404 to anything but its page and its list', async () => {
    expect((await fetch(new URL('/nope', catcher.pageUrl))).status).toBe(404);
    expect((await fetch(catcher.pageUrl, { method: 'POST' })).status).toBe(404);
  });
});
