import type { OutboxMessage } from "./text-message.ts";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/** The outbox as a page, newest first, reloading itself: where a developer reads the code they were sent. */
export function outboxPage(messages: readonly OutboxMessage[]): string {
  const rows = [...messages]
    .reverse()
    .map(
      (m) =>
        `<li><time>${new Date(m.at * 1000).toISOString()}</time> to <b class="to">${escapeHtml(m.destinationPhoneNumber)}</b>` +
        `${m.originationIdentity ? ` from ${escapeHtml(m.originationIdentity)}` : ""}<p class="body">${escapeHtml(m.messageBody)}</p></li>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en"><meta charset="utf-8"><meta http-equiv="refresh" content="3">
<title>SMS outbox (local)</title>
<style>body{font:15px system-ui,sans-serif;margin:2rem;max-width:40rem}li{margin:0 0 1rem}time{color:#666}p{margin:.25rem 0;white-space:pre-wrap}</style>
<h1>SMS outbox</h1>
<p>Texts the local stack sent through End User Messaging SMS. Nothing leaves this machine.</p>
${rows ? `<ol>${rows}</ol>` : "<p><i>No texts yet.</i></p>"}
</html>
`;
}
