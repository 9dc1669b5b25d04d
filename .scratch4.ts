import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { generateConversation } from './tests/bench/analysis.bench';
const y = parse(readFileSync('rules/triggers.yaml', 'utf8'));
const msgs = generateConversation(500).filter((m) => m.role === 'customer');
const W = '[A-Za-z0-9\\u00C0-\\u024F]';
const variants: Record<string, (src: string[]) => RegExp> = {
  lookbehind: (s) => new RegExp(`(?<!${W})(?:${s.map((x) => `(?:${x})`).join('|')})(?!${W})`, 'gim'),
  none: (s) => new RegExp(`(?:${s.map((x) => `(?:${x})`).join('|')})(?!${W})`, 'gim'),
  lower_noi: (s) => new RegExp(`(?<!${W})(?:${s.map((x) => `(?:${x})`).join('|')})(?!${W})`, 'gm'),
};
for (const [name, make] of Object.entries(variants)) {
  const res = y.triggers.map((t: any) => make(t.phrases));
  const texts = name === 'lower_noi' ? msgs.map((m) => m.text.toLowerCase()) : msgs.map((m) => m.text);
  const run = () => { for (const m of texts) for (const r of res) for (const _ of m.matchAll(r)); };
  for (let i = 0; i < 10; i++) run();
  const c0 = process.cpuUsage(); for (let i = 0; i < 50; i++) run(); const c = process.cpuUsage(c0); console.log(name, ((c.user + c.system) / 1000 / 50).toFixed(2));
}
