/**
 * npm run train [-- --hold-out S,T] [--threshold 0.6] [--features 8000] [--l2 2e-5] [--dry-run]
 *
 * Trains rules/sentence-model.yaml: multinomial logistic regression (the 12 phrase categories and
 * "none") over sentence n-grams (lib/engine/sentence-model.ts).
 *   positives and hard negatives: sentences of the hand-labelled sets in tests/eval/handmade
 *     (a sentence takes the category of the labelled phrase it overlaps; the others are "none"), and
 *     the flag and pass examples of rules/sentence-advice.yaml;
 *   negatives: the sentences no rule flags of half the real agent replies and half the polite control
 *     replies (by seed; the other halves stay for measuring), from ../shared/corpus;
 *   Steady's own words (rule examples with their rewrites applied, the scenario scripts' lines) as negatives;
 *   real sentences judged by hand (tests/eval/real-judged.jsonl: candidates from the training half,
 *     and an earlier model's hits in the other half): weak ones as positives of their category, the
 *     others as negatives.
 * Held-out sets are left out of training, so `npm run eval -- handmade` can score them blind.
 * Deterministic: the same data and options write the same file.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readRuleFiles, RULES_DIR } from '../lib/node/rule-files';
import { applyFindingRewrite, buildBuiltinPack, builtinPack, createLinter, setBuiltinPack } from '../lib/engine';
import { splitSentences } from '../lib/engine/sentences';
import { tokenize } from '../lib/engine/tokenize';
import { modelWords, ngrams, ADVICE_FILE, MODEL_FILE, NO_CATEGORY, type CategoryAdvice, type SentenceModelData } from '../lib/engine/sentence-model';
import { PHRASE_CATEGORIES } from '../lib/engine/types';
import { readJsonl, shuffle, seedFor, CORPUS_DIR, type CorpusRow } from '../tests/eval/corpus';
import { HANDMADE_DIR, readHandmadeSet, controlHalf, realHalf, readJudged } from '../tests/eval/handmade';
import { validateScripts, SCRIPTS_FILE } from '../lib/scripts/library';
import { fillPlaceholders } from '../lib/scripts/search';

const { values } = parseArgs({
  options: {
    'hold-out': { type: 'string', default: '' },
    threshold: { type: 'string', default: '0.6' },
    features: { type: 'string', default: '8000' },
    l2: { type: 'string', default: '2e-5' },
    out: { type: 'string', default: join(RULES_DIR, MODEL_FILE) },
    'dry-run': { type: 'boolean', default: false },
  },
});
const SEED = 20261205;
const CLASSES = [...PHRASE_CATEGORIES, NO_CATEGORY];
const NONE = CLASSES.length - 1;
const heldOut = new Set(values['hold-out']!.split(',').filter(Boolean));

interface Sample {
  grams: string[];
  label: number;
}

function sentencesOf(text: string, labels: { start: number; end: number; category: string }[]): Sample[] {
  return splitSentences(text).map((s) => {
    const label = labels.find((l) => l.start < s.end && s.start < l.end);
    return { grams: ngrams(modelWords(tokenize(text, s.start, s.end))), label: label ? CLASSES.indexOf(label.category) : NONE };
  });
}

const samples: Sample[] = [];
const sets = readdirSync(HANDMADE_DIR).filter((f) => f.endsWith('.jsonl')).map((f) => f.replace('.jsonl', '')).filter((s) => !heldOut.has(s));
for (const set of sets) for (const reply of readHandmadeSet(set)) samples.push(...sentencesOf(reply.text, reply.labels));
// The examples of rules/sentence-advice.yaml, three times over: the test suite holds the model to them.
const advice = readRuleFiles()[ADVICE_FILE] as Record<string, CategoryAdvice>;
for (const [category, { examples }] of Object.entries(advice)) {
  for (let copy = 0; copy < 3; copy++) {
    for (const text of examples.flag) samples.push({ grams: ngrams(modelWords(tokenize(text))), label: CLASSES.indexOf(category) });
    for (const text of examples.pass) samples.push({ grams: ngrams(modelWords(tokenize(text))), label: NONE });
  }
}
const labelled = samples.length;

// Negatives: sentences the rules leave alone (the model is only asked about those), from the training
// halves of the real and control replies; real sentences judged by hand (real-judged.jsonl) keep their
// label. They are read with the rules alone: the model being replaced may not even load.
const ruleFiles = readRuleFiles();
delete ruleFiles[MODEL_FILE];
setBuiltinPack(buildBuiltinPack(ruleFiles));
const linter = createLinter();
const corpus = readJsonl('agent-replies.jsonl');
if (!corpus) throw new Error('the corpus is needed for negatives: set STEADY_CORPUS');
const labelledIds = new Set(readFileSync(join(CORPUS_DIR, 'labelled-replies.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { id: string }).id));
const judged = readJudged();
const unflagged = (reply: CorpusRow): Sample[] => {
  const findings = linter.lint(reply.text).filter((f) => f.category !== 'draft');
  return splitSentences(reply.text)
    .filter((s) => !findings.some((f) => f.start < s.end && s.start < f.end))
    .map((s) => ({ grams: ngrams(modelWords(tokenize(reply.text, s.start, s.end))), label: CLASSES.indexOf(judged.get(`${reply.id} ${s.start}`) ?? NO_CATEGORY) }));
};
const realTraining = realHalf(corpus, labelledIds).training;
let realCount = 0;
for (const reply of realTraining) for (const s of unflagged(reply)) (samples.push(s), realCount++);
// Judged sentences of the other half (hits of an earlier model, judged to measure its precision).
const trainingIds = new Set(realTraining.map((r) => r.id));
const byId = new Map(corpus.map((r) => [r.id, r]));
for (const [key, category] of judged) {
  const [id, start] = key.split(' ');
  const reply = byId.get(id);
  if (!reply || trainingIds.has(id)) continue;
  const s = splitSentences(reply.text).find((r) => r.start === Number(start));
  if (s) (samples.push({ grams: ngrams(modelWords(tokenize(reply.text, s.start, s.end))), label: CLASSES.indexOf(category) }), realCount++);
}
for (const reply of controlHalf(corpus).training) samples.push(...unflagged(reply));

// Steady's own words are never weak: every rule's pass examples, its flag examples with each of the
// first finding's rewrites applied (then every other finding's first), and the lines of the scenario
// scripts, as far as no rule flags them.
const own = (text: string): Sample[] => unflagged({ id: '', source: '', text });
let ownCount = 0;
for (const script of validateScripts(ruleFiles[SCRIPTS_FILE])) for (const line of script.say) for (const s of own(fillPlaceholders(line, {}).text)) (samples.push(s), ownCount++);
for (const rule of builtinPack().pack.rules) {
  for (const text of rule.examples.pass) for (const s of own(text)) (samples.push(s), ownCount++);
  for (const text of rule.examples.flag) {
    const first = linter.lint(text).find((f) => f.category !== 'draft' && f.rewrites.length);
    for (let k = 0; first && k < first.rewrites.length; k++) for (const s of own(withEveryRewrite(applyFindingRewrite(text, first, k)))) (samples.push(s), ownCount++);
  }
}
console.log(`${sets.join(' ')}: ${labelled} sentences; real: ${realCount} (${judged.size} judged), control: ${samples.length - labelled - realCount - ownCount}, Steady's own: ${ownCount}`);

// Features seen at least twice, then a first fit, the strongest `features` kept, and a refit on them.
const counts = new Map<string, number>();
for (const s of samples) for (const g of s.grams) counts.set(g, (counts.get(g) ?? 0) + 1);
let vocabulary = [...counts].filter(([g, n]) => n >= 2 && !g.includes('|')).map(([g]) => g).sort();
let weights = fit(samples, vocabulary);
const strength = vocabulary.map((_, f) => largest(weights.w.slice(f * CLASSES.length, (f + 1) * CLASSES.length)));
const keep = Number(values.features);
if (vocabulary.length > keep) {
  const order = vocabulary.map((_, f) => f).sort((a, b) => strength[b] - strength[a] || (vocabulary[a] < vocabulary[b] ? -1 : 1));
  vocabulary = order.slice(0, keep).map((f) => vocabulary[f]).sort();
  weights = fit(samples, vocabulary);
}

const max = Math.max(largest(weights.w), largest(weights.b));
const scale = max / 127;
const words = [...new Set(vocabulary.flatMap((g) => g.split(' ')))].sort();
const wordNumber = new Map(words.map((w, i) => [w, i + 1]));
const grams = new Uint8Array(vocabulary.length * 6);
vocabulary.forEach((gram, f) => gram.split(' ').forEach((w, k) => ((grams[f * 6 + k * 2] = wordNumber.get(w)! & 0xff), (grams[f * 6 + k * 2 + 1] = wordNumber.get(w)! >> 8))));
if (words.length >= 65536) throw new Error(`${words.length} words: the model stores word numbers in 16 bits`);
const roundedScale = Number(scale.toPrecision(6));
const model: SentenceModelData = {
  classes: CLASSES,
  threshold: Number(values.threshold),
  scale: roundedScale,
  bias: weights.b.map((b) => Math.round(b / roundedScale)),
  words: words.join('|'),
  grams: Buffer.from(grams).toString('base64'),
  weights: Buffer.from(Int8Array.from(weights.w, (w) => Math.max(-127, Math.min(127, Math.round(w / roundedScale)))).buffer).toString('base64'),
};
const header = `# Generated by \`npm run train\` (scripts/train-sentence-model.ts); do not edit by hand.
# Trained on: ${sets.join(', ')} (tests/eval/handmade), real and control replies as negatives.${heldOut.size ? `\n# Held out: ${[...heldOut].join(', ')}.` : ''}
`;
const yaml = `${header}classes: [${model.classes.join(', ')}]
threshold: ${model.threshold}
scale: ${model.scale}
bias: [${model.bias.join(', ')}]
words: "${model.words}"
grams: ${model.grams}
weights: ${model.weights}
`;
if (values['dry-run']) console.log(`${vocabulary.length} features (dry run: nothing written)`);
else {
  writeFileSync(values.out!, yaml);
  console.log(`${vocabulary.length} features, ${Math.round(yaml.length / 1024)} KB: ${values.out}`);
}

/** `text` with the first rewrite of each phrase finding applied in turn (at most 12). */
function withEveryRewrite(text: string): string {
  const done = new Set<string>();
  for (let i = 0; i < 12; i++) {
    const f = linter.lint(text).find((x) => x.category !== 'draft' && x.rewrites.length && !done.has(x.ruleId));
    if (!f) break;
    done.add(f.ruleId);
    text = applyFindingRewrite(text, f, 0);
  }
  return text;
}

/**
 * Softmax regression by AdaGrad over shuffled samples, with L2 on the weights. `w[f * K + c]` is the
 * weight of feature f for class c.
 */
function fit(data: readonly Sample[], features: readonly string[]): { w: number[]; b: number[] } {
  const K = CLASSES.length;
  const index = new Map(features.map((f, i) => [f, i]));
  const rows = data.map((s) => ({ f: Int32Array.from(s.grams.map((g) => index.get(g) ?? -1).filter((i) => i >= 0)), label: s.label }));
  const w = new Float64Array(features.length * K);
  const gw = new Float64Array(features.length * K).fill(1e-8);
  const b = new Float64Array(K);
  const gb = new Float64Array(K).fill(1e-8);
  const p = new Float64Array(K);
  const RATE = 0.3;
  const L2 = Number(values.l2);
  const EPOCHS = 12;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (const row of shuffle(rows, seedFor(SEED, `epoch ${epoch}`))) {
      let max = -Infinity;
      for (let c = 0; c < K; c++) {
        let z = b[c];
        for (const f of row.f) z += w[f * K + c];
        p[c] = z;
        if (z > max) max = z;
      }
      let total = 0;
      for (let c = 0; c < K; c++) total += p[c] = Math.exp(p[c] - max);
      for (let c = 0; c < K; c++) {
        const g = p[c] / total - (c === row.label ? 1 : 0);
        gb[c] += g * g;
        b[c] -= (RATE * g) / Math.sqrt(gb[c]);
        for (const f of row.f) {
          const at = f * K + c;
          const gf = g + L2 * w[at];
          gw[at] += gf * gf;
          w[at] -= (RATE * gf) / Math.sqrt(gw[at]);
        }
      }
    }
  }
  return { w: [...w], b: [...b] };
}

/** The largest magnitude in `values` (a spread of 80,000 weights would overflow the stack). */
function largest(values: readonly number[]): number {
  let max = 0;
  for (const v of values) max = Math.max(max, Math.abs(v));
  return max;
}
