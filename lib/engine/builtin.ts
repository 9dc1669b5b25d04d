/**
 * The built-in rule pack. The browser build registers the pack compiled from
 * rules/*.yaml at build time; Node callers (CLI, tests, scripts) register the
 * one read from disk by lib/node/rule-files.ts.
 */
import type { RulePack } from './types';
import type { DraftConfig } from './draft';
import type { RuleNames } from './names';
import type { PatternStarts } from './pack';
import type { SentenceModelPack } from './sentence-model';

export interface BuiltinPack {
  pack: RulePack;
  draft: DraftConfig;
  /** Human names of rules and categories (rules/names.yaml); absent in packs built without it. */
  names?: RuleNames;
  /** Start forms and NFAs of the pack's patterns, so a linter never parses them (absent: parsed at load). */
  starts?: PatternStarts;
  /** The sentence model and its advice (rules/sentence-model.yaml, sentence-advice.yaml); absent: no model findings. */
  sentences?: SentenceModelPack;
}

let registered: BuiltinPack | undefined;

export function setBuiltinPack(pack: BuiltinPack): void {
  registered = pack;
}

export function hasBuiltinPack(): boolean {
  return registered !== undefined;
}

export function builtinPack(): BuiltinPack {
  if (!registered) throw new Error('Steady: the built-in rule pack is not loaded yet (setBuiltinPack was not called).');
  return registered;
}
