/** Builds the production extension (`wxt build`, for Chrome or Firefox) unless its output is newer than every source. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR, FIREFOX_EXTENSION_DIR, ROOT } from './paths';

/** Everything the extension bundle is made from. */
const SOURCES = ['entrypoints', 'components', 'lib', 'rules', 'types', 'public', 'assets', 'wxt.config.ts', 'package.json', 'tsconfig.json'];

export function ensureExtensionBuilt(browser: 'chrome' | 'firefox' = 'chrome'): string {
  const dir = browser === 'chrome' ? EXTENSION_DIR : FIREFOX_EXTENSION_DIR;
  const manifest = join(dir, 'manifest.json');
  if (existsSync(manifest) && statSync(manifest).mtimeMs > newestSourceChange()) return dir;
  const wxt = join(ROOT, 'node_modules/.bin/wxt');
  const build = spawnSync(wxt, ['build', '-b', browser], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (build.status !== 0) {
    throw new Error(`wxt build failed (exit ${build.status ?? build.signal}):\n${build.stdout}\n${build.stderr}`.trim());
  }
  return dir;
}

function newestSourceChange(): number {
  let newest = 0;
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    newest = Math.max(newest, stat.mtimeMs);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  for (const source of SOURCES) visit(join(ROOT, source));
  return newest;
}
