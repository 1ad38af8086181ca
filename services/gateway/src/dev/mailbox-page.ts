import type { MailboxMessage } from '@seed/contracts';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const LINK = /https?:\/\/[^\s<>"')]+/g;
const CODE = /(?<![0-9])[0-9]{6}(?![0-9])/g;

/** The text with its links as anchors and its codes as buttons that copy them. */
function body(text: string): string {
  let html = '';
  let last = 0;
  for (const m of text.matchAll(LINK)) {
    html += codes(text.slice(last, m.index));
    html += `<a href="${escapeHtml(m[0])}">${escapeHtml(m[0])}</a>`;
    last = m.index + m[0].length;
  }
  return html + codes(text.slice(last));
}

const codes = (text: string) =>
  escapeHtml(text).replace(CODE, (code) => `<button class="code" data-code="${code}" title="Copy">${code}</button>`);

function card(m: MailboxMessage): string {
  const data = m.data && Object.keys(m.data).length ? `<pre>${escapeHtml(JSON.stringify(m.data, null, 2))}</pre>` : '';
  return `<article class="${m.kind}">
  <header><span class="kind">${m.kind}</span> to <b>${escapeHtml(m.to)}</b> <time>${escapeHtml(m.sentAt)}</time></header>
  ${m.subject ? `<h2>${escapeHtml(m.subject)}</h2>` : ''}
  <p>${body(m.text)}</p>${data}
</article>`;
}

/** The development mailbox as one page: newest first, links clickable, codes copied on a click. */
export function mailboxPage(messages: MailboxMessage[], opts: { to?: string | undefined; problem?: string }): string {
  const list = messages.length
    ? messages.map(card).join('\n')
    : `<p class="empty">${escapeHtml(opts.problem ?? 'No messages yet. Sign up in the console, or ask for a code.')}</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Mailbox · Seed development</title>
<link rel="icon" href="data:,">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { font: 15px/1.5 system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #1d2330; }
  h1 { font-size: 1.4rem; } h2 { font-size: 1rem; margin: .3rem 0; }
  article { border: 1px solid #d5dae3; border-radius: 8px; padding: .8rem 1rem; margin: .8rem 0; }
  header { color: #5b6475; font-size: .9rem; } time { float: right; }
  .kind { text-transform: uppercase; font-weight: 600; font-size: .75rem; background: #eef1f6; padding: .1rem .4rem; border-radius: 4px; }
  p { white-space: pre-wrap; word-break: break-word; margin: .3rem 0; }
  button.code { font: 600 1rem ui-monospace, monospace; letter-spacing: .1em; cursor: pointer; }
  form { margin: 1rem 0; } .empty { color: #5b6475; }
</style>
</head>
<body>
<h1>Development mailbox</h1>
<p>Emails, SMS and pushes the worker's log drivers delivered, newest first. Off in production.
JSON: <a href="/api/v1/dev/mailbox">/api/v1/dev/mailbox</a>. The console: <a href="/console/">/console/</a>.</p>
<form method="get"><input name="to" placeholder="to (email or phone)" value="${escapeHtml(opts.to ?? '')}"> <button>Filter</button> <a href="/dev/mailbox">Refresh</a></form>
${list}
<script>
document.addEventListener('click', (e) => {
  const code = e.target.closest && e.target.closest('button.code');
  if (code) navigator.clipboard?.writeText(code.dataset.code).then(() => { code.title = 'Copied'; }, () => {});
});
</script>
</body>
</html>`;
}
