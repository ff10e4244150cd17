import { escapeHtml } from "@latchkey/core/magic-links";
import type { BusEvent } from "./bus-event.ts";

/** The bus's events as a page, newest first, reloading itself: what the stack reported, as a rule would see it. */
export function eventsPage(events: readonly BusEvent[]): string {
  const rows = [...events]
    .reverse()
    .map(
      (e) =>
        `<li><time>${escapeHtml(e.time)}</time> <b class="type">${escapeHtml(e["detail-type"])}</b>` +
        ` from ${escapeHtml(e.source)} on ${escapeHtml(e.eventBusName)}` +
        `<pre class="detail">${escapeHtml(JSON.stringify(e.detail, null, 2))}</pre></li>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en"><meta charset="utf-8"><meta http-equiv="refresh" content="3">
<title>Audit events (local)</title>
<style>body{font:15px system-ui,sans-serif;margin:2rem;max-width:48rem}li{margin:0 0 1rem}time{color:#666}pre{margin:.25rem 0;background:#f4f4f4;padding:.5rem;overflow:auto}</style>
<h1>Audit events</h1>
<p>Events the local stack put on Amazon EventBridge (PutEvents). Nothing leaves this machine.
As JSON: <a href="/store">/store</a>.</p>
${rows ? `<ol>${rows}</ol>` : "<p><i>No events yet.</i></p>"}
</html>
`;
}
