import { describe, expect, it } from 'vitest';
import { parsePattern, compileMatcher, buildNfa, secondForms, longestMatch, shortestMatch, matchesEndingAt, firstForms, requiredForms, expandedWords, largestMacro, inflect, PatternError, MAX_SPAN_TOKENS, type Node } from '../../lib/engine/pattern';
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
    expect(match('that is our policy', "'That's our policy,' I said")).toBe("'That's our policy");
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
    expect(match('@we, calm down', 'I, calm down')).toBe('I, calm down');
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

  it('reports the words a match can have second, or null when any word can follow or a match can end after one word', () => {
    const second = (pattern: string) => secondForms(buildNfa(parsePattern(pattern, resolve)));
    expect(second('calm down')).toEqual(new Set(['down']));
    expect(second('please? @soft* calm down')).toEqual(new Set(['just', 'really', ',', 'i', 'calm', 'down', 'am']));
    expect(second("(we|they) (can't|won't)")).toEqual(new Set(['can', 'will']));
    expect(second('calm _')).toBeNull();
    expect(second('calm down?')).toBeNull();
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

  it('matches text tokenized before the pattern was parsed even when other text was tokenized since', () => {
    const early = tokenize('Please unspool the quaggas now');
    const m = compileMatcher(parsePattern('unspool the quaggas', resolve));
    const later = tokenize('unspool the quaggas');
    expect(longestMatch(m, early, 1)).toBe(4);
    expect(longestMatch(m, later, 0)).toBe(3);
  });

  it('rejects malformed patterns with a message naming the problem', () => {
    expect(() => parsePattern('(calm down', resolve)).toThrow(/missing "\)"/);
    expect(() => parsePattern('calm down)', resolve)).toThrow(/unbalanced "\)"/);
    // Alternatives outside parentheses are named as such, not as a stray ")".
    for (const source of ['calm | down', 'calm down |', '| calm']) expect(() => parsePattern(source, resolve)).toThrow(`"|" outside parentheses in pattern "${source}": write alternatives as (a|b)`);
    expect(() => parsePattern('(calm|) down', resolve)).toThrow(/empty alternative/);
    expect(() => parsePattern('* down', resolve)).toThrow(/unexpected "\*"/);
    expect(() => parsePattern('', resolve)).toThrow(/empty pattern/);
    expect(() => parsePattern('@nope down', resolve)).toThrow(/unknown macro @nope/);
    expect(() => parsePattern('the %code', resolve)).toThrow('unknown word class "%code" in pattern "the %code": the only class is %caps');
    expect(() => parsePattern('the \\ code', resolve)).toThrow('escapes only a bracket');
  });

  it('matches %caps only on a word typed in capitals, 2 to 5 letters, and \\( on a bracket', () => {
    expect(match('the %caps', 'the VRM was read')).toBe('the VRM');
    for (const text of ['the vrm', 'the Vrm', 'the V', 'the VRMSXX', "the RTS'd", 'the VRMs', 'the R01']) expect(match('the %caps', text), text).toBeNull();
    expect(match('%caps \\( _+ \\)', 'CDW (collision damage waiver) covers it')).toBe('CDW (collision damage waiver)');
  });
});

describe('pattern words', () => {
  it('reads a pattern in any case and with curly or backtick apostrophes', () => {
    expect(match('CALM Down', 'calm down')).toBe('calm down');
    expect(match('that ’s it', "that's it")).toBe("that's it");
    expect(match('that `s it', 'that’s it')).toBe('that’s it');
  });

  it('matches the regular forms of a ~ word and not forms it does not have', () => {
    expect(match('we close~ it', 'we closing it')).toBe('we closing it');
    expect(match('we close~ it', 'we closed it')).toBe('we closed it');
    expect(match('we reply~', 'we replied')).toBe('we replied');
    expect(match('we reply~', 'we replies')).toBe('we replies');
    expect(match('we stop~', 'we stopping')).toBe('we stopping');
    expect(match('we wait~', 'we waitted')).toBeNull();
    expect(match('we fix~', 'we fixxed')).toBeNull();
    expect(match('we fix~', 'we fiing')).toBeNull();
    expect(match('we seem~', 'we seemmed')).toBeNull();
  });

  it('lets _ stand for either part of a contraction', () => {
    expect(match('i _ not _ it', "I can't do it")).toBe("I can't do it");
    expect(match('it _ fine', "it's fine")).toBe("it's fine");
  });

  it('does not let _ start a match on punctuation', () => {
    expect(match('_ down', ', down')).toBeNull();
    expect(match('_ down', 'sit down')).toBe('sit down');
  });

  it('reads a word with an apostrophe, "&" or "/" as the tokenizer splits it in a draft, so it matches what it spells', () => {
    expect(match("don't worry", "Don't worry about it")).toBe("Don't worry");
    expect(match("don't worry", 'do not worry')).toBe('do not worry');
    expect(match("the company's policy", "It's the company's policy")).toBeNull(); // starts at "It"
    expect(match("the company's policy", "the company's policy")).toBe("the company's policy");
    expect(match('our t&cs', 'our T&Cs say so')).toBe('our T&Cs');
    expect(match('24/7 support', '24/7 support')).toBe('24/7 support');
    // One token: kept as written ("'s" stays one form, not "s" too).
    expect(match("it 's", "it's")).toBe("it's");
    expect(match("it 's", 'it s')).toBeNull();
  });

  it('rejects a word no draft token can hold, naming it', () => {
    expect(() => parsePattern('(and|&) we will', resolve)).toThrow(/"&" in pattern "\(and\|&\) we will" can never match/);
    expect(() => parsePattern("don't~", resolve)).toThrow(/"~" needs a single word/);
  });

  it('rejects each repeat mark with nothing before it', () => {
    for (const mark of ['?', '*', '+']) expect(() => parsePattern(`${mark} down`, resolve)).toThrow(`unexpected "${mark}"`);
    expect(() => parsePattern('calm (| down)', resolve)).toThrow(/empty alternative/);
  });
});

describe('pattern matching with many states', () => {
  it('finds the last of a hundred alternatives, one word or several, and "_" ones', () => {
    const words = Array.from({ length: 100 }, (_, i) => `w${i}`);
    expect(match(`(${words.map((w) => `${w} x`).join('|')}) end`, 'w99 x end')).toBe('w99 x end');
    expect(match(`(${words.map((w) => `${w} x`).join('|')}) end`, 'w0 x end')).toBe('w0 x end');
    expect(match(`(${words.map((w) => `_ ${w}`).join('|')}) end`, 'so w99 end')).toBe('so w99 end');
    expect(match(`(${words.map((w) => `_ _ ${w}`).join('|')})`, 'so so w99')).toBe('so so w99');
  });
});

describe('matches ending at a token', () => {
  const tokens = tokenize('one two three four five six seven eight nine ten');
  it('looks back up to 8 tokens by default, or as far as the window given', () => {
    const m = compileMatcher(parsePattern('_+ ten', resolve));
    expect(matchesEndingAt(m, tokens, 10)).toBe(true);
    const from = (word: string) => compileMatcher(parsePattern(`${word} _* ten`, resolve));
    expect(matchesEndingAt(from('three'), tokens, 10)).toBe(true);
    expect(matchesEndingAt(from('two'), tokens, 10)).toBe(false);
    expect(matchesEndingAt(from('two'), tokens, 10, 9)).toBe(true);
    expect(matchesEndingAt(from('one'), tokens, 10, 10)).toBe(true);
  });

  it('needs the match to end exactly at the token', () => {
    const m = compileMatcher(parsePattern('three four', resolve));
    expect(matchesEndingAt(m, tokens, 4)).toBe(true);
    expect(matchesEndingAt(m, tokens, 5)).toBe(false);
    expect(matchesEndingAt(m, tokens, 3)).toBe(false);
    expect(matchesEndingAt(m, tokens, 0)).toBe(false);
  });
});

describe('pattern size and index keys', () => {
  it('counts the words of a pattern with every macro written out', () => {
    expect(expandedWords(parsePattern('please? @soft* calm (down|_ now)+', resolve))).toBe(1 + 6 + 1 + 3);
    expect(largestMacro(parsePattern('@we (@soft|x)', resolve))).toEqual({ name: 'soft', words: 6 });
    expect(largestMacro(parsePattern('@soft @we', resolve))).toEqual({ name: 'soft', words: 6 });
    expect(largestMacro(parsePattern('calm (down|now)', resolve))).toBeNull();
  });

  it('refuses one optional word among alternatives, which would let the group match nothing ("(sets?|decides?)")', () => {
    expect(() => parsePattern('the one who (sets?|decides?)', resolve)).toThrow(/"sets\?" in pattern "the one who \(sets\?\|decides\?\)" lets its group match nothing at all: write each form out/);
    expect(() => parsePattern('the one who (set|sets) (it|them)?', resolve)).not.toThrow();
  });

  it('lists the start words through optional parts and groups, and stops at a required one', () => {
    expect(firstForms(parsePattern('(please|kindly)? calm down', resolve))).toEqual(new Set(['please', 'kindly', 'calm']));
    expect(firstForms(parsePattern('(please|kindly) calm down', resolve))).toEqual(new Set(['please', 'kindly']));
    expect(firstForms(parsePattern('(please|kindly? now) calm', resolve))).toEqual(new Set(['please', 'kindly', 'now']));
    expect(firstForms(parsePattern('(please|(kindly)?) calm', resolve))).toEqual(new Set(['please', 'kindly', 'calm']));
    expect(firstForms(parsePattern('please+ calm', resolve))).toEqual(new Set(['please']));
    expect(firstForms(parsePattern('(please|(kindly)?)+ calm', resolve))).toEqual(new Set(['please', 'kindly', 'calm']));
    expect(firstForms(parsePattern('(please|_ now) calm', resolve))).toBeNull();
    expect(firstForms(parsePattern('please? _ calm', resolve))).toBeNull();
  });

  it('requires the words of each later part that cannot be skipped', () => {
    expect(requiredForms(parsePattern('we (are|were) very? sorry _ now', resolve))).toEqual([new Set(['are', 'were']), new Set(['sorry']), new Set(['now'])]);
  });
});

describe('pattern marks, edges and parsed patterns', () => {
  it('takes a word marked ? at most once, and one marked * also zero times', () => {
    expect(match('please? calm down', 'please please calm down')).toBeNull();
    expect(match('very* busy', 'busy')).toBe('busy');
  });

  it('matches the plain -s form of a ~ word', () => {
    expect(match('it wait~', 'it waits')).toBe('it waits');
  });

  it('matches a group whose one-word alternatives are "_" or a macro', () => {
    expect(match('(_|please) calm', 'so calm')).toBe('so calm');
    expect(match('(@we|_) calm', 'so calm')).toBe('so calm');
    expect(match('(@we|_) calm', 'we calm')).toBe('we calm');
  });

  it('lets _ stand only for the words it is written for, not the ones after it', () => {
    expect(match('_ calm down', 'so calm up')).toBeNull();
    expect(match('_ calm down', 'so calm down')).toBe('so calm down');
  });

  it('ends a match on its first word when the pattern is one word, or a longer one when it can go on', () => {
    const tokens = tokenize('very very busy');
    const m = compileMatcher(parsePattern('very+', resolve));
    expect(longestMatch(m, tokens, 0)).toBe(2);
    expect(shortestMatch(m, tokens, 0)).toBe(1);
    expect(longestMatch(compileMatcher(parsePattern('busy', resolve)), tokens, 2)).toBe(3);
  });

  it('finds no match starting at the end of the text', () => {
    const tokens = tokenize('calm down');
    expect(longestMatch(compileMatcher(parsePattern('down', resolve)), tokens, tokens.length)).toBe(-1);
  });

  it('matches with a parsed pattern as well as a compiled one', () => {
    const tokens = tokenize('please calm down');
    const parsed = parsePattern('calm down', resolve);
    expect(longestMatch(parsed, tokens, 1)).toBe(3);
    expect(longestMatch(parsed, tokens, 0)).toBe(-1);
    expect(matchesEndingAt(parsed, tokens, 3)).toBe(true);
  });

  it('names a macro used under a repeat mark as the largest', () => {
    expect(largestMacro(parsePattern('calm @soft*', resolve))).toEqual({ name: 'soft', words: 6 });
  });
});
