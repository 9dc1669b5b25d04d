import { performance } from 'node:perf_hooks';
import { loadBuiltinPack } from './lib/node/rule-files';
import { parsePackText } from './lib/settings/packs';
import { createLinter } from './lib/engine';
const b = loadBuiltinPack();
const words = ['alpha','bravo','charlie','delta','echo','foxtrot','golf','hotel','india','juliet','kilo','lima','mike','november','oscar','papa'];
const rules = Array.from({ length: 5000 }, (_, i) => ({
  id: `team-rule-${i}`, category: 'jargon', severity: 'suggestion', message: 'Say it plainly.',
  match: [`${words[i % 16]} ${words[(i >> 4) % 16]} ${words[(i >> 8) % 16]} term${i}`], rewrites: ['plain words'],
  examples: { flag: ['a', 'b', 'c'], pass: ['d', 'e', 'f'] },
}));
const text = JSON.stringify({ rules });
let t = performance.now();
const r = parsePackText(text, 'big.json', b.pack);
const parse = performance.now() - t;
if (!r.ok) throw new Error(r.error);
t = performance.now();
const linter = createLinter({ packs: [r.pack] });
linter.lint('Hello alpha bravo charlie term0 there.');
const lint = performance.now() - t;
t = performance.now();
const r2 = parsePackText(text, 'big.json', b.pack);
if (!r2.ok) throw 0;
createLinter({ packs: [r2.pack] }).lint('Hello alpha bravo charlie term0 there.');
const reload = performance.now() - t;
console.log({ parse, lint, reload, bytes: text.length });
