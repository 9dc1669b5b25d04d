/**
 * The apply race, as an agent on a slow laptop meets it: the CPU throttled
 * through CDP, the agent picks a rewrite on the card and types on at once
 * (0, 5 or 20 ms after), or presses Ctrl+End and types. Every run is drawn
 * from a seed. A run passes when the final draft is the draft before (the
 * rewrite aborted) or the rewritten draft, with what the agent typed added in
 * one piece, where the caret was, nothing lost or doubled; and the coach said
 * which of the two happened.
 */
import type { CDPSession } from 'playwright-core';
import { modelText, findings, events, type Session } from './session';
import { clickRewrite, waitForFocusedRewrite } from '../support/steady-ui';

export const RACE_DRAFT = 'Hi Dana. Please calm down, I am on it.';
const PHRASE = 'Please calm down';
export const TYPING_DELAYS_MS = [0, 5, 20] as const;
export type RaceAction = 'enter' | 'click' | 'click-then-ctrl-end';
const ACTIONS: readonly RaceAction[] = ['enter', 'click', 'click-then-ctrl-end'];

export interface RaceRun {
  seed: number;
  action: RaceAction;
  delayMs: number;
  /** Where the caret is in the phrase when the card opens (offset from its start). */
  caretInPhrase: number;
  typed: string;
}

export interface RaceOutcome extends RaceRun {
  ok: boolean;
  /** Characters the agent had (draft and typed) that are missing from the result, and extra ones. */
  lost: number;
  doubled: number;
  applied: boolean;
  result: string;
  why?: string;
}

/** A small, well-mixed generator (mulberry32): runs are the same for a seed on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function drawRun(seed: number): RaceRun {
  const next = random(seed);
  const pick = <T,>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const letters = 'QXZJKVW';
  const typed = Array.from({ length: 3 }, () => pick([...letters])).join('');
  return { seed, action: pick(ACTIONS), delayMs: pick(TYPING_DELAYS_MS), caretInPhrase: Math.floor(next() * (PHRASE.length + 1)), typed };
}

/** `text` is `base` with `typed` added in one piece (at the end when `atEnd`). */
function isInsertion(text: string, base: string, typed: string, atEnd: boolean): boolean {
  if (text.length !== base.length + typed.length) return false;
  if (atEnd) return text === base + typed;
  for (let p = 0; p <= base.length; p++) if (text === base.slice(0, p) + typed + base.slice(p)) return true;
  return false;
}

/** How many characters of `want` (as a multiset) are missing from `got`, and how many are extra. */
function characterDiff(got: string, want: string): { lost: number; doubled: number } {
  const counts = new Map<string, number>();
  for (const c of want) counts.set(c, (counts.get(c) ?? 0) + 1);
  let doubled = 0;
  for (const c of got) {
    const n = counts.get(c) ?? 0;
    if (n > 0) counts.set(c, n - 1);
    else doubled++;
  }
  return { lost: [...counts.values()].reduce((a, b) => a + b, 0), doubled };
}

export async function throttle(s: Session, rate: number): Promise<CDPSession> {
  const cdp = await s.page.context().newCDPSession(s.page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  return cdp;
}

const settled = (s: Session, count: number) =>
  s.page.waitForFunction((n) => window.__coachTest!.events.filter((e) => e.type === 'applied' || e.type === 'apply-failed').length >= n, count, { timeout: 20_000 });

export async function raceOnce(s: Session, run: RaceRun): Promise<RaceOutcome> {
  const { page } = s;
  // A fresh draft: select all and put the draft in as one input, as a paste would.
  await page.evaluate(() => window.__coachTest!.select(0, window.__coachTest!.draftText().length));
  await page.keyboard.insertText(RACE_DRAFT);
  await page.waitForFunction((d) => window.__editor!.modelText() === d, RACE_DRAFT, { timeout: 20_000 });
  await page.waitForFunction((p) => window.__coachTest!.coach.findings().some((f) => f.phrase === p), PHRASE, { timeout: 20_000 });
  const finding = (await findings(page)).find((f) => f.phrase === PHRASE)!;
  const before = await modelText(page);
  // The rewrite replaces the span its slot covers, which may be wider than the underline.
  const span = finding.replace ?? finding;
  const expected = before.slice(0, span.start) + finding.rewrites[0] + before.slice(span.end);
  const reported = (await events(page)).filter((e) => e.type === 'applied' || e.type === 'apply-failed').length;

  const caret = finding.start + run.caretInPhrase;
  await page.evaluate((c) => window.__coachTest!.select(c, c), caret);
  await page.keyboard.press('Control+Period');
  // A rewrite button shows a preview of its sentence; data-rewrite holds the text it inserts.
  await waitForFocusedRewrite(page, finding.rewrites[0]!);
  if (run.action === 'enter') await page.keyboard.press('Enter');
  else await clickRewrite(page);
  if (run.action === 'click-then-ctrl-end') await page.keyboard.press('Control+End');
  if (run.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, run.delayMs));
  await page.keyboard.type(run.typed);

  await settled(s, reported + 1);
  const last = (await events(page)).filter((e) => e.type === 'applied' || e.type === 'apply-failed').at(-1)!;
  const applied = last.type === 'applied';
  const base = applied ? expected : before;
  // What the agent typed may still be reaching a slow editor's model; a run that lost characters never gets there.
  await page.waitForFunction((n) => window.__editor!.modelText().length >= n, base.length + run.typed.length, { timeout: 3_000 }).catch(() => {});
  const result = await modelText(page);
  const atEnd = run.action === 'click-then-ctrl-end';
  const ok = isInsertion(result, base, run.typed, atEnd);
  const wantChars = applied ? expected + run.typed : before + run.typed;
  const { lost, doubled } = characterDiff(result, wantChars);
  const other = applied ? before : expected;
  const why = ok ? undefined : isInsertion(result, other, run.typed, atEnd) ? `reported ${applied ? 'applied' : 'not applied'} but the draft says otherwise` : 'typed text misplaced, lost or doubled';
  return { ...run, ok, lost, doubled, applied, result, ...(why ? { why } : {}) };
}
