import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';
const dir = '/work/shared/corpus/maia';
const seen = new Set<string>(); const rows: [string, number][] = [];
for (const f of readdirSync(dir).filter((f) => f.endsWith('.json')).sort())
  for (const d of JSON.parse(readFileSync(`${dir}/${f}`, 'utf8'))) { if (seen.has(d.id)) continue; seen.add(d.id);
    for (const t of d.turns) if (t.floor === 'inbound') t.text_mt.forEach((s: string, i: number) => { if (typeof t.Emotion?.[i] === 'number') rows.push([s, t.Emotion[i]]); }); }
const y = parse(readFileSync('rules/triggers.yaml', 'utf8'));
const conf = y.triggers.find((t: any) => t.id === 'confusion').phrases as string[];
const extra = process.argv.slice(2);
const total4 = rows.filter((r) => r[1] === 4).length;
const covered = new Set<number>();
for (const p of [...conf, ...extra]) {
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${p})(?![\\p{L}\\p{N}])`, 'imu');
  let tp = 0, fp = 0, newTp = 0, newFp = 0;
  rows.forEach((r, i) => { if (re.test(r[0])) { if (r[1] === 4) tp++; else fp++; if (!covered.has(i)) { if (r[1] === 4) newTp++; else newFp++; } covered.add(i); } });
  console.log(`${tp}/${tp + fp}  new ${newTp}/${newTp + newFp}  ${p.slice(0, 90)}`);
}
let tp = 0; for (const i of covered) if (rows[i][1] === 4) tp++;
const P = tp / covered.size, R = tp / total4; console.log('P', P.toFixed(3), 'R', R.toFixed(3), 'F1', (2 * P * R / (P + R)).toFixed(3));
if (process.env.SHOW) rows.forEach((r, i) => { if (r[1] === 4 && !covered.has(i)) console.log('  MISS', r[0].slice(0, 110)); });
if (process.env.SHOWFP) rows.forEach((r, i) => { if (r[1] !== 4 && covered.has(i)) console.log('  FP', r[1], r[0].slice(0, 110)); });
