/**
 * The token pattern language rules are written in, compiled once and matched
 * by set simulation (no backtracking blow-up).
 *
 *   calm down                 words, matched against token forms (contractions split)
 *   (can not|cannot)          alternatives, each a sequence
 *   please?  @soft*           ? optional, * zero or more, + one or more
 *   @soft                     a macro from the pack (rules/lexicon.yaml)
 *   fix~                      inflections: fix, fixes, fixed, fixing
 *   _                         any one word (not punctuation)
 *   ,                         a literal comma token
 */
import type { Token } from './tokenize';

export type Node =
  | { kind: 'word'; forms: ReadonlySet<string> }
  | { kind: 'any' }
  | { kind: 'group'; alts: Node[][] }
  | { kind: 'repeat'; node: Node; min: 0 | 1; max: 1 | typeof Infinity };

export class PatternError extends Error {}

export type MacroResolver = (name: string) => Node[];

export function parsePattern(source: string, resolveMacro: MacroResolver): Node[] {
  const tokens = source.match(/\(|\)|\||[?*+]|@[a-z][a-z0-9-]*|[^\s()|?*+]+/gi) ?? [];
  let i = 0;
  const parseSeq = (): Node[] => {
    const seq: Node[] = [];
    while (i < tokens.length && tokens[i] !== ')' && tokens[i] !== '|') {
      let node = parseAtom();
      const q = tokens[i];
      if (q === '?' || q === '*' || q === '+') {
        i++;
        node = { kind: 'repeat', node, min: q === '+' ? 1 : 0, max: q === '?' ? 1 : Infinity };
      }
      seq.push(node);
    }
    return seq;
  };
  const parseAtom = (): Node => {
    const t = tokens[i++];
    if (t === undefined) throw new PatternError(`unexpected end of pattern "${source}"`);
    if (t === '(') {
      const alts: Node[][] = [parseSeq()];
      while (tokens[i] === '|') {
        i++;
        alts.push(parseSeq());
      }
      if (tokens[i++] !== ')') throw new PatternError(`missing ")" in pattern "${source}"`);
      if (alts.some((a) => a.length === 0)) throw new PatternError(`empty alternative in pattern "${source}"`);
      return { kind: 'group', alts };
    }
    if (t === ')' || t === '|' || t === '?' || t === '*' || t === '+') {
      throw new PatternError(`unexpected "${t}" in pattern "${source}"`);
    }
    if (t.startsWith('@')) return { kind: 'group', alts: [resolveMacro(t.slice(1))] };
    if (t === '_') return { kind: 'any' };
    const word = t.toLowerCase().replace(/[’`]/g, "'");
    return { kind: 'word', forms: new Set(word.endsWith('~') ? inflect(word.slice(0, -1)) : [word]) };
  };
  const seq = parseSeq();
  if (i < tokens.length) throw new PatternError(`unbalanced ")" in pattern "${source}"`);
  if (seq.length === 0) throw new PatternError('empty pattern');
  return seq;
}

/** Regular English inflections; irregular forms are written out in the rules. */
export function inflect(base: string): string[] {
  const forms = new Set([base, base + 's', base + 'es', base + 'ed', base + 'd', base + 'ing']);
  if (base.endsWith('e')) forms.add(base.slice(0, -1) + 'ing');
  if (base.endsWith('y')) {
    forms.add(base.slice(0, -1) + 'ies');
    forms.add(base.slice(0, -1) + 'ied');
  }
  if (/[^aeiou][aeiou][bdgmnprt]$/.test(base)) {
    const last = base[base.length - 1];
    forms.add(base + last + 'ed');
    forms.add(base + last + 'ing');
  }
  return [...forms];
}

function tokenMatches(node: { kind: 'word'; forms: ReadonlySet<string> }, token: Token): boolean {
  for (const f of token.forms) if (node.forms.has(f)) return true;
  return false;
}

/** All token indexes at which `seq` can end when it starts at one of `starts`. */
export function advance(seq: readonly Node[], tokens: readonly Token[], starts: ReadonlySet<number>): Set<number> {
  let current = new Set(starts);
  for (const node of seq) {
    current = step(node, tokens, current);
    if (current.size === 0) break;
  }
  return current;
}

function step(node: Node, tokens: readonly Token[], positions: ReadonlySet<number>): Set<number> {
  const next = new Set<number>();
  switch (node.kind) {
    case 'word':
      for (const p of positions) if (p < tokens.length && tokenMatches(node, tokens[p])) next.add(p + 1);
      return next;
    case 'any':
      for (const p of positions) if (p < tokens.length && !tokens[p].punct) next.add(p + 1);
      return next;
    case 'group':
      for (const alt of node.alts) for (const p of advance(alt, tokens, positions)) next.add(p);
      return next;
    case 'repeat': {
      if (node.min === 0) for (const p of positions) next.add(p);
      let frontier: ReadonlySet<number> = positions;
      for (let n = 1; n <= node.max && frontier.size > 0; n++) {
        const reached = step(node.node, tokens, frontier);
        const fresh = new Set<number>();
        for (const p of reached) if (!next.has(p)) {
          next.add(p);
          fresh.add(p);
        }
        frontier = fresh;
      }
      return next;
    }
  }
}

/** Longest match of `seq` starting at token `start`, as the exclusive end index, or -1. */
export function longestMatch(seq: readonly Node[], tokens: readonly Token[], start: number): number {
  let best = -1;
  for (const end of advance(seq, tokens, new Set([start]))) if (end > best) best = end;
  return best > start ? best : -1;
}

/** Whether `seq` can match ending exactly at token index `end`, starting within `window` tokens before. */
export function matchesEndingAt(seq: readonly Node[], tokens: readonly Token[], end: number, window = 8): boolean {
  for (let s = Math.max(0, end - window); s < end; s++) {
    if (advance(seq, tokens, new Set([s])).has(end)) return true;
  }
  return false;
}

/** The forms a match can start with, or null when it can start with any word. */
export function firstForms(seq: readonly Node[]): Set<string> | null {
  const out = new Set<string>();
  for (const node of seq) {
    const { forms, nullable } = nodeFirst(node);
    if (forms === null) return null;
    for (const f of forms) out.add(f);
    if (!nullable) return out;
  }
  throw new PatternError('a pattern must not be able to match nothing');
}

function nodeFirst(node: Node): { forms: Set<string> | null; nullable: boolean } {
  switch (node.kind) {
    case 'word':
      return { forms: new Set(node.forms), nullable: false };
    case 'any':
      return { forms: null, nullable: false };
    case 'repeat': {
      const inner = nodeFirst(node.node);
      return { forms: inner.forms, nullable: node.min === 0 || inner.nullable };
    }
    case 'group': {
      const forms = new Set<string>();
      let nullable = false;
      for (const alt of node.alts) {
        let altNullable = true;
        for (const n of alt) {
          const f = nodeFirst(n);
          if (f.forms === null) return { forms: null, nullable: false };
          for (const x of f.forms) forms.add(x);
          if (!f.nullable) {
            altNullable = false;
            break;
          }
        }
        nullable ||= altNullable;
      }
      return { forms, nullable };
    }
  }
}
