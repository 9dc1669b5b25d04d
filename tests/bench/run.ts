/**
 * npm run bench [-- <name>]: runs every tests/bench/*.bench.ts (or the one
 * named). Each prints medians and ratios against a baseline measured in the
 * same run; nothing here is a pass/fail timing test.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const names = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace('.bench.ts', '')).sort();
const chosen = only ? names.filter((n) => n === only) : names;
if (chosen.length === 0) {
  console.error(`Unknown benchmark "${only}". Available: ${names.join(', ')}`);
  process.exit(2);
}
for (const name of chosen) {
  console.log(`\n=== bench: ${name} ===`);
  const mod = (await import(pathToFileURL(join(dir, `${name}.bench.ts`)).href)) as { default: () => unknown };
  await mod.default();
}
