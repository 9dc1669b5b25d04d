/** Finds the Chromium the e2e tests and the demo drive. Never skips: a missing browser is an error. */
import { existsSync } from 'node:fs';

const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_MISSING =
  'Chromium not found at /usr/bin/chromium or $CHROMIUM_PATH — install it with `sudo apt-get install -y chromium` or set CHROMIUM_PATH';

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  if (!existsSync(path)) throw new Error(CHROMIUM_MISSING);
  return path;
}
