/**
 * The built-in rule pack. The browser build registers the pack compiled from
 * rules/*.yaml at build time; Node callers (CLI, tests, scripts) register the
 * one read from disk by lib/node/rule-files.ts.
 */
import type { RulePack } from './types';
import type { DraftConfig } from './draft';

export interface BuiltinPack {
  pack: RulePack;
  draft: DraftConfig;
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
