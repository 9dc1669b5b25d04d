import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import { loadBuiltinPack } from './lib/node/rule-files';
import { validatePack, ruleSchema } from './lib/engine/pack';
const b = loadBuiltinPack();
const words = ['alpha','bravo','charlie','delta','echo','foxtrot','golf','hotel','india','juliet','kilo','lima','mike','november','oscar','papa'];
const rules = Array.from({ length: 5000 }, (_, i) => ({
  id: `team-rule-${i}`, category: 'jargon', severity: 'suggestion', message: 'Say it plainly.',
  match: [`${words[i % 16]} ${words[(i >> 4) % 16]} ${words[(i >> 8) % 16]} term${i}`], rewrites: ['plain words'],
  examples: { flag: ['a', 'b', 'c'], pass: ['d', 'e', 'f'] },
}));
const text = JSON.stringify({ rules });
const T = (l: string, f: () => unknown) => { const t = performance.now(); const r = f(); console.log(l, (performance.now() - t).toFixed(0)); return r; };
T('JSON.parse', () => JSON.parse(text));
const data = T('yaml.parse', () => parse(text));
T('zod rules', () => rules.forEach((r) => ruleSchema.safeParse(r)));
T('validatePack', () => validatePack(data, 'x', b.pack.macros));
