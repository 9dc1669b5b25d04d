/** Where things are, for the e2e harness and the demo. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const EXTENSION_DIR = join(ROOT, '.output/chrome-mv3');
export const FIREFOX_EXTENSION_DIR = join(ROOT, '.output/firefox-mv2');
export const FIXTURES_DIR = join(ROOT, 'tests/fixtures');
export const EDITOR_BUNDLES_DIR = join(FIXTURES_DIR, 'editors');
