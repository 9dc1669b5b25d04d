/**
 * Renders the one icon drawing (assets/icon.svg) to the PNG sizes Chrome and
 * Firefox use (public/icon/<size>.png, which WXT puts in the manifest).
 * Run after changing the drawing: `npm run icons`. The PNGs are committed so a
 * build needs no renderer.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

export const ICON_SIZES = [16, 32, 48, 128] as const;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const svg = readFileSync(join(root, 'assets/icon.svg'), 'utf8');
mkdirSync(join(root, 'public/icon'), { recursive: true });
for (const size of ICON_SIZES) {
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
  writeFileSync(join(root, `public/icon/${size}.png`), png);
  console.log(`public/icon/${size}.png (${png.length} bytes)`);
}
