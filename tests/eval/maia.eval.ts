/**
 * npm run eval -- maia: customer sentiment and confusion detection against the
 * MAIA-DQE sentence-level emotion labels (customer turns).
 *   negative-vs-not (labels 3 disappointment, 5 frustration, 6 anger, 7 anxiety):
 *     plain `sentiment` (score < 0) vs Steady (label negative)
 *   confusion (label 4): Steady's confusion trigger, in conversation context
 *   --errors <n>   print n sampled misses of each kind from the tune split only
 *                  (for reading, not for copying)
 * Dialogues are split by a seeded hash of their id: tuning reads only the
 * `tune` split; the `held-out` split is the reported figure.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Sentiment from 'sentiment';
import { createConversationAnalyzer, createSentimentScorer, TRIGGERS_FILE } from '../../lib/analysis';
import { parseTriggerFile } from '../../lib/analysis/trigger-file';
import type { ConversationMessage } from '../../lib/ticket';
import { CORPUS_DIR, sample } from './corpus';

interface MaiaTurn {
  floor: 'inbound' | 'outbound';
  text_mt: string[];
  text_src: string[];
  Emotion: (number | null)[] | null;
}
interface MaiaDialogue {
  id: string;
  turns: MaiaTurn[];
}

type Split = 'tune' | 'held-out';

interface LabelledSentence {
  file: string;
  split: Split;
  text: string;
  emotion: number;
  steadyNegative: boolean;
  plainNegative: boolean;
  confusionHit: boolean;
}

const NEGATIVE_EMOTIONS = new Set([3, 5, 6, 7]);
const CONFUSION = 4;
/** Fixed: changing it reshuffles which dialogues were seen while tuning. */
const SPLIT_SEED = 20261202;
const HELD_OUT_SHARE = 0.5;

/**
 * Which split a dialogue belongs to: a seeded FNV-1a hash of its id, so the split never depends on file order.
 * MAIA ids differ only in their last characters, so the hash gets a final avalanche (MurmurHash3's fmix32).
 */
export function splitOf(dialogueId: string, seed = SPLIT_SEED): Split {
  let hash = 0x811c9dc5 ^ seed;
  for (const ch of dialogueId) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 2 ** 32 < HELD_OUT_SHARE ? 'held-out' : 'tune';
}

const ENGLISH_HINTS = new Set(['the', 'and', 'i', 'to', 'is', 'it', 'you', 'my', 'not', 'can', 'have', 'this', 'with', 'of', 'do', 'what']);

export default function evalMaia(argv: string[] = []): void {
  const { values } = parseArgs({ args: argv, options: { errors: { type: 'string', default: '0' } }, strict: false });
  const dir = join(CORPUS_DIR, 'maia');
  if (!existsSync(dir)) {
    console.log(`skipped: ${dir} not found (set STEADY_CORPUS to the corpus folder to run this evaluation)`);
    return;
  }
  const triggers = parseTriggerFile(readFileSync(new URL(`../../${TRIGGERS_FILE}`, import.meta.url), 'utf8'));
  const scorer = createSentimentScorer();
  const plain = new Sentiment();
  const seen = new Set<string>();
  const rows: LabelledSentence[] = [];

  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const dialogues = JSON.parse(readFileSync(join(dir, file), 'utf8')) as MaiaDialogue[];
    const field = englishCustomerField(dialogues);
    let repeated = 0;
    for (const dialogue of dialogues) {
      if (seen.has(dialogue.id)) {
        repeated++; // the pt-br files share dialogues; count each once
        continue;
      }
      seen.add(dialogue.id);
      rows.push(...scoreDialogue(dialogue, field, file));
    }
    console.log(`${file}: customer English text in ${field}${repeated ? `; ${repeated} dialogues already read from another file` : ''}`);
  }

  function scoreDialogue(dialogue: MaiaDialogue, field: 'text_mt' | 'text_src', file: string): LabelledSentence[] {
    // Each turn is one message; sentence offsets let trigger hits map back to labelled sentences.
    const messages: ConversationMessage[] = [];
    const sentences: { messageId: string; start: number; end: number; text: string; emotion: number | null | undefined }[] = [];
    dialogue.turns.forEach((turn, t) => {
      const customer = turn.floor === 'inbound';
      const parts = customer ? turn[field] : turn.text_src;
      let text = '';
      parts.forEach((sentence, i) => {
        if (text) text += '\n'; // MAIA sentences are often chat lines without end punctuation
        if (customer) sentences.push({ messageId: String(t), start: text.length, end: text.length + sentence.length, text: sentence, emotion: turn.Emotion?.[i] });
        text += sentence;
      });
      messages.push({ id: String(t), role: customer ? 'customer' : 'agent', text });
    });
    const confusion = createConversationAnalyzer({ triggers })
      .read(messages)
      .triggers.filter((h) => h.trigger === 'confusion');
    return sentences
      .filter((s): s is typeof s & { emotion: number } => typeof s.emotion === 'number')
      .map((s) => ({
        file,
        split: splitOf(dialogue.id),
        text: s.text,
        emotion: s.emotion,
        steadyNegative: scorer.score(s.text).label === 'negative',
        plainNegative: plain.analyze(s.text).score < 0,
        confusionHit: confusion.some((h) => h.messageId === s.messageId && h.start < s.end && s.start < h.end),
      }));
  }

  console.log(`\n${rows.length} labelled customer sentences from ${seen.size} dialogues (split by dialogue, seed ${SPLIT_SEED})`);
  const isNegative = (r: LabelledSentence) => NEGATIVE_EMOTIONS.has(r.emotion);
  const pct = (n: number) => n.toFixed(3).padStart(9);
  for (const split of ['tune', 'held-out'] as const) {
    const of = rows.filter((r) => r.split === split);
    const dialogues = [...seen].filter((id) => splitOf(id) === split).length;
    const plainScores = binaryScores(of, isNegative, (r) => r.plainNegative);
    const steadyScores = binaryScores(of, isNegative, (r) => r.steadyNegative);
    const confusionScores = binaryScores(of, (r) => r.emotion === CONFUSION, (r) => r.confusionHit);
    const title = split === 'held-out' ? 'held-out split (the reported figure)' : 'tune split (seen while tuning; --errors reads only this one)';
    console.log(`\n== ${title}: ${of.length} sentences from ${dialogues} dialogues`);
    console.log(`[${split}] ${'negative vs not'.padEnd(28)}${'accuracy'.padStart(9)}${'F1(neg)'.padStart(9)}${'macro-F1'.padStart(9)}`);
    console.log(`[${split}] ${'plain sentiment (score < 0)'.padEnd(28)}${pct(plainScores.accuracy)}${pct(plainScores.f1)}${pct(plainScores.macroF1)}`);
    console.log(`[${split}] ${'Steady (label negative)'.padEnd(28)}${pct(steadyScores.accuracy)}${pct(steadyScores.f1)}${pct(steadyScores.macroF1)}`);
    const gain = steadyScores.f1 - plainScores.f1;
    console.log(`[${split}] F1(neg) gain over plain sentiment: ${gain >= 0 ? '+' : ''}${gain.toFixed(3)} (target >= +0.10)`);
    console.log(
      `[${split}] Confusion trigger vs label 4: precision ${confusionScores.precision.toFixed(3)}, recall ${confusionScores.recall.toFixed(3)}, F1 ${confusionScores.f1.toFixed(3)} (target >= 0.5)`,
    );
    console.log(`[${split}] per file (F1 neg plain / Steady, confusion F1):`);
    for (const file of [...new Set(of.map((r) => r.file))]) {
      const inFile = of.filter((r) => r.file === file);
      const p = binaryScores(inFile, isNegative, (r) => r.plainNegative).f1;
      const st = binaryScores(inFile, isNegative, (r) => r.steadyNegative).f1;
      const c = binaryScores(inFile, (r) => r.emotion === CONFUSION, (r) => r.confusionHit).f1;
      console.log(`  ${file.padEnd(24)} ${p.toFixed(3)} / ${st.toFixed(3)}   ${c.toFixed(3)}   (${inFile.length} sentences)`);
    }
  }

  const n = Number(values.errors);
  if (n > 0) {
    const tune = rows.filter((r) => r.split === 'tune');
    const show = (title: string, picked: LabelledSentence[]) => {
      console.log(`\n--- [tune] ${title} (${picked.length})`);
      for (const r of sample(picked, n)) console.log(`  [${r.emotion}] ${r.text.slice(0, 160)}`);
    };
    show('negative missed by Steady', tune.filter((r) => isNegative(r) && !r.steadyNegative));
    show('Steady negative, label not negative', tune.filter((r) => !isNegative(r) && r.steadyNegative));
    show('confusion missed', tune.filter((r) => r.emotion === CONFUSION && !r.confusionHit));
    show('confusion false alarm', tune.filter((r) => r.emotion !== CONFUSION && r.confusionHit));
  }
}

/** Which field holds the customer's English text in this file (MAIA swaps them for some language pairs). */
function englishCustomerField(dialogues: readonly MaiaDialogue[]): 'text_mt' | 'text_src' {
  const share = (field: 'text_mt' | 'text_src') => {
    let hits = 0;
    let words = 0;
    for (const d of dialogues)
      for (const t of d.turns)
        if (t.floor === 'inbound')
          for (const w of t[field].join(' ').toLowerCase().split(/[^a-z]+/)) {
            if (!w) continue;
            words++;
            if (ENGLISH_HINTS.has(w)) hits++;
          }
    return hits / Math.max(words, 1);
  };
  return share('text_mt') >= share('text_src') ? 'text_mt' : 'text_src';
}

function binaryScores<T>(rows: readonly T[], truth: (r: T) => boolean, predicted: (r: T) => boolean) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const r of rows) {
    const t = truth(r);
    const p = predicted(r);
    if (t && p) tp++;
    else if (p) fp++;
    else if (t) fn++;
    else tn++;
  }
  const f1 = (a: number, b: number, c: number) => (2 * a) / Math.max(2 * a + b + c, 1);
  const positiveF1 = f1(tp, fp, fn);
  const negativeF1 = f1(tn, fn, fp);
  return {
    accuracy: (tp + tn) / Math.max(rows.length, 1),
    precision: tp / Math.max(tp + fp, 1),
    recall: tp / Math.max(tp + fn, 1),
    f1: positiveF1,
    macroF1: (positiveF1 + negativeF1) / 2,
  };
}
