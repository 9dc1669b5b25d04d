/** Vitest globalSetup for the e2e suite: fail fast without Chromium, then build the extension once. */
import { chromiumPath } from './chromium';
import { ensureExtensionBuilt } from './extension-build';

export default function setup(): void {
  try {
    chromiumPath();
  } catch (error) {
    // One clear line instead of a stack trace: this is a set-up problem, not a test failure.
    console.error((error as Error).message);
    process.exit(1);
  }
  ensureExtensionBuilt();
}
