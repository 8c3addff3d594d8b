import { escapeHtml, linkify, mailPage } from './page';

describe('the mail page', () => {
  it('escapes every character HTML gives meaning to', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;',
    );
  });

  it('makes http(s) addresses links, leaving a sentence’s full stop out and other schemes as text', () => {
    expect(linkify('Accept: https://app.test/invitations/abc_-1. Or javascript:alert(1)')).toBe(
      'Accept: <a href="https://app.test/invitations/abc_-1" rel="noreferrer">https://app.test/invitations/abc_-1</a>. Or javascript:alert(1)',
    );
  });

  it('keeps a link’s query string intact and escaped', () => {
    expect(linkify('http://a.test/sign-in?next=%2Fportal&x=1')).toBe(
      '<a href="http://a.test/sign-in?next=%2Fportal&amp;x=1" rel="noreferrer">http://a.test/sign-in?next=%2Fportal&amp;x=1</a>',
    );
  });

  it('shows subject, recipients, time and text of each message, escaped', () => {
    const page = mailPage(
      [
        {
          id: 1,
          receivedAt: new Date('2026-12-01T12:00:00.000Z'),
          from: 'Arbor <no-reply@arbor.test>',
          to: ['casey@client.test'],
          subject: '<script>alert(1)</script>',
          text: 'Hello <b>Casey</b>',
          hasHtml: false,
        },
      ],
      'smtp://127.0.0.1:1025',
    );
    expect(page).toContain('<h2>&lt;script&gt;alert(1)&lt;/script&gt;</h2>');
    expect(page).not.toContain('<script>');
    expect(page).toContain('<dd>casey@client.test</dd>');
    expect(page).toContain('<dd>Arbor &lt;no-reply@arbor.test&gt;</dd>');
    expect(page).toContain('2026-12-01T12:00:00.000Z');
    expect(page).toContain('<pre>Hello &lt;b&gt;Casey&lt;/b&gt;</pre>');
  });
});
