/**
 * The page Steady opens once, on install: what it does, how to open it (the
 * shortcut, pinning the toolbar button), the privacy promise, and where to try it.
 * `?demo=<url>` (set by `npm start`) links the demo helpdesk pages.
 */
import { render } from 'preact';
import { signal } from '@preact/signals';
import { Welcome } from '@/components/Welcome';
import '@/components/panel/panel.css';

const shortcut = signal<string | undefined>(undefined);
const demo = new URLSearchParams(location.search).get('demo');

void browser.commands
  ?.getAll()
  .then((commands) => (shortcut.value = commands.find((c) => c.name === 'open-side-panel')?.shortcut || undefined))
  .catch(() => {});

function App() {
  return (
    <Welcome
      shortcut={shortcut.value}
      demoUrl={demo && /^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(demo) ? demo : undefined}
      onOpenSettings={() => void browser.runtime.openOptionsPage()}
    />
  );
}

render(<App />, document.getElementById('app')!);
