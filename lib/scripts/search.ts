/** Instant, typo-tolerant search over the script library; scripts for the ticket's triggers come first. */
import MiniSearch from 'minisearch';
import type { TriggerId } from '../ticket';
import type { Script } from './library';

export interface ScriptSearch {
  search(query: string, triggers?: readonly TriggerId[]): Script[];
}

export function createScriptSearch(scripts: readonly Script[]): ScriptSearch {
  const index = new MiniSearch<Script & { text: string; triggerText: string }>({
    fields: ['title', 'triggerText', 'when', 'text'],
    storeFields: ['id'],
    searchOptions: { boost: { title: 3, triggerText: 2 }, fuzzy: 0.25, prefix: true, combineWith: 'AND' },
  });
  index.addAll(scripts.map((s) => ({ ...s, text: [...s.say, s.why].join(' '), triggerText: s.triggers.join(' ') })));
  const byId = new Map(scripts.map((s) => [s.id, s]));
  const suggestedFirst = (list: Script[], triggers: readonly TriggerId[]) => {
    const wanted = new Set(triggers);
    const rank = (s: Script) => (s.triggers.some((t) => wanted.has(t)) ? 0 : 1);
    return list.map((s, i) => ({ s, i })).sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i).map((x) => x.s);
  };
  return {
    search(query, triggers = []) {
      const q = query.trim();
      const found = q ? index.search(q).map((r) => byId.get(r.id as string)!).filter(Boolean) : [...scripts];
      return suggestedFirst(found, triggers);
    },
  };
}

/**
 * Fill [placeholders] the ticket knows; the rest stay bracketed for the agent. A value never
 * repeats the word before its slot ("by [date]" with "by Friday" gives "by Friday"). A leading
 * "(stage direction)" is guidance for the agent, shown but never inserted.
 */
export function fillPlaceholders(line: string, known: Readonly<Record<string, string | undefined>>): { text: string; open: string[]; guidance?: string } {
  const open: string[] = [];
  const stage = /^\(([^)]+)\)\s*/.exec(line);
  const body = stage ? line.slice(stage[0].length) : line;
  const text = body.replace(/\[([a-z][a-z ]*)\]/gi, (whole, name: string, at: number) => {
    const value = known[name.toLowerCase()]?.trim();
    if (!value) {
      open.push(name);
      return whole;
    }
    const before = /([\p{L}']+)\s+$/u.exec(body.slice(0, at))?.[1];
    const first = /^([\p{L}']+)\s+/u.exec(value);
    return before && first && first[1].toLowerCase() === before.toLowerCase() ? value.slice(first[0].length) : value;
  });
  return stage ? { text, open, guidance: stage[1].trim() } : { text, open };
}
