/**
 * `npm start`: build the extension, serve the demo helpdesk pages and open
 * Chromium with Steady loaded on a start page that links them all.
 */
import { relative } from 'node:path';
import { FIXTURE_ROUTES } from '../fixtures/routes';
import { ensureExtensionBuilt } from '../support/extension-build';
import { EXTENSION_DIR, ROOT } from '../support/paths';
import { launchSteady } from '../support/steady-browser';

const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

async function main(): Promise<number> {
  // Before building: without a display there is nothing to show the build in.
  if (!hasDisplay) {
    console.error(
      [
        'No display found, so the demo browser cannot open a window. Instead:',
        '  • run `npm test` for the headless suite (the same pages, driven automatically), or',
        '  • run `xvfb-run npm start` (Debian: `sudo apt-get install -y xvfb`) or start this from a desktop session, or',
        `  • load ${relative(ROOT, EXTENSION_DIR)} into Chrome by hand: chrome://extensions → Developer mode → Load unpacked.`,
        '    The demo pages answer at the helpdesks\' real addresses only inside the browser `npm start` launches,',
        '    so in your own Chrome try Steady on your real helpdesk.',
      ].join('\n'),
    );
    return 1;
  }
  console.log(`Preparing the extension build (${relative(ROOT, EXTENSION_DIR)})…`);
  ensureExtensionBuilt();
  // A fresh profile each time: Steady's button pinned, and the welcome page of a first install, linking the demo pages.
  const steady = await launchSteady({ headful: true, pinned: true, keepWelcome: true });
  const startPage = steady.context.pages().find((page) => page !== steady.welcome) ?? (await steady.context.newPage());
  await startPage.goto(`${steady.server.origin}/`);
  await steady.welcome?.goto(`chrome-extension://${steady.extensionId}/welcome.html?demo=${encodeURIComponent(`${steady.server.origin}/`)}`);
  console.log(`Steady demo is running. Start page: ${steady.server.origin}/ (close the browser window or press Ctrl+C to stop)`);
  for (const { title, example } of FIXTURE_ROUTES) console.log(`  ${title}: ${example}`);
  // Ctrl+C is handled by Playwright, which closes Chromium and exits.
  await new Promise<void>((resolve) => steady.context.on('close', () => resolve()));
  await steady.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  },
);
