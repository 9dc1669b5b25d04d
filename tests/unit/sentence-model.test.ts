/**
 * The sentence model: how it reads a sentence (n-grams, the sentence start), where its findings
 * go (only sentences no rule matched, advice and no rewrite, never on banter), how sure it must be, how it is turned off,
 * and the errors a broken model or advice file gives.
 */
import { describe, expect, it } from 'vitest';
import { builtinPack, buildBuiltinPack, createLinter } from '../../lib/engine';
import { tokenize } from '../../lib/engine/tokenize';
import { SentenceModel, validateAdvice, validateSentenceModel, MODEL_RULE_ID, NO_CATEGORY, type CategoryAdvice, type ReportedCategory, type SentenceModelData } from '../../lib/engine/sentence-model';
import { PHRASE_CATEGORIES } from '../../lib/engine/types';
import { readRuleFiles } from '../../lib/node/rule-files';

const CLASSES = [...PHRASE_CATEGORIES, NO_CATEGORY];
const K = CLASSES.length;

/** A model of hand-set weights: each feature pushes one class by `weight` (in units of scale 0.1). */
function modelOf(features: Record<string, [string, number]>, threshold = 0.5): SentenceModelData {
  const names = Object.keys(features);
  const words = [...new Set(names.flatMap((n) => n.split(' ')))];
  const grams = new Uint16Array(names.length * 3);
  names.forEach((name, f) => name.split(' ').forEach((w, k) => (grams[f * 3 + k] = words.indexOf(w) + 1)));
  const bytes = new Int8Array(names.length * K);
  names.forEach((name, f) => (bytes[f * K + CLASSES.indexOf(features[name][0])] = features[name][1]));
  const bias = CLASSES.map((c) => (c === NO_CATEGORY ? 30 : 0));
  const base64 = (array: ArrayBufferView) => Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
  return { classes: CLASSES, threshold, scale: 0.1, bias, words: words.join('|'), grams: base64(grams), weights: base64(bytes) };
}

const classify = (data: SentenceModelData, text: string) => new SentenceModel(data).classify(tokenize(text));

describe('the sentence model reads', () => {
  it('words, pairs and triples of words, and how a sentence opens', () => {
    const data = modelOf({ 'on you': ['blame', 60], '^ needless to': ['condescending', 60], 'storm in a': ['dismissive', 20], teacup: ['dismissive', 20] });
    expect(classify(data, 'So the fee is on you.')?.category).toBe('blame');
    expect(classify(data, 'Needless to say, the minibar is extra.')?.category).toBe('condescending');
    // The opening words count only at the start.
    expect(classify(data, 'It is needless to say.')).toBeNull();
    // A triple and a word together pass the bar; the word alone does not.
    expect(classify(data, "It's a storm in a teacup.")?.category).toBe('dismissive');
    expect(classify(data, 'A teacup.')).toBeNull();
  });

  it('contractions as the rules read them, digits as one shape, and each n-gram once', () => {
    const data = modelOf({ 'do not': ['dismissive', 20], '0 days': ['excuse', 35] });
    expect(classify(data, "Don't, don't, don't.")).toBeNull(); // "do not" counts once: 2.0 < 3.0
    expect(classify(data, 'It takes 45 days.')?.category).toBe('excuse');
    expect(classify(data, 'It takes 7 days.')?.category).toBe('excuse');
  });

  it('gives the likeliest category with its probability, and nothing under the threshold', () => {
    const data = modelOf({ ugh: ['excuse', 40] }, 0.6);
    const verdict = classify(data, 'Ugh.');
    expect(verdict?.category).toBe('excuse');
    // exp(4) / (exp(4) + exp(3) + 11 × exp(0))
    expect(verdict!.probability).toBeCloseTo(Math.exp(4) / (Math.exp(4) + Math.exp(3) + 11), 6);
    expect(classify(modelOf({ ugh: ['excuse', 31] }, 0.6), 'Ugh.')).toBeNull();
    // Negative weights (stored as signed bytes) pull a class down.
    expect(classify(modelOf({ ugh: ['excuse', 40], fine: ['excuse', -128] }, 0.6), 'Ugh, fine.')).toBeNull();
  });
});

describe('the shipped model in the linter', () => {
  const linter = createLinter();
  const modelFindings = (text: string, context?: Parameters<typeof linter.lint>[1]) => linter.lint(text, context).filter((f) => f.ruleId === MODEL_RULE_ID);
  // Weak sentences of the hand-labelled sets that no rule has a pattern for.
  const weak = [
    ['The underwriters make the final call on the excess, so it is not really in my control.', 'excuse'],
    ["You honestly won't find a deal this good with any other provider. - Priya", 'churn-transactional'],
    ["Mr Hughes, I'm not going to continue if you keep shouting in capitals.", 'confrontational'],
  ] as const;

  it('flags a weak sentence no rule matched, with its category’s advice and no rewrite, and not its sign-off', () => {
    const advice = builtinPack().sentences!.advice;
    for (const [text, category] of weak) {
      const found = linter.lint(text).filter((f) => f.category !== 'draft');
      expect(found, text).toHaveLength(1);
      expect(found[0]).toMatchObject({ ruleId: MODEL_RULE_ID, category, severity: 'suggestion', message: advice[category].message, rewrites: [] });
      expect(text.slice(found[0].start, found[0].end), text).toBe(text.replace(/\.( - Priya)?$/, ''));
    }
  });

  it('stays out of a sentence a rule matched, and off plain facts and honest limits', () => {
    expect(modelFindings('We apologize for any inconvenience, the refund went out today.')).toEqual([]);
    for (const text of ["Your refund of £40 went out at 10:14; it shows in 3 to 5 working days.", "I can't guarantee a seat, but I'll check with the gate by 3pm and text you."]) expect(modelFindings(text), text).toEqual([]);
  });

  it('stays quiet on banter with a pleased customer', () => {
    const [text] = weak[2];
    expect(modelFindings(text)).toHaveLength(1);
    expect(modelFindings(`Haha, love it! ${text}`, { customerSentiment: 0.8 })).toEqual([]);
  });

  it('is turned off by its rule id or by the category it names', () => {
    const [text, category] = weak[0];
    expect(createLinter({ disabledRules: [MODEL_RULE_ID] }).lint(text).filter((f) => f.category !== 'draft')).toEqual([]);
    expect(createLinter({ disabledCategories: [category] }).lint(text).filter((f) => f.category !== 'draft')).toEqual([]);
    // The options page shows the model as a group of its own.
    expect(createLinter({ disabledCategories: [MODEL_RULE_ID] }).lint(text).filter((f) => f.category !== 'draft')).toEqual([]);
    expect(createLinter({ disabledCategories: ['blame'] }).lint(text).some((f) => f.ruleId === MODEL_RULE_ID)).toBe(true);
  });

  it('does not bring back, as its own finding, a phrase whose rule the agent turned off', () => {
    const text = 'Please calm down.';
    expect(linter.lint(text).map((f) => f.ruleId)).toEqual(['calm-down']);
    expect(createLinter({ disabledRules: ['calm-down'] }).lint(text)).toEqual([]);
    expect(createLinter({ disabledCategories: ['dismissive'] }).lint(text)).toEqual([]);
  });
});

describe('the examples in rules/sentence-advice.yaml', () => {
  const advice = readRuleFiles()['sentence-advice.yaml'] as Record<string, CategoryAdvice>;
  const linter = createLinter();
  for (const category of PHRASE_CATEGORIES) {
    const { reported, examples } = advice[category];
    if (reported === false) {
      it(`${category}: is learned but never reported, not even on its own flag sentences`, () => {
        for (const text of [...examples.flag, ...examples.pass]) expect(linter.lint(text).filter((f) => f.category !== 'draft'), text).toEqual([]);
      });
      continue;
    }
    it(`${category}: flags its flag sentences with the category, and leaves its look-alikes alone`, () => {
      for (const text of examples.flag) {
        expect(linter.lint(text).filter((f) => f.category !== 'draft').map((f) => `${f.ruleId} ${f.category}`), text).toEqual([`${MODEL_RULE_ID} ${category}`]);
      }
      for (const text of examples.pass) expect(linter.lint(text).filter((f) => f.category !== 'draft'), text).toEqual([]);
    });
  }
});

/** Advice that reports every category at the model's own threshold, or `category` from `minProbability` on. */
function adviceReportingAll(category?: string, minProbability = 0): Record<string, ReportedCategory> {
  return Object.fromEntries(PHRASE_CATEGORIES.map((c) => [c, { message: `${c} advice`, minProbability: c === category ? minProbability : 0 }]));
}
const withModel = (model: SentenceModelData, advice = adviceReportingAll()) => createLinter({ basePack: { ...builtinPack(), sentences: { model, advice } } });

describe('how sure the model must be', () => {
  // exp(4) / (exp(4) + exp(3) + 11): the model's probability for "Ugh." is about 0.64.
  const model = modelOf({ ugh: ['excuse', 40] }, 0.6);
  const categories = (advice: Record<string, ReportedCategory>) => withModel(model, advice).lint('Ugh.').map((f) => `${f.ruleId} ${f.category}`);

  it("reports a category above the model's threshold, and from the category's min-probability on", () => {
    expect(categories(adviceReportingAll())).toEqual([`${MODEL_RULE_ID} excuse`]);
    expect(categories(adviceReportingAll('excuse', 0.62))).toEqual([`${MODEL_RULE_ID} excuse`]);
    expect(categories(adviceReportingAll('excuse', 0.65))).toEqual([]);
    // Another category's bar does not matter.
    expect(categories(adviceReportingAll('blame', 0.99))).toEqual([`${MODEL_RULE_ID} excuse`]);
  });

  it('leaves alone what the shipped model is not sure of, though it names a category', () => {
    const shipped = builtinPack().sentences!;
    const text = "It's Friday night and the riders are swamped.";
    const verdict = new SentenceModel(shipped.model).classify(tokenize(text));
    expect(verdict?.category).toBe('excuse');
    expect(verdict!.probability).toBeLessThan(shipped.advice.excuse.minProbability);
    expect(createLinter().lint(text).filter((f) => f.category !== 'draft')).toEqual([]);
  });
});

describe('the span of a model finding', () => {
  const spans = (model: SentenceModelData, text: string) => withModel(model).lint(text).filter((f) => f.ruleId === MODEL_RULE_ID).map((f) => text.slice(f.start, f.end));

  it('is the clause that carries the verdict on its own', () => {
    const model = modelOf({ 'on you': ['blame', 60] });
    expect(spans(model, 'Thanks for the photos, sadly the fee is on you.')).toEqual(['sadly the fee is on you']);
  });

  it('keeps a time or a number inside its clause', () => {
    const model = modelOf({ 'on you': ['blame', 60] });
    expect(spans(model, 'Thanks for the photos, the fee is on you from 09:30 onwards.')).toEqual(['the fee is on you from 09:30 onwards']);
    expect(spans(model, 'Thanks for the photos, the 1,200 fee is on you.')).toEqual(['the 1,200 fee is on you']);
  });

  it('is the whole sentence, without its punctuation, when no clause carries it alone', () => {
    const model = modelOf({ photos: ['blame', 30], 'on you': ['blame', 30] });
    expect(spans(model, '"Thanks for the photos, sadly the fee is on you."')).toEqual(['Thanks for the photos, sadly the fee is on you']);
  });
});

describe('a broken model or advice file', () => {
  const good = modelOf({ ugh: ['excuse', 40] });
  const error = (data: unknown) => {
    try {
      validateSentenceModel(data);
    } catch (e) {
      return (e as Error).message;
    }
    return 'no error';
  };

  it('names the file and the field', () => {
    expect(error({ ...good, classes: ['blame', 'none'] })).toMatch(/rules\/sentence-model\.yaml.*classes.*phrase categories/);
    expect(error({ ...good, threshold: 1.5 })).toMatch(/threshold.*between 0 and 1/);
    expect(error({ ...good, bias: [1, 2] })).toMatch(/bias.*13 integers/);
    expect(error({ ...good, weights: 'not base64!' })).toMatch(/weights.*base64/);
    expect(error({ ...good, weights: Buffer.from([1, 2, 3]).toString('base64') })).toMatch(/weights.*13 weights per feature/);
    expect(error({ ...good, words: 'ugh|ugh' })).toMatch(/words.*twice/);
    expect(error({ ...good, words: 'ugh|two words' })).toMatch(/words.*"\|"-separated words/);
    expect(error({ ...good, grams: Buffer.from(new Uint16Array([2, 0, 0]).buffer).toString('base64') })).toMatch(/grams.*feature 0 names a word that is not in "words"/);
    expect(error({ ...good, grams: Buffer.from([1, 0, 0]).toString('base64') })).toMatch(/grams.*three 16-bit word numbers/);
    expect(error(modelOf({ ugh: ['excuse', 40], 'ugh ugh': ['blame', 1] }))).toBe('no error');
    expect(error(null)).toMatch(/must be a mapping/);
    expect(error(good)).toBe('no error');
  });

  it('needs a message and examples for every category, and only for categories', () => {
    const entry = { message: 'Say it plainly.', examples: { flag: ['You failed.'], pass: ['It failed.'] } };
    const advice = Object.fromEntries(PHRASE_CATEGORIES.map((c) => [c, entry]));
    expect(validateAdvice(advice)).toEqual(Object.fromEntries(PHRASE_CATEGORIES.map((c) => [c, { message: 'Say it plainly.', minProbability: 0 }])));
    expect(validateAdvice({ ...advice, excuse: { ...entry, 'min-probability': 0.9 } }).excuse).toEqual({ message: 'Say it plainly.', minProbability: 0.9 });
    expect(() => validateAdvice({ ...advice, excuse: { ...entry, 'min-probability': 1.5 } })).toThrow(/sentence-advice\.yaml.*excuse\.min-probability.*between 0 and 1/);
    expect(() => validateAdvice({ ...advice, excuse: { ...entry, 'min-probability': '0.9' } })).toThrow(/excuse\.min-probability.*between 0 and 1/);
    expect(() => validateAdvice({ ...advice, blame: { ...entry, message: '' } })).toThrow(/sentence-advice\.yaml.*blame\.message.*must be a message/);
    expect(() => validateAdvice({ ...advice, blame: { ...entry, examples: { flag: [], pass: ['x'] } } })).toThrow(/blame\.examples\.flag.*at least one sentence/);
    expect(() => validateAdvice({ ...advice, rudeness: entry })).toThrow(/rudeness.*not a phrase category/);
    // A category the model learns but does not report needs examples and no message.
    const quiet = { reported: false, examples: entry.examples };
    expect(Object.keys(validateAdvice({ ...advice, jargon: quiet }))).toEqual(PHRASE_CATEGORIES.filter((c) => c !== 'jargon'));
    expect(() => validateAdvice({ ...advice, jargon: { ...quiet, message: 'Say it plainly.' } })).toThrow(/jargon\.message.*never shown/);
    expect(() => validateAdvice({ ...advice, jargon: { ...quiet, 'min-probability': 0.9 } })).toThrow(/jargon\.min-probability.*never used/);
    expect(() => validateAdvice({ ...advice, jargon: { ...entry, reported: true } })).toThrow(/jargon\.reported.*must be false/);
    const { jargon: _, ...withoutJargon } = advice;
    expect(() => validateAdvice(withoutJargon)).toThrow(/jargon.*is missing/);
    const files = readRuleFiles();
    delete files['sentence-advice.yaml'];
    expect(() => buildBuiltinPack(files)).toThrow(/sentence-advice\.yaml.*is missing/);
  });
});
