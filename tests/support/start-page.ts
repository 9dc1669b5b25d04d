/** The demo start page: one link per fixture route, at its real-looking URL. */
import type { FixtureRoute } from '../fixtures/routes';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export function startPageHtml(routes: readonly FixtureRoute[], origin: string): string {
  const items = routes
    .map(({ title, example }) => `<li><a href="${escapeHtml(example)}">${escapeHtml(title)}</a><br><code>${escapeHtml(example)}</code></li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Steady demo</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; max-width: 720px; margin: 40px auto; padding: 0 16px; color: #1b1d21; }
  li { margin: 12px 0; } code { color: #6b7080; font-size: 13px; }
</style></head>
<body>
<h1>Steady demo</h1>
<p>Each page below is a stand-in for a helpdesk, served from this machine at the helpdesk's real address.
Open one, click into the reply box and write a reply: Steady shows how many phrases are worth a second look.
For the side panel, click the Steady button in the toolbar (pinned right of the address bar) or press Alt+Shift+S.</p>
<ul>
${items}
</ul>
<p>Pages are served by the fixture server at <code>${escapeHtml(origin)}</code>; nothing here reaches the internet.</p>
</body>
</html>`;
}
