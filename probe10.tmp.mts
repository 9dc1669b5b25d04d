import { performance } from 'node:perf_hooks';
import { loadBuiltinPack } from './lib/node/rule-files';
import { validatePack } from './lib/engine/pack';
import { createLinter } from './lib/engine';
const b = loadBuiltinPack();
const words = ['alpha','bravo','charlie','delta','echo','foxtrot','golf','hotel','india','juliet','kilo','lima','mike','november','oscar','papa'];
const rules = Array.from({ length: 5000 }, (_, i) => ({
  id: `team-rule-${i}`, category: 'jargon', severity: 'suggestion', message: 'Say it plainly.',
  match: [`${words[i % 16]} ${words[(i >> 4) % 16]} ${words[(i >> 8) % 16]} term${i}`], rewrites: ['plain words'],
  examples: { flag: ['a', 'b', 'c'], pass: ['d', 'e', 'f'] },
}));
const data = JSON.parse(JSON.stringify({ rules }));
for (let k = 0; k < 3; k++) {
let t = performance.now();
const pack = validatePack(data, 'x', b.pack.macros);
const v = performance.now() - t; t = performance.now();
createLinter({ packs: [pack] }).lint('Hello alpha bravo charlie term0 there.');
console.log('validate', v.toFixed(0), 'linter+lint', (performance.now() - t).toFixed(0));
}
