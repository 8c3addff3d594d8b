/** One message as the catcher keeps it: what a reader needs to see, nothing of the raw MIME. */
export interface CaughtMail {
  readonly id: number;
  readonly receivedAt: Date;
  readonly from: string;
  /** The envelope's recipients (RCPT TO): where the mail server was told to deliver it. */
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  /** Whether the message had an HTML part, which the page does not render. */
  readonly hasHtml: boolean;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

// Up to the first character that cannot end a link in plain text (whitespace, quotes, brackets).
const LINK = /https?:\/\/[^\s<>"'()]+/g;

/**
 * Plain text as HTML: everything escaped, and each http(s) address made a link (the point of the
 * page: following an invitation). Other schemes stay text, so a `javascript:` line is inert.
 */
export function linkify(text: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    // A sentence's full stop or comma after an address is not part of it.
    const url = match[0].replace(/[.,;:!?]+$/, '');
    const start = match.index;
    html += escapeHtml(text.slice(last, start));
    html += `<a href="${escapeHtml(url)}" rel="noreferrer">${escapeHtml(url)}</a>`;
    last = start + url.length;
  }
  return html + escapeHtml(text.slice(last));
}

function messageHtml(mail: CaughtMail): string {
  return [
    `<article id="mail-${mail.id}">`,
    `<h2>${escapeHtml(mail.subject || '(no subject)')}</h2>`,
    '<dl>',
    `<dt>To</dt><dd>${escapeHtml(mail.to.join(', '))}</dd>`,
    `<dt>From</dt><dd>${escapeHtml(mail.from)}</dd>`,
    `<dt>Received</dt><dd><time datetime="${mail.receivedAt.toISOString()}">${mail.receivedAt.toISOString()}</time></dd>`,
    '</dl>',
    `<pre>${linkify(mail.text)}</pre>`,
    mail.hasHtml ? '<p class="note">This message also has an HTML part, not shown here.</p>' : '',
    '</article>',
  ].join('\n');
}

/** The page: every message kept, newest first; it reloads itself so new mail shows up. */
export function mailPage(mails: readonly CaughtMail[], smtpUrl: string): string {
  const body =
    mails.length === 0
      ? `<p>No mail yet. Anything sent to ${escapeHtml(smtpUrl)} shows up here.</p>`
      : mails.map(messageHtml).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="5">
<title>Arbor mail catcher (${mails.length})</title>
<style>
body { font: 15px/1.4 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
article { border: 1px solid #ccc; border-radius: 6px; padding: 0 1rem 1rem; margin-bottom: 1rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 1rem; }
dt { font-weight: 600; }
dd { margin: 0; }
pre { white-space: pre-wrap; background: #f6f6f6; padding: 0.75rem; }
.note { color: #666; }
</style>
</head>
<body>
<h1>Arbor mail catcher</h1>
<p>Mail sent to ${escapeHtml(smtpUrl)}, newest first, kept in memory until the catcher stops. Nothing is delivered anywhere.</p>
${body}
</body>
</html>
`;
}
