import { describe, expect, it } from 'vitest';
import { parsePattern, compileMatcher, longestMatch, shortestMatch, matchesEndingAt, firstForms, inflect, PatternError, MAX_SPAN_TOKENS, type Node } from '../../lib/engine/pattern';
import { tokenize } from '../../lib/engine/tokenize';

const MACROS: Record<string, string> = { soft: '(just|really|,|i am afraid)', we: '(i|we)' };
const resolve = (name: string): Node[] => {
  if (!(name in MACROS)) throw new PatternError(`unknown macro @${name}`);
  return parsePattern(MACROS[name], resolve);
};

/** The text a pattern matches when it starts at the first word of `text`, or null. */
function match(pattern: string, text: string): string | null {
  const tokens = tokenize(text);
  const end = longestMatch(compileMatcher(parsePattern(pattern, resolve)), tokens, 0);
  return end < 0 ? null : text.slice(tokens[0].start, tokens[end - 1].end);
}

describe('pattern matching', () => {
  it('matches word sequences case-insensitively, through contractions', () => {
    expect(match('that is our policy', "That's our policy, sorry")).toBe("That's our policy");
    expect(match('can not help', 'cannot help')).toBe('cannot help');
    expect(match('can not help', "can't help")).toBe("can't help");
    expect(match('that is our policy', 'That was our policy')).toBeNull();
  });

  it('supports alternatives, including multi-word ones', () => {
    expect(match('(calm|settle) down', 'settle down now')).toBe('settle down');
    expect(match('(no way|not possible) today', 'not possible today')).toBe('not possible today');
    expect(match('(calm|settle) down', 'sit down')).toBeNull();
    // One-word alternatives mixed with longer ones and with "_".
    expect(match('(sorry|so sorry|_ apologies|regret~) for', 'so sorry for')).toBe('so sorry for');
    expect(match('(sorry|so sorry|_ apologies|regret~) for', 'regretted for')).toBe('regretted for');
    expect(match('(sorry|so sorry|_ apologies|regret~) for', 'our apologies for')).toBe('our apologies for');
    expect(match('(sorry|so sorry|_ apologies|regret~) for', 'so for')).toBeNull();
    expect(match('(really|truly)* (sorry|sad)', 'really truly really sad')).toBe('really truly really sad');
  });

  it('supports ? * + and takes the longest match', () => {
    expect(match('please? calm down', 'please calm down')).toBe('please calm down');
    expect(match('please? calm down', 'calm down')).toBe('calm down');
    expect(match('very* busy', 'very very very busy')).toBe('very very very busy');
    expect(match('very+ busy', 'busy')).toBeNull();
    expect(match('very+ busy', 'very busy')).toBe('very busy');
    expect(match('we (are|were) busy+', 'we are busy busy')).toBe('we are busy busy');
  });

  it('expands macros and nested optional macros', () => {
    expect(match('@we @soft* can not', 'I really, really can not')).toBe('I really, really can not');
    expect(match('@we @soft* can not', "we're afraid")).toBeNull();
    expect(match('@soft* relax', "I am afraid, relax")).toBe('I am afraid, relax');
  });

  it('inflects words marked with ~', () => {
    expect(inflect('fix')).toEqual(expect.arrayContaining(['fix', 'fixes', 'fixed', 'fixing']));
    expect(inflect('apologize')).toEqual(expect.arrayContaining(['apologized', 'apologizing', 'apologizes']));
    expect(inflect('stop')).toEqual(expect.arrayContaining(['stopped', 'stopping']));
    expect(inflect('try')).toEqual(expect.arrayContaining(['tries', 'tried']));
    expect(match('we fix~ it', 'we fixed it')).toBe('we fixed it');
    expect(match('we fix~ it', 'we fixing it')).toBe('we fixing it');
  });

  it('matches any one word with _, but not punctuation', () => {
    expect(match('we will _ it', 'we will check it')).toBe('we will check it');
    expect(match('we will _ it', 'we will, it')).toBeNull();
  });

  it('finds shortest matches and matches ending at a given token', () => {
    const tokens = tokenize('very very busy busy');
    const m = compileMatcher(parsePattern('very+ busy+', resolve));
    expect(shortestMatch(m, tokens, 0)).toBe(3);
    expect(longestMatch(m, tokens, 0)).toBe(4);
    expect(matchesEndingAt(m, tokens, 3)).toBe(true);
    expect(matchesEndingAt(m, tokens, 2)).toBe(false);
  });

  it('reports the words a pattern can start with, for indexing', () => {
    expect(firstForms(parsePattern('please? @soft* calm down', resolve))).toEqual(new Set(['please', 'just', 'really', ',', 'i', 'calm']));
    expect(firstForms(parsePattern('_ down', resolve))).toBeNull();
    expect(() => firstForms(parsePattern('please?', resolve))).toThrow(/must not be able to match nothing/);
  });

  it('stays linear on nested repetition (no backtracking blow-up) and caps span length', () => {
    const m = compileMatcher(parsePattern('((very|really)* (very|really)*)* busy', resolve));
    const tokens = tokenize('very '.repeat(5000) + 'busy');
    const t0 = performance.now();
    expect(longestMatch(m, tokens, 0)).toBe(-1); // longer than MAX_SPAN_TOKENS
    expect(longestMatch(m, tokens, tokens.length - MAX_SPAN_TOKENS)).toBe(tokens.length);
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('matches text tokenized before the pattern (with words new to every pack) was parsed', () => {
    const tokens = tokenize('Please unfurl the zyzzyvas now');
    const m = compileMatcher(parsePattern('unfurl the zyzzyvas', resolve));
    expect(longestMatch(m, tokens, 1)).toBe(4);
  });

  it('rejects malformed patterns with a message naming the problem', () => {
    expect(() => parsePattern('(calm down', resolve)).toThrow(/missing "\)"/);
    expect(() => parsePattern('calm down)', resolve)).toThrow(/unbalanced "\)"/);
    expect(() => parsePattern('(calm|) down', resolve)).toThrow(/empty alternative/);
    expect(() => parsePattern('* down', resolve)).toThrow(/unexpected "\*"/);
    expect(() => parsePattern('', resolve)).toThrow(/empty pattern/);
    expect(() => parsePattern('@nope down', resolve)).toThrow(/unknown macro @nope/);
  });
});
