/**
 * npm run eval [-- <name> [options]]: runs every tests/eval/*.eval.ts (or the
 * one named), each a default-exported function taking the remaining argv.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
const [only, ...rest] = process.argv.slice(2);
const names = readdirSync(dir).filter((f) => f.endsWith('.eval.ts')).map((f) => f.replace('.eval.ts', '')).sort();
const chosen = only && !only.startsWith('-') ? names.filter((n) => n === only) : names;
if (chosen.length === 0) {
  console.error(`Unknown evaluation "${only}". Available: ${names.join(', ')}`);
  process.exit(2);
}
for (const name of chosen) {
  console.log(`\n=== eval: ${name} ===`);
  const mod = (await import(pathToFileURL(join(dir, `${name}.eval.ts`)).href)) as { default: (argv: string[]) => unknown };
  await mod.default(only === name ? rest : []);
}
