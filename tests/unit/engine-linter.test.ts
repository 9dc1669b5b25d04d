import { describe, expect, it } from 'vitest';
import { applyFindingRewrite, createLinter, rewriteSpan, validatePack, builtinPack, type BuiltinPack, type Finding, type LintContext, type LinterOptions } from '../../lib/engine';

const macros = builtinPack().pack.macros;
const examples = { flag: ['a', 'b', 'c'], pass: ['d', 'e', 'f'] };
const testRules = validatePack(
  {
    rules: [
      { id: 'our-policy', category: 'policy-wall', severity: 'warning', message: 'Policy wall.', match: ['that is @soft* (our|company) policy'], rewrites: ['this is outside what I can approve', 'I cannot change that rule myself'], script: 'cannot-approve', examples },
      { id: 'busy', category: 'excuse', severity: 'suggestion', message: 'Busy excuse.', match: ['we are @soft* busy'], rewrites: ['thanks for waiting'], examples },
      { id: 'very-busy', category: 'excuse', severity: 'problem', message: 'Very busy excuse.', match: ['are (very|so) busy today'], rewrites: ['Thank you for your patience today'], examples },
      { id: 'as-i-said', category: 'condescending', severity: 'warning', message: 'Repeats blame.', match: ['as i @soft* said'], except: { earlier: ['you asked'] }, rewrites: ['to recap'], examples },
      { id: 'feedback', category: 'corporate-filler', severity: 'suggestion', message: 'Filler.', match: ['we value your feedback'], except: { later: ['(pass|share) (it|this)'] }, rewrites: ['thanks for telling us'], examples },
      { id: 'sure-thing', category: 'overpromise', severity: 'warning', message: 'Overpromise.', match: ['i am sure'], except: { before: ['not'], after: ['(if|when)'] }, rewrites: ['I expect'], examples },
    ],
  },
  'test-rules.yaml',
  macros,
);
const testBase: BuiltinPack = { pack: { macros, rules: testRules.rules }, draft: builtinPack().draft };
const linterWith = (options: LinterOptions = {}) => createLinter({ basePack: testBase, ...options });

const spans = (text: string, findings: Finding[]) => findings.map((f) => `${f.ruleId}:${text.slice(f.start, f.end)}`);
const phrase = (findings: Finding[]) => findings.filter((f) => f.category !== 'draft');

describe('createLinter().lint', () => {
  it('flags the built-in calm-down rule with the exact span', () => {
    const text = 'Hi Jo, please calm down so I can help you.';
    const found = createLinter().lint(text).filter((f) => f.ruleId === 'calm-down');
    expect(spans(text, found)).toEqual(['calm-down:please calm down']);
    expect(found[0]).toMatchObject({ category: 'dismissive', severity: 'problem', script: 'personal-abuse' });
  });

  it('reports sorted, disjoint findings with offsets into the exact input', () => {
    const text = "🙂 That's just our policy.\r\nAs I said, we are\u00a0really busy.  That\u200b's company policy!";
    const found = phrase(linterWith().lint(text));
    expect(spans(text, found)).toEqual(['our-policy:That\'s just our policy', 'as-i-said:As I said', 'busy:we are\u00a0really busy', 'our-policy:That\u200b\'s company policy']);
    for (let i = 1; i < found.length; i++) expect(found[i].start).toBeGreaterThanOrEqual(found[i - 1].end);
  });

  it('reports a phrase matched by overlapping rules once, keeping the more severe rule', () => {
    const text = 'Sorry, we are so busy today.';
    expect(spans(text, phrase(linterWith().lint(text)))).toEqual(['very-busy:are so busy today']);
  });

  it('capitalises rewrites at the start of a sentence and lower-cases them mid-sentence, keeping "I"', () => {
    const start = linterWith().lint('That is our policy.')[0];
    expect(start.rewrites).toEqual(['This is outside what I can approve', 'I cannot change that rule myself']);
    const mid = linterWith().lint('Sorry, but that is our policy.').find((f) => f.ruleId === 'our-policy')!;
    expect(mid.rewrites).toEqual(['this is outside what I can approve', 'I cannot change that rule myself']);
    const lowered = linterWith().lint('Right now are very busy today.').find((f) => f.ruleId === 'very-busy')!;
    expect(lowered.rewrites).toEqual(['thank you for your patience today']);
  });

  it('underlines one weak phrase once where two patterns of its rule meet, and keeps two placeholders apart', () => {
    const text = 'Schedule changes can occur due to operational decisions. Please call us.';
    expect(spans(text, phrase(createLinter().lint(text)))).toEqual(['changes-are-normal:Schedule changes can occur due to operational decisions']);
    const slots = 'Hi [name] [date] is fine.';
    expect(createLinter().lint(slots).filter((f) => f.ruleId === 'draft/placeholder').map((f) => slots.slice(f.start, f.end))).toEqual(['[name]', '[date]']);
  });

  it('ends a calm rewrite of a heated line with a full stop, where thanks keep their "!"', () => {
    const first = (text: string, rule: string) => applyFindingRewrite(text, createLinter().lint(text).find((f) => f.ruleId === rule)!, 0);
    expect(first('Before you go, let me offer you 30% off your next three boxes!', 'discount-opener')).toBe("Before you go, I'd like to understand what led you to this decision.");
    expect(first('Stop shouting at me! ^SD', 'do-not-talk-to-me')).toBe('I want to help, and I need us to keep this respectful. ^SD');
    expect(first('We value your feedback!', 'value-feedback')).toBe('Thank you for telling us!');
  });

  it('flags exactly the weak phrase, so a rewrite replaces nothing around it', () => {
    const text = "Thanks Sam. That's our policy, I'm afraid.";
    const f = linterWith().lint(text).find((x) => x.ruleId === 'our-policy')!;
    expect(text.slice(f.start, f.end)).toBe("That's our policy");
  });

  it('underlines whole words where a match starts or ends inside a contraction, and offers only rewrites that fit', () => {
    const lint = (text: string, rules: object[]) => {
      const base: BuiltinPack = { pack: { macros, rules: validatePack({ rules }, 'test.yaml', macros).rules }, draft: builtinPack().draft };
      return createLinter({ basePack: base }).lint(text).filter((f) => f.category !== 'draft');
    };
    // From the second part of "It's": the underline takes the whole word, and a rewrite written for "is likely" would not fit it.
    const likely = lint("It's likely the later flight.", [{ id: 'likely', category: 'uncertain', severity: 'warning', message: 'Guess.', match: ['is likely'], rewrites: ['may be'], examples }]);
    expect(likely.map((f) => [f.ruleId, f.start, f.end, f.rewrites])).toEqual([['likely', 0, 11, []]]);
    // Ending in the first part of "you're": the match stops before it when it can, so the rewrite leaves no "'re" behind.
    const text = "I apologize for the inconvenience you're experiencing.";
    const sorry = lint(text, [{ id: 'sorry', category: 'corporate-filler', severity: 'warning', message: 'Vague.', match: ['i apologize for the inconvenience (you|that you)?'], rewrites: ["I'm sorry about the trouble"], examples }]);
    expect(text.slice(sorry[0].start, sorry[0].end)).toBe('I apologize for the inconvenience');
    expect(applyFindingRewrite(text, sorry[0])).toBe("I'm sorry about the trouble you're experiencing.");
    // When it cannot, the underline runs to the word's end, with no rewrite.
    const offer = "I can match any offer you've been given.";
    const match = lint(offer, [{ id: 'match', category: 'churn-transactional', severity: 'warning', message: 'Haggle.', match: ['match any offer you'], rewrites: ['tell me more'], examples }]);
    expect(match.map((f) => [offer.slice(f.start, f.end), f.rewrites])).toEqual([["match any offer you've", []]]);
  });

  it('flags a whole-reply rule only when no other sentence answers the customer', () => {
    const rule = { id: 'feedback', category: 'corporate-filler', severity: 'suggestion', message: 'Filler.', match: ['we value your feedback'], 'whole-reply': true, examples };
    const vague = { id: 'vague', category: 'corporate-filler', severity: 'suggestion', message: 'Vague.', match: ['any inconvenience'], examples };
    const base: BuiltinPack = { pack: { macros, rules: validatePack({ rules: [rule, vague] }, 'test.yaml', macros).rules }, draft: builtinPack().draft };
    const flagged = (text: string) => createLinter({ basePack: base }).lint(text).some((f) => f.ruleId === 'feedback');
    expect(flagged('Hi Jo, thanks for your review of the blender. We value your feedback. Let us know if you need anything.')).toBe(true);
    expect(flagged("We're sorry for the delay and any inconvenience. We value your feedback.")).toBe(true);
    expect(flagged('Wi-Fi is being fitted across the fleet this spring. We value your feedback.')).toBe(false);
    // An answer with a weak phrase of its own still answers; a stock apology does not.
    expect(flagged('Our desk staff will cover any inconvenience fees at the gate tonight. We value your feedback.')).toBe(false);
  });

  it('offers no rewrite with a subject of its own right after the agent\'s "to" or subject, or inside an open "If …"', () => {
    const rule = { id: 'relax', category: 'dismissive', severity: 'warning', message: 'Order.', match: ['relax'], rewrites: ['I know this is stressful'], examples };
    const base: BuiltinPack = { pack: { macros, rules: validatePack({ rules: [rule] }, 'test.yaml', macros).rules }, draft: builtinPack().draft };
    const rewrites = (text: string) => createLinter({ basePack: base }).lint(text).find((f) => f.ruleId === 'relax')!.rewrites;
    expect(rewrites('You need to relax.')).toEqual([]);
    expect(rewrites('If you relax we can sort it.')).toEqual([]);
    expect(rewrites('Relax, it is on its way.')).toEqual(['I know this is stressful']);
  });

  it('honours except.before, except.after and except.earlier', () => {
    const lint = (text: string) => linterWith().lint(text).filter((f) => f.ruleId === 'sure-thing' || f.ruleId === 'as-i-said').map((f) => f.ruleId);
    expect(lint('I am sure it ships today.')).toEqual(['sure-thing']);
    expect(lint('I am sure if the card is valid.')).toEqual([]);
    expect(lint('Whether it ships or not I am sure we can help.')).toEqual([]);
    expect(lint('Whether it ships or not, today I am sure we can help.')).toEqual(['sure-thing']);
    expect(lint('As I said, it ships today.')).toEqual(['as-i-said']);
    expect(lint('You asked about this. As I said, it ships today.')).toEqual([]);
    expect(lint('As I said, you asked about this.')).toEqual(['as-i-said']);
    // The first of the earlier phrases counts: one before the finding is enough, whatever follows.
    expect(lint('You asked why, and as I said, you asked twice.')).toEqual([]);
  });

  it('reads no sign-off as words after a phrase: initials that spell "if" do not make it conditional', () => {
    const lint = (text: string) => linterWith().lint(text).filter((f) => f.ruleId === 'sure-thing').map((f) => text.slice(f.start, f.end));
    expect(lint('I am sure if so.')).toEqual([]);
    expect(lint('Thanks, I am sure ^IF')).toEqual(['I am sure']);
    expect(lint('Thanks, I am sure *IF')).toEqual(['I am sure']);
    expect(lint('Thanks, I am sure -- If Support')).toEqual(['I am sure']);
    expect(lint('Thanks, I am sure -- If Mark, Support Team')).toEqual(['I am sure']);
    // Five words after a dash are the agent's own clause, not a name; so is a clause starting in lower case.
    expect(lint('Thanks, I am sure -- If Mark from Support agrees')).toEqual([]);
    expect(lint('Thanks, I am sure -- if it ships')).toEqual([]);
    expect(lint('Thanks, I am sure -- If Mr. Lee agrees')).toEqual([]);
    expect(lint('Thanks, I am sure --If Support')).toEqual(['I am sure']);
    // A dash with no name after it cuts nothing off.
    expect(lint('I am sure — today.')).toEqual(['I am sure']);
  });

  it('reads a dash sign-off the same with invisible characters pasted around the dash or into the name', () => {
    const lint = (text: string) => linterWith().lint(text).filter((f) => f.ruleId === 'sure-thing').map((f) => text.slice(f.start, f.end));
    for (const text of ['Thanks, I am sure -- \u202bIf Support', 'Thanks, I am sure \u200b-- If Support', 'Thanks, I am sure --\u00ad If Support', 'Thanks, I am sure — \u2067If Mark\u2069', `${'\u200b'.repeat(20)}Thanks, I am sure -- If Support`]) {
      expect(lint(text), JSON.stringify(text)).toEqual(['I am sure']);
    }
  });

  it('honours except.later: a phrase after the finding, in its sentence or a later one, but not before it', () => {
    const lint = (text: string) => linterWith().lint(text).filter((f) => f.ruleId === 'feedback').map((f) => text.slice(f.start, f.end));
    expect(lint('We value your feedback. Have a good day.')).toEqual(['We value your feedback']);
    expect(lint('We value your feedback and will share it with the team.')).toEqual([]);
    expect(lint('We value your feedback. I will pass this on today.\n\nBest, Jo')).toEqual([]);
    expect(lint('I will pass this on. We value your feedback.')).toEqual(['We value your feedback']);
    // A later phrase counts whole, at the start of a sentence too; its first word alone does not.
    expect(lint('We value your feedback. Pass this on to the team.')).toEqual([]);
    expect(lint('We value your feedback and will pass the form to this team.')).toEqual(['We value your feedback']);
    // The last of the later phrases counts: one after the finding is enough, whatever came before.
    expect(lint('To share it: we value your feedback and will pass it on.')).toEqual([]);
    // Each occurrence is judged on what follows it.
    expect(lint('We value your feedback. I will share this. We value your feedback!')).toEqual(['We value your feedback']);
  });

  it('disables rules and categories, and reports the active rules', () => {
    const text = "That's our policy. As I said, we are busy.";
    expect(phrase(linterWith({ disabledRules: ['our-policy'] }).lint(text)).map((f) => f.ruleId)).toEqual(['as-i-said', 'busy']);
    expect(phrase(linterWith({ disabledCategories: ['excuse', 'condescending'] }).lint(text)).map((f) => f.ruleId)).toEqual(['our-policy']);
    expect(linterWith({ disabledCategories: ['excuse'] }).rules.map((r) => r.id)).toEqual(['our-policy', 'as-i-said', 'feedback', 'sure-thing']);
  });

  it('can turn off the placeholder and too-long findings like any draft check', () => {
    const text = `Fill in [by when]. ${'word '.repeat(25_000)}`;
    const ids = (options: LinterOptions) => linterWith(options).lint(text).filter((f) => f.category === 'draft').map((f) => f.ruleId);
    expect(ids({})).toEqual(expect.arrayContaining(['draft/placeholder', 'draft/too-long']));
    expect(ids({ disabledRules: ['draft/placeholder'] })).toEqual(expect.not.arrayContaining(['draft/placeholder']));
    expect(ids({ disabledRules: ['draft/placeholder'] })).toContain('draft/too-long');
    expect(ids({ disabledRules: ['draft/too-long'] })).toEqual(expect.not.arrayContaining(['draft/too-long']));
    expect(ids({ disabledRules: ['draft/too-long'] })).toContain('draft/placeholder');
  });

  it('flags a rule marked "when: customer-upset" only for an upset customer', () => {
    const upsetRules = validatePack(
      { rules: [{ id: 'policy-again', category: 'policy-wall', severity: 'warning', message: 'Again.', match: ['rules are rules'], when: 'customer-upset', rewrites: ['I know this is not what you hoped for'], examples }] },
      'upset-rules.yaml',
      macros,
    );
    const linter = createLinter({ basePack: { pack: { macros, rules: upsetRules.rules }, draft: builtinPack().draft } });
    const text = 'Sorry, rules are rules.';
    expect(spans(text, phrase(linter.lint(text, { customerSentiment: -0.8 })))).toEqual(['policy-again:rules are rules']);
    expect(phrase(linter.lint(text, { customerSentiment: 0.2 }))).toEqual([]);
    expect(phrase(linter.lint(text))).toEqual([]);
  });

  it('gives linters that disable different rules, as many each, their own rules', () => {
    const text = "That's our policy. We are busy.";
    expect(phrase(linterWith({ disabledRules: ['our-policy'] }).lint(text)).map((f) => f.ruleId)).toEqual(['busy']);
    expect(phrase(linterWith({ disabledRules: ['busy'] }).lint(text)).map((f) => f.ruleId)).toEqual(['our-policy']);
  });

  it('names the extra pack, by its place, whose rule id another pack already uses', () => {
    const pack = (id: string) => validatePack({ rules: [{ id, category: 'dismissive', severity: 'suggestion', message: 'Shrug.', match: ['no @soft* worries'], rewrites: ['happy to help'], examples }] }, 'team.yaml', macros);
    expect(() => linterWith({ packs: [pack('no-worries'), pack('no-worries')] })).toThrow(/pack 2.*"no-worries".*already defined in pack 1/);
  });

  it('overrides severities by rule id', () => {
    const [f] = linterWith({ severities: { 'our-policy': 'problem' } }).lint("That's our policy.");
    expect(f.severity).toBe('problem');
  });

  it('adds rules from extra packs validated against the built-in macros', () => {
    const team = validatePack(
      { rules: [{ id: 'no-worries', category: 'dismissive', severity: 'suggestion', message: 'Shrug.', match: ['no @soft* worries'], rewrites: ['happy to help'], examples }] },
      'team.yaml',
      macros,
    );
    const text = 'No, really, worries. That is our policy.';
    expect(spans(text, phrase(linterWith({ packs: [team] }).lint(text)))).toEqual(['no-worries:No, really, worries', 'our-policy:That is our policy']);
    // A bare pack as the base works too (the built-in macros stay available).
    expect(phrase(createLinter({ basePack: team }).lint(text)).map((f) => f.ruleId)).toEqual(['no-worries']);
  });

  it('returns nothing for empty or non-string input', () => {
    expect(linterWith().lint('')).toEqual([]);
    expect(linterWith().lint(undefined as unknown as string)).toEqual([]);
    expect(linterWith().commitments('')).toEqual([]);
    expect(linterWith().commitments(undefined as unknown as string)).toEqual([]);
    // Punctuation alone, with and without the draft checks.
    for (const options of [{}, { disabledCategories: ['draft'] }] as LinterOptions[]) expect(linterWith(options).lint('!!! ...')).toEqual([]);
  });

  it('gives the same findings from the sentence cache as from a fresh linter', () => {
    const linter = linterWith();
    const a = "Hello. That's our policy. As I said, we are busy.";
    const b = "Hello there. That's our policy. As I said, we are busy.";
    linter.lint(a);
    expect(linter.lint(b)).toEqual(linterWith().lint(b));
    expect(linter.lint(a)).toEqual(linterWith().lint(a));
  });

  it('keeps giving the same findings while thousands of other sentences pass through the cache', () => {
    const linter = linterWith();
    const draft = "That's our policy. As I said, we are busy.";
    const expected = linterWith().lint(draft);
    for (let i = 0; i < 2_500; i++) {
      linter.lint(`Order ${i} shipped today. ${draft}`);
      if (i % 500 === 0) expect(linter.lint(draft)).toEqual(expected);
    }
    expect(linter.lint(draft)).toEqual(expected);
  });

  it('answers sentences it has seen from its cache, and keeps those still in use through 1,000 others', () => {
    const linter = linterWith();
    const draft = "Hello. That's our policy. As I said, we are busy.";
    let other = 0;
    const lintOthers = (n: number) => {
      for (let k = 0; k < n; k++) linter.lint(`Order ${other++} shipped.`);
    };
    const cachedSentencesOfDraft = () => {
      const before = linter.sentenceCache.hits;
      linter.lint(draft);
      return linter.sentenceCache.hits - before;
    };
    expect(cachedSentencesOfDraft()).toBe(0);
    expect(linter.sentenceCache).toEqual({ lookups: 3, hits: 0 });
    expect(cachedSentencesOfDraft()).toBe(3);
    // Each time the draft is linted again its sentences come back to the recent generation, so they outlive the turnover.
    lintOthers(1_000);
    expect(cachedSentencesOfDraft()).toBe(3);
    lintOthers(1_000);
    expect(cachedSentencesOfDraft()).toBe(3);
    lintOthers(2_000);
    expect(cachedSentencesOfDraft()).toBe(0);
    expect(linter.sentenceCache).toEqual({ lookups: 5 * 3 + 4_000, hits: 9 });
  });

  it('keeps rewrites and spans the caller sets, before or after they are first read', () => {
    const setFirst = linterWith().lint("That's our policy.")[0];
    setFirst.rewrites = ['mine'];
    expect(setFirst.rewrites).toEqual(['mine']);
    setFirst.replace = { start: 0, end: 4 };
    setFirst.rewrites = ['mine', 'again'];
    expect(JSON.parse(JSON.stringify(setFirst))).toMatchObject({ rewrites: ['mine', 'again'], replace: { start: 0, end: 4 } });
    const readFirst = linterWith().lint("That's our policy.")[0];
    expect(readFirst.rewrites).toEqual(['This is outside what I can approve', "I can't change that rule myself"]);
    readFirst.rewrites = ['mine'];
    readFirst.replace = { start: 0, end: 4 };
    expect(readFirst).toMatchObject({ rewrites: ['mine'], replace: { start: 0, end: 4 } });
  });

  it('returns findings the caller may change without affecting later results', () => {
    const linter = linterWith();
    const first = linter.lint("That's our policy.");
    first[0].rewrites.push('changed');
    first[0].start = 99;
    expect(linter.lint("That's our policy.")[0]).toMatchObject({ start: 0, rewrites: ['This is outside what I can approve', "I can't change that rule myself"] });
  });
});

describe('rewrites fitted on first read', () => {
  const examples = builtinPack().pack.rules.flatMap((r) => r.examples.flag);
  const plain = (findings: Finding[]) => JSON.parse(JSON.stringify(findings)) as Finding[];

  it('gives every rule example the same rewrites and spans whenever and however they are read', () => {
    const linter = createLinter();
    for (const [i, text] of examples.entries()) {
      const context = { customerSentiment: i % 2 ? -0.6 : 0.4, facts: { firstName: 'Dana', orderNumber: 'A-17' } };
      const readAtOnce = plain(createLinter().lint(text, context));
      const readLater = linter.lint(text, context);
      // Meanwhile: the same linter lints other drafts, the caller reuses its context object and moves the findings.
      linter.lint(examples[(i + 1) % examples.length], { customerSentiment: 0 });
      context.customerSentiment = -context.customerSentiment;
      context.facts.firstName = 'Someone else';
      for (const f of readLater) {
        f.start += 1000;
        f.end += 1000;
      }
      const replaceFirst = readLater.map((f) => f.replace);
      for (const f of readLater) {
        f.start -= 1000;
        f.end -= 1000;
      }
      expect(plain(readLater), text).toEqual(readAtOnce);
      expect(readLater.map((f) => f.replace)).toEqual(replaceFirst);
    }
  });

  it('reads the same through a spread, structuredClone and JSON, with replace only where the rewrites replace more than the phrase', () => {
    const text = "I'm sorry, but that's our policy and there is nothing I can do. As I said, you should have read the terms.";
    const json = plain(createLinter().lint(text));
    expect(json.some((f) => f.rewrites.length > 0)).toBe(true);
    expect(createLinter().lint(text).map((f) => ({ ...f }))).toEqual(json);
    expect(structuredClone(createLinter().lint(text))).toEqual(json);
    const read = createLinter().lint(text);
    for (const f of read) void f.rewrites;
    expect(read.map((f) => Object.keys(f))).toEqual(json.map((f) => Object.keys(f)));
  });
});

describe('invisible characters pasted from tickets (zero-width spaces, joiners, BOM, soft hyphens)', () => {
  const linter = createLinter();
  const strip = (text: string) => text.replace(/[\u200b\u200c\u200d\u2060\ufeff\u00ad]/g, '');
  const ruleIds = (text: string) => linter.lint(text).map((f) => f.ruleId);

  it('underline the same phrase as the text shown, invisible characters inside it included', () => {
    for (const invisible of ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad']) {
      const port = `Your number port-${invisible}in is still pending.`;
      expect(spans(port, linter.lint(port))).toEqual([`industry-terms:port-${invisible}in`]);
      const rebooked = `You will be re-${invisible}accommodated on the next departure.`;
      expect(spans(rebooked, linter.lint(rebooked))).toEqual([`reaccommodated:re-${invisible}accommodated`]);
    }
    expect(ruleIds('That is your respon\u200bsibility to ch\u00adeck.')).toEqual(ruleIds('That is your responsibility to check.'));
  });

  it('keep the same one of two overlapping phrases: one holding an invisible character is no longer for it (the property test found it)', () => {
    const shown = 'It looks like maybe the order got stuck.';
    const pasted = 'It looks like maybe\u200b the order got stuck.';
    expect(spans(pasted, linter.lint(pasted)).map(strip)).toEqual(spans(shown, linter.lint(shown)));
  });

  it('read a greeting with an invisible character in it as a greeting: feedback thanks that are the whole reply stay flagged (the property test found it)', () => {
    const shown = 'Hi Jill, thanks for your review of the blender. We value your feedback. Have a lovely day!';
    const pasted = 'H\u200bi Jill, thanks for your review of the blender. We value your feedback. Have a lovely day!';
    expect(ruleIds(shown)).toContain('value-feedback');
    expect(ruleIds(pasted)).toEqual(ruleIds(shown));
  });

  it('rewrite the draft as they rewrite the text shown: the span takes the invisible characters inside it, the rewrite adds none', () => {
    const cases: [text: string, ruleId: string][] = [
      ['You will be re-\u200baccommodated on the next departure.', 'reaccommodated'],
      ['That is your respon\u200bsibility to ch\u00adeck.', 'not-our-fault'],
      ['You should have al\u2060ready received an em\u200bail about it.', 'should-have-received'],
      ['\u200bCalm down\u200b, we\u200bre on it\ufeff.', 'calm-down'],
      ['Thanks. \u200bCalm down\u200b, we\u200bre on it\ufeff.', 'calm-down'],
      ['Thanks. You will be re-\u200baccommodated on the next departure.', 'reaccommodated'],
    ];
    for (const [text, ruleId] of cases) {
      const shown = strip(text);
      const f = linter.lint(text).find((x) => x.ruleId === ruleId)!;
      const { start, end } = rewriteSpan(f);
      expect(text.slice(start, end), text).toMatch(/^[^\u200b\u2060\ufeff\u00ad].*[^\u200b\u2060\ufeff\u00ad]$/su);
      expect(f.rewrites.map(strip), text).toEqual(f.rewrites);
      const g = linter.lint(shown).find((x) => x.ruleId === ruleId)!;
      expect(f.rewrites.length, text).toBeGreaterThan(0);
      expect(strip(applyFindingRewrite(text, f)), text).toBe(applyFindingRewrite(shown, g));
    }
  });
});

describe('rule options a rule author sets', () => {
  const optionRules = validatePack(
    {
      rules: [
        { id: 'chill', category: 'dismissive', severity: 'problem', message: 'Chill.', match: ['chill out'], 'without-complaint': 'drop', rewrites: ['I hear you'], examples },
        { id: 'cherish', category: 'corporate-filler', severity: 'warning', message: 'Cherish.', match: ['we cherish you'], 'without-complaint': 'suggest', rewrites: ['thank you'], examples },
        { id: 'will-try', category: 'uncertain', severity: 'warning', message: 'Try.', match: ['we will try'], 'followed-by': ['to (fix|send)', 'again'], rewrites: ['we will'], examples },
        { id: 'hold-on', category: 'excuse', severity: 'warning', message: 'Hold on.', match: ['hold on'], slot: 'clause', rewrites: ['one moment while I check the U.S. depot'], examples },
        { id: 'and-more', category: 'excuse', severity: 'warning', message: 'More.', match: ['and for the trouble'], rewrites: ['{remove}', 'and for the wait', 'and for the delay', 'and for the mix-up'], examples },
        { id: 'eticket', category: 'jargon', severity: 'suggestion', message: 'Jargon.', match: ['eticket'], rewrites: ['[the same in plain words]'], examples },
        { id: 'trailing', category: 'excuse', severity: 'warning', message: 'Trailing.', match: ['super busy _?'], rewrites: ['busy'], script: 'long-wait', examples },
        // Softeners (@soft) include the comma, so this pattern can take one in at either end.
        { id: 'slammed', category: 'excuse', severity: 'warning', message: 'Slammed.', match: ['@soft* we are slammed @soft*'], rewrites: ['we are catching up'], examples },
        { id: 'em-dash', category: 'jargon', severity: 'suggestion', message: 'Dash.', match: ['—'], rewrites: [':'], examples },
        { id: 'code', category: 'jargon', severity: 'suggestion', message: 'Code.', match: ['%caps'], 'preceded-by': ['(the|an)'], except: { match: ['(ok|pdf)'] }, examples },
      ],
    },
    'option-rules.yaml',
    macros,
  );
  const optionLinter = createLinter({ basePack: { pack: { macros, rules: optionRules.rules }, draft: builtinPack().draft } });
  const found = (text: string, context?: LintContext) => phrase(optionLinter.lint(text, context)).map((f) => ({ id: f.ruleId, span: text.slice(f.start, f.end), severity: f.severity, rewrites: f.rewrites }));

  it('without-complaint "drop": no finding on banter, a finding when a complaint is in view', () => {
    expect(found('Chill out, the party is tomorrow and we are so excited!')).toEqual([]);
    // A pleased customer: even a trouble word is banter.
    expect(found('Chill out, the delay was tiny.', { customerSentiment: 0.6 })).toEqual([]);
    expect(found('Chill out, the party is tomorrow.')).toEqual([{ id: 'chill', span: 'Chill out', severity: 'problem', rewrites: ['I hear you'] }]);
    expect(found('Chill out, sorry about the delay. We are so excited!')).toEqual([{ id: 'chill', span: 'Chill out', severity: 'problem', rewrites: ['I hear you'] }]);
    expect(found('Chill out, we are so excited!', { customerSentiment: -0.5 })).toEqual([{ id: 'chill', span: 'Chill out', severity: 'problem', rewrites: ['I hear you'] }]);
    expect(found('Chill out, the delay was tiny.', { customerSentiment: 0.3 })).toEqual([{ id: 'chill', span: 'Chill out', severity: 'problem', rewrites: ['I hear you'] }]);
  });

  it('without-complaint "suggest": on banter a suggestion with no rewrites, else the rule\'s severity and rewrites', () => {
    expect(found('We cherish you, it was amazing to meet!')).toEqual([{ id: 'cherish', span: 'We cherish you', severity: 'suggestion', rewrites: [] }]);
    expect(found('We cherish you, sorry for the wait.')).toEqual([{ id: 'cherish', span: 'We cherish you', severity: 'warning', rewrites: ['Thank you'] }]);
  });

  it('followed-by: a finding only when one of the phrases follows, with the span on the match alone', () => {
    expect(found('We will try to fix it today.')).toEqual([{ id: 'will-try', span: 'We will try', severity: 'warning', rewrites: ['We will'] }]);
    expect(found('Then we will try to send it.').map((f) => f.span)).toEqual(['we will try']);
    expect(found('We will try again.').map((f) => f.span)).toEqual(['We will try']);
    expect(found('We will try harder next time.')).toEqual([]);
    expect(found('We will try.')).toEqual([]);
  });

  it('preceded-by: a finding only right after one of the phrases, with the span on the match alone; except.match: not when the matched words are one of these', () => {
    expect(found('Sorry, the VRM was not read.')).toEqual([{ id: 'code', span: 'VRM', severity: 'suggestion', rewrites: [] }]);
    expect(found('It was an RTI mismatch.').map((f) => f.span)).toEqual(['RTI']);
    expect(found('Sorry, VRM was not read by the camera.')).toEqual([]);
    expect(found('Sorry, the PDF was not attached.')).toEqual([]);
    expect(found('Sorry, the OK button was grey.')).toEqual([]);
  });

  it('end a clause rewrite with a full stop before the agent\'s next clause, even when it holds one inside', () => {
    const text = 'Hold on, I am checking.';
    const f = phrase(optionLinter.lint(text))[0];
    expect(f.rewrites).toEqual(['One moment while I check the U.S. depot. I']);
    expect(text.slice(rewriteSpan(f).start, rewriteSpan(f).end)).toBe('Hold on, I');
  });

  it('offer at most three rewrites when a tacked-on phrase\'s removal comes first', () => {
    expect(found('Sorry about the parcel, and for the trouble.')[0].rewrites).toEqual(['parcel', 'parcel, and for the wait', 'parcel, and for the delay']);
    // Words after the phrase stay the agent's: the removal takes none of them.
    expect(found('Sorry about the parcel, and for the trouble, it was a long week.')[0].rewrites).toEqual(['parcel', 'parcel, and for the wait', 'parcel, and for the delay']);
  });

  it('keep the article before a placeholder rewrite the noun phrase goes on after, and drop it before one that ends it', () => {
    const fitted = (text: string) => {
      const f = phrase(optionLinter.lint(text))[0];
      return { replaces: text.slice(rewriteSpan(f).start, rewriteSpan(f).end), rewrites: f.rewrites };
    };
    expect(fitted('We found an eticket problem.')).toEqual({ replaces: 'an eticket', rewrites: ['an [the same in plain words]'] });
    expect(fitted('It was an eticket.')).toEqual({ replaces: 'an eticket', rewrites: ['[the same in plain words]'] });
  });

  it('never starts or ends a span on punctuation a pattern took in (unless it matched only punctuation), and keeps the rule\'s script', () => {
    const text = 'We are super busy, sorry.';
    const [f] = phrase(optionLinter.lint(text));
    expect(text.slice(f.start, f.end)).toBe('super busy');
    expect(f.script).toBe('long-wait');
    expect(found('We are super busy today.').map((x) => x.span)).toEqual(['super busy today']);
    expect(phrase(optionLinter.lint('Chill out, sorry.'))[0]).not.toHaveProperty('script');
    expect(found('Sorry, we are slammed, but we will reply today.')).toEqual([{ id: 'slammed', span: 'we are slammed', severity: 'warning', rewrites: ['we are catching up'] }]);
    expect(found('Honestly, we are slammed.').map((x) => x.span)).toEqual(['Honestly, we are slammed']);
    // A match of punctuation alone is that punctuation.
    expect(found('We are on it — today.').map((x) => x.span)).toEqual(['—']);
  });
});

describe('overlapping findings of different rules', () => {
  const rule = (id: string, severity: 'suggestion' | 'warning' | 'problem', match: string, extra: object = {}) => ({ id, category: 'excuse', severity, message: `${id}.`, match: [match], rewrites: ['x'], examples, ...extra });
  const lintWith = (rules: object[], text: string) => {
    const pack = validatePack({ rules }, 'overlap-rules.yaml', macros);
    return phrase(createLinter({ basePack: { pack: { macros, rules: pack.rules }, draft: builtinPack().draft } }).lint(text)).map((f) => `${f.ruleId}:${text.slice(f.start, f.end)}`);
  };
  const text = 'Alpha beta gamma delta, epsilon.';

  it('keep the more severe of two, however short', () => {
    expect(lintWith([rule('long', 'warning', 'alpha beta gamma delta'), rule('short', 'problem', 'gamma')], text)).toEqual(['short:gamma']);
    expect(lintWith([rule('long', 'problem', 'alpha beta gamma delta'), rule('short', 'warning', 'gamma')], text)).toEqual(['long:Alpha beta gamma delta']);
  });

  it('keep the longer of two equally severe, and the earlier of two as long', () => {
    expect(lintWith([rule('short', 'warning', 'alpha beta'), rule('long', 'warning', 'alpha beta gamma')], text)).toEqual(['long:Alpha beta gamma']);
    expect(lintWith([rule('long', 'warning', 'alpha beta gamma'), rule('short', 'warning', 'alpha beta')], text)).toEqual(['long:Alpha beta gamma']);
    // "beta gamma" is not cut back to end before the other's phrase: it has an except.later.
    expect(lintWith([rule('first', 'warning', 'alpha beta'), rule('second', 'warning', 'beta gamma', { except: { later: ['zzz'] } })], text)).toEqual(['first:Alpha beta']);
    expect(lintWith([rule('second', 'warning', 'beta gamma', { except: { later: ['zzz'] } }), rule('first', 'warning', 'alpha beta')], text)).toEqual(['first:Alpha beta']);
  });

  it('keep every finding that overlaps no better one, in order', () => {
    const rules = [rule('wide', 'suggestion', 'alpha beta gamma delta'), rule('beta', 'problem', 'beta'), rule('delta', 'warning', 'delta'), rule('epsilon', 'suggestion', 'epsilon')];
    expect(lintWith(rules, text)).toEqual(['beta:beta', 'delta:delta', 'epsilon:epsilon']);
    expect(lintWith(rules, `${text} ${text}`)).toEqual(['beta:beta', 'delta:delta', 'epsilon:epsilon', 'beta:beta', 'delta:delta', 'epsilon:epsilon']);
  });

  it('keep a lesser finding that lies before a better one inside the same wider finding', () => {
    const rules = [rule('wide', 'suggestion', 'alpha beta gamma delta'), rule('beta', 'warning', 'beta'), rule('gamma', 'problem', 'gamma')];
    expect(lintWith(rules, text)).toEqual(['beta:beta', 'gamma:gamma']);
  });

  it('end a match with an open tail at the last word before another rule\'s phrase and its joining word', () => {
    expect(lintWith([rule('run-on', 'warning', 'alpha beta _*'), rule('second', 'warning', 'gamma delta')], 'Alpha beta and gamma delta.')).toEqual(['run-on:Alpha beta', 'second:gamma delta']);
  });

  it('let a placeholder left in the draft win over a phrase finding that runs over it, in a draft with findings after it', () => {
    const pack = validatePack({ rules: [rule('call', 'warning', 'we will call you _*'), rule('second', 'warning', 'gamma delta')] }, 'overlap-rules.yaml', macros);
    const text = 'We will call you [by when] and then more. Gamma delta.';
    const found = createLinter({ basePack: { pack: { macros, rules: pack.rules }, draft: builtinPack().draft } }).lint(text);
    expect(spans(text, found)).toEqual(['draft/placeholder:[by when]', 'second:Gamma delta']);
  });

  it('let one finding that outranks two shorter ones inside it hide both', () => {
    const rules = [rule('wide', 'problem', 'alpha beta gamma delta'), rule('beta', 'suggestion', 'beta'), rule('gamma', 'suggestion', 'gamma'), rule('epsilon', 'suggestion', 'epsilon')];
    expect(lintWith(rules, text)).toEqual(['wide:Alpha beta gamma delta', 'epsilon:epsilon']);
  });
});

describe('the span a rewrite replaces, fitted around the phrase', () => {
  const linter = createLinter();
  const fitted = (text: string, ruleId: string) => {
    const f = linter.lint(text).find((x) => x.ruleId === ruleId)!;
    const { start, end } = rewriteSpan(f);
    return { underline: text.slice(f.start, f.end), replaces: text.slice(start, end), rewrites: f.rewrites };
  };

  it('ends a clause rewrite as a sentence before the agent\'s next clause, taking its first letter to re-case it', () => {
    expect(fitted('Please calm down, I am on it.', 'calm-down')).toEqual({
      underline: 'Please calm down',
      replaces: 'Please calm down, I',
      rewrites: ['I can hear how frustrating this has been, and I want to sort it out with you. I', 'I understand why this is upsetting. I'],
    });
  });

  it('removes a tacked-on phrase with the comma before it, keeping the word before it as the visible change', () => {
    expect(fitted("I'm sorry the bag missed the flight, and for any inconvenience.", 'and-the-inconvenience')).toEqual({
      underline: 'and for any inconvenience',
      replaces: 'flight, and for any inconvenience',
      rewrites: ['flight', 'flight, and for [what it cost you]'],
    });
    expect(fitted("I'm sorry the bag missed the flight and for any inconvenience.", 'and-the-inconvenience')).toEqual({
      underline: 'and for any inconvenience',
      replaces: 'flight and for any inconvenience',
      rewrites: ['flight', 'flight and for [what it cost you]'],
    });
    // The article before the kept word stays as it is.
    expect(fitted("I'm sorry about an error, and for any inconvenience.", 'and-the-inconvenience')).toEqual({
      underline: 'and for any inconvenience',
      replaces: 'error, and for any inconvenience',
      rewrites: ['error', 'error, and for [what it cost you]'],
    });
  });

  it('removes a marker with the comma and space after it, re-casing the next letter', () => {
    expect(fitted('Obviously, many things can cause a delay.', 'obviously')).toEqual({ underline: 'Obviously', replaces: 'Obviously, m', rewrites: ['M'] });
    expect(fitted('You obviously need a passport for that route.', 'obviously')).toEqual({ underline: 'obviously', replaces: 'obviously n', rewrites: ['n'] });
    expect(fitted('As you were told, the fee is non-refundable.', 'as-you-were-told')).toEqual({ underline: 'As you were told', replaces: 'As you were told, t', rewrites: ['T', 'To recap, t'] });
    // Without a comma of the agent's, a fronted marker's rewrite brings its own.
    expect(fitted('As you were told the fee is non-refundable.', 'as-you-were-told')).toEqual({ underline: 'As you were told', replaces: 'As you were told t', rewrites: ['T', 'To recap, t'] });
    expect(fitted('Obviously the link is broken.', 'obviously')).toEqual({ underline: 'Obviously', replaces: 'Obviously t', rewrites: ['T'] });
  });

  it('fits the article before a removed marker to the word that then follows it', () => {
    expect(fitted('It is an obviously broken link.', 'obviously')).toEqual({ underline: 'obviously', replaces: 'an obviously b', rewrites: ['a b'] });
    expect(fitted('An obviously honest mistake.', 'obviously')).toEqual({ underline: 'obviously', replaces: 'An obviously h', rewrites: ['An h'] });
    expect(fitted('It was a obviously odd error.', 'obviously')).toEqual({ underline: 'obviously', replaces: 'a obviously o', rewrites: ['an o'] });
  });

  it('takes in the article before the phrase and fits it to the rewrite', () => {
    expect(fitted('The flight was delayed by an equipment change.', 'industry-terms')).toEqual({ underline: 'equipment change', replaces: 'an equipment change', rewrites: ['an aircraft change'] });
    expect(fitted('An equipment change delayed it.', 'industry-terms')).toEqual({ underline: 'equipment change', replaces: 'An equipment change', rewrites: ['An aircraft change'] });
    expect(fitted('The flight was delayed by an equip\u200bment change.', 'industry-terms')).toEqual({ underline: 'equip\u200bment change', replaces: 'an equip\u200bment change', rewrites: ['an aircraft change'] });
  });

  it('gives no separate span when the rewrites replace just the phrase, invisible characters or not', () => {
    for (const text of ['Your number port-in is still pending.', 'Your number port-\u200bin is still pending.', 'Please calm\u200b down']) {
      const f = linter.lint(text).find((x) => x.category !== 'draft')!;
      void f.rewrites;
      expect(f.replace, text).toBeUndefined();
    }
    expect(fitted('Please calm\u200b down', 'calm-down')).toEqual({ underline: 'Please calm\u200b down', replaces: 'Please calm\u200b down', rewrites: ['I can hear how frustrating this has been, and I want to sort it out with you', 'I understand why this is upsetting'] });
  });
});

describe('rewrites that read the rest of the draft', () => {
  const linter = createLinter();
  const rewritesOf = (text: string, ruleId: string) => linter.lint(text).find((f) => f.ruleId === ruleId)!.rewrites;

  it('never say sorry twice in a sentence, nor thank again where the draft already thanks', () => {
    expect(rewritesOf("I'm sorry but that's not our fault.", 'not-our-fault')).toEqual([]);
    expect(rewritesOf("That's not our fault.", 'not-our-fault')).toEqual(["We're sorry this happened"]);
    expect(rewritesOf('Thank you! We value your feedback.', 'value-feedback')).toEqual([]);
    expect(rewritesOf('Thank you! We value your\u200b feedback.', 'value-feedback')).toEqual([]);
    expect(rewritesOf('We value your feedback. Thanks for flying with us.', 'value-feedback')).toEqual([]);
    expect(rewritesOf('We value your feedback. Have a good flight.', 'value-feedback')[0]).toBe('Thank you for telling us');
  });

  it('never say "please" twice in a clause', () => {
    expect(rewritesOf('Sorry but kindly proceed with a new booking and please ensure the payment goes through.', 'kindly')).toEqual([]);
    expect(rewritesOf('Please find the form attached and kindly sign it.', 'kindly')).toEqual([]);
    expect(rewritesOf('Please find the form attached; kindly sign it by Friday.', 'kindly')).toEqual(['please']);
    expect(rewritesOf('Kindly sign the form by Friday.', 'kindly')).toEqual(['Please']);
  });

  it('thank again where the draft\'s thanks is far away (over 600 characters) from the phrase', () => {
    // Short lines: value-feedback flags only a reply that says nothing else (whole-reply).
    const filler = (sentences: number) => 'It left on Monday. '.repeat(sentences);
    expect(filler(33).length).toBeGreaterThan(600);
    expect(rewritesOf(`Thank you! ${filler(33)}We value your feedback.`, 'value-feedback')[0]).toBe('Thank you for telling us');
    expect(rewritesOf(`We value your feedback. ${filler(33)}Thanks for flying with us.`, 'value-feedback')[0]).toBe('Thank you for telling us');
    expect(filler(25).length).toBeLessThan(500);
    expect(rewritesOf(`Thank you! ${filler(25)}We value your feedback.`, 'value-feedback')).toEqual([]);
    expect(rewritesOf(`We value your feedback. ${filler(25)}Thanks for flying with us.`, 'value-feedback')).toEqual([]);
  });

  it('fold a second apology joined by "and" into the first instead of repeating it', () => {
    const text = "We're sorry to hear of your trip, Kian, and we're sorry if our service fell short.";
    const found = linter.lint(text).find((f) => f.ruleId === 'conditional-apology')!;
    expect(applyFindingRewrite(text, found, 0)).toBe("We're sorry to hear of your trip, Kian, and that our service fell short.");
    expect(rewritesOf("Sorry, we're sorry if our service fell short.", 'conditional-apology')).toEqual([]);
  });


  it('speak as the draft does when the phrase has no subject of its own ("I" on a tie)', () => {
    const sorry = (text: string) => rewritesOf(text, 'any-inconvenience')[0];
    expect(sorry('Sorry for any inconvenience, we are on it and we will fix it.')).toBe('We are sorry about the trouble this has caused');
    expect(sorry('Sorry for any inconvenience, I am on it and I will fix it.')).toBe('I am sorry about the trouble this has caused');
    expect(sorry('Sorry for any inconvenience, I am on it and we will fix it.')).toBe('I am sorry about the trouble this has caused');
    expect(sorry('Sorry for any inconvenience. We checked it.')).toBe("We're sorry about the trouble this has caused");
  });

  it('end a phrase that runs on into another rule\'s phrase before that phrase and its joining word', () => {
    for (const join of [' and', ', but', ' &', ', and so']) {
      const text = `You should have read the terms${join} there is nothing I can do.`;
      expect(spans(text, phrase(linter.lint(text))), text).toEqual(['should-have-done:You should have read the terms', 'nothing-i-can-do:there is nothing I can do']);
    }
  });

  it('read initials only at the end of a sentence as a sign-off, not a word stressed with asterisks', () => {
    const text = 'I *really* need you to calm down.';
    expect(spans(text, phrase(linter.lint(text)))).toEqual(['calm-down:I *really* need you to calm down']);
  });

  it('keep a phrase whole when another rule\'s phrase is part of what it needs, so one phrase gives one finding', () => {
    const text = "Per our policy, we don't refund used tickets.";
    expect(spans(text, phrase(linter.lint(text)))).toEqual(["policy-we-cannot:Per our policy, we don't refund used tickets"]);
  });

  it('read "— Relax." as a sign-off even with an invisible character pasted in (the property test found it)', () => {
    const plainText = '" — Relax. ';
    expect(phrase(linter.lint(plainText))).toEqual([]);
    for (const text of ['" — \u202bRelax. ', '" \u200b— Relax. ', '" — Rel\u200bax. ']) expect(phrase(linter.lint(text)), JSON.stringify(text)).toEqual([]);
  });

  it('never underline a sign-off a phrase runs on into', () => {
    for (const text of ['You should have read the terms (1/2)', 'You should have read the terms /JB', 'Thanks. You should have read the terms (1/2)']) {
      expect(spans(text, phrase(linter.lint(text)))).toEqual(['should-have-done:You should have read the terms']);
    }
  });
});

describe('rewrites a rule author limits with if: conditions', () => {
  const conditionRules = validatePack(
    {
      rules: [
        { id: 'mood', category: 'dismissive', severity: 'warning', message: 'Mood.', match: ['whatever you say'], rewrites: [{ text: 'I hear you', if: ['upset'] }, { text: 'sure thing', if: ['not-upset'] }, { text: 'glad you like it', if: ['pleased'] }], examples },
        { id: 'kind', category: 'dismissive', severity: 'warning', message: 'Kind.', match: ['deal with it'], rewrites: [{ text: 'can we sort it out', if: ['question'] }, { text: 'we will sort it out', if: ['statement'] }], examples },
        { id: 'ticket', category: 'policy-wall', severity: 'warning', message: 'Ticket.', match: ['no exceptions'], rewrites: [{ text: 'this one is approved', if: ['approved'] }, { text: 'I will ask my lead', if: ['not-approved'] }], examples },
        { id: 'greet', category: 'corporate-filler', severity: 'suggestion', message: 'Greet.', match: ['hey there'], rewrites: ['hi [first name]'], examples },
        { id: 'offer', category: 'churn-transactional', severity: 'warning', message: 'Offer.', match: ['knock ten percent off'], rewrites: [{ text: 'tell me what went wrong first', if: ['leaving'] }], examples },
        {
          id: 'patience',
          category: 'corporate-filler',
          severity: 'suggestion',
          message: 'Patience.',
          match: ['we appreciate your patience'],
          slot: 'clause',
          rewrites: [{ text: 'thank you for waiting', if: ['shared-subject'] }, { text: 'thanks for waiting', if: ['sentence-start'] }, { text: 'thanks for bearing with us', if: ['sentence-opening'] }],
          examples,
        },
      ],
    },
    'condition-rules.yaml',
    macros,
  );
  const conditionLinter = createLinter({ basePack: { pack: { macros, rules: conditionRules.rules }, draft: builtinPack().draft } });
  const rewritesOf = (text: string, context?: LintContext) => phrase(conditionLinter.lint(text, context)).map((f) => f.rewrites);

  it('upset, not-upset and pleased follow the customer\'s mood (pleased above 0.3)', () => {
    expect(rewritesOf('Well, whatever you say.', { customerSentiment: -0.8 })).toEqual([['I hear you']]);
    expect(rewritesOf('Well, whatever you say.')).toEqual([['sure thing']]);
    expect(rewritesOf('Well, whatever you say.', { customerSentiment: 0.3 })).toEqual([['sure thing']]);
    expect(rewritesOf('Well, whatever you say.', { customerSentiment: 0.6 })).toEqual([['sure thing', 'glad you like it']]);
  });

  it('question and statement follow the sentence the phrase is in', () => {
    expect(rewritesOf('So, deal with it?')).toEqual([['can we sort it out']]);
    expect(rewritesOf('So, deal with it. Any questions?')).toEqual([['we will sort it out']]);
  });

  it('follow the context as it was when linting, though rewrites are read after the caller changed its object', () => {
    const context = { customerSentiment: 0.6, facts: { firstName: 'Dana' } };
    const found = phrase(conditionLinter.lint('Well, whatever you say. Hey there.', context));
    context.customerSentiment = -0.8;
    context.facts.firstName = 'Someone';
    expect(found.map((f) => f.rewrites)).toEqual([['sure thing', 'glad you like it'], ['Hi Dana']]);
  });

  it('approved and not-approved follow the ticket', () => {
    expect(rewritesOf('Sorry, no exceptions.', { approved: true })).toEqual([['this one is approved']]);
    expect(rewritesOf('Sorry, no exceptions.', { approved: false })).toEqual([['I will ask my lead']]);
    expect(rewritesOf('Sorry, no exceptions.')).toEqual([['I will ask my lead']]);
  });

  it('leaving follows the ticket\'s churn trigger or the draft\'s own words, so a make-good offer gets no "why are you leaving"', () => {
    expect(rewritesOf('The screens glitched, so I can knock ten percent off.')).toEqual([[]]);
    expect(rewritesOf('The screens glitched, so I can knock ten percent off.', { triggers: ['churn'] })).toEqual([['tell me what went wrong first']]);
    expect(rewritesOf('Before you cancel, I can knock ten percent off.')).toEqual([['tell me what went wrong first']]);
    expect(rewritesOf('Please reconsider, I can knock ten percent off.', { triggers: ['delay'] })).toEqual([['tell me what went wrong first']]);
  });

  it('shared-subject holds when a verb coordinated after the phrase shares its subject, not before a bare noun', () => {
    expect(rewritesOf('We appreciate your patience, and truly apologize for the delay.')).toEqual([['Thank you for waiting', 'Thanks for waiting', 'Thanks for bearing with us']]);
    expect(rewritesOf('We appreciate your patience and loyalty.')).toEqual([['Thanks for waiting', 'Thanks for bearing with us']]);
    expect(rewritesOf('Yes, and we appreciate your patience, and truly apologize.')).toEqual([['thank you for waiting']]);
  });

  it('own-subject holds where shared-subject does not: no rewrite drops a subject a later verb needs', () => {
    const rewrites = (text: string) => phrase(createLinter().lint(text)).filter((f) => f.ruleId === 'value-feedback').flatMap((f) => f.rewrites);
    expect(rewrites("We appreciate the feedback, and don't mean to upset you.")).toEqual([]);
    expect(rewrites('We appreciate your feedback.')).toEqual(['Thank you for telling us', 'Thanks for sharing this with us']);
  });

  it('sentence-start holds only at the start, sentence-opening also after a short opener ("Sorry, ", "Hi Emma, ")', () => {
    expect(rewritesOf('We appreciate your patience.')).toEqual([['Thanks for waiting', 'Thanks for bearing with us']]);
    expect(rewritesOf('Sorry, we appreciate your patience.')).toEqual([['thanks for bearing with us']]);
    expect(rewritesOf('Hi Emma, we appreciate your patience.')).toEqual([['thanks for bearing with us']]);
    expect(rewritesOf('Well we appreciate your patience.')).toEqual([[]]);
  });
});

describe('rewrite templates a rule author writes', () => {
  const templateRules = validatePack(
    {
      rules: [
        { id: 'lost', category: 'excuse', severity: 'warning', message: 'Lost.', match: ['the (box|parcel|bag) (is|was) lost'], rewrites: [{ text: '{match}', edit: ['^the (\\w+) (?:is|was) lost$', 'we are tracing the \\1'] }, { text: '{match}', edit: ['^the box', 'unused'] }, '{I} will find it'], examples },
        { id: 'many', category: 'excuse', severity: 'warning', message: 'Many.', match: ['no idea'], rewrites: ['one option', 'One option', 'two options', 'three options', 'four options'], examples },
        { id: 'gone', category: 'excuse', severity: 'warning', message: 'Gone.', match: ['it is gone'], rewrites: [{ text: '{match}', edit: ['^it is gone$', ''] }, 'we are on it'], examples },
        { id: 'wait', category: 'excuse', severity: 'warning', message: 'Wait.', match: ['sorry for the wait'], rewrites: ['thanks for your patience', 'thanks for waiting'], examples },
        { id: 'hedge', category: 'corporate-filler', severity: 'warning', message: 'Hedge.', match: ['sorry if'], slot: 'clause', rewrites: [{ text: "{I'm} sorry that {match}", edit: ['^.*?\\bif\\s+(.*?)(?:\\bany\\s+|$)(.*)$', '\\1\\2'] }], examples },
      ],
    },
    'template-rules.yaml',
    macros,
  );
  const templateLinter = createLinter({ basePack: { pack: { macros, rules: templateRules.rules }, draft: builtinPack().draft } });
  const rewritesOf = (text: string) => phrase(templateLinter.lint(text)).map((f) => f.rewrites);

  it('reshape the agent\'s words with an edit (its groups kept), skip an edit that does not match, and speak as the draft does', () => {
    expect(rewritesOf('Sadly the parcel was lost.')).toEqual([['we are tracing the parcel', 'I will find it']]);
    expect(rewritesOf('We looked, and the bag is lost.')).toEqual([['we are tracing the bag', 'we will find it']]);
  });

  it("fit their own words to the draft and keep the agent's words as typed", () => {
    // The template's "I'm" follows the draft's contractions; the agent's "it is" stays long.
    expect(rewritesOf("We're here. Sorry if it is any trouble, Sam.")).toEqual([["We're sorry that it is trouble"]]);
    // The draft's typographic apostrophes for Steady's words; the agent's straight one stays.
    expect(rewritesOf("I’m here, I’ve looked. Sorry if it's late.")).toEqual([['I’m sorry that it\'s late']]);
    // "sorry that" + "that wasn't…" says "that" once.
    expect(rewritesOf("Sorry if that wasn't clear.")).toEqual([["I'm sorry that wasn't clear"]]);
  });

  it('skip a rewrite that repeats a long word the sentence already has, whatever its case', () => {
    expect(rewritesOf('Well, sorry for the wait.')).toEqual([['thanks for your patience', 'thanks for waiting']]);
    expect(rewritesOf('PATIENCE is a virtue, sorry for the wait.')).toEqual([['thanks for waiting']]);
  });

  it('offer each rewrite once, at most three, and none an edit leaves empty', () => {
    expect(rewritesOf('Sorry, no idea.')).toEqual([['one option', 'two options', 'three options']]);
    expect(rewritesOf('Sorry, it is gone.')).toEqual([['we are on it']]);
  });
});

describe('marker rewrites a rule author writes (slot: marker)', () => {
  const markerRules = validatePack(
    {
      rules: [
        { id: 'fact', category: 'condescending', severity: 'warning', message: 'Fact.', match: ['as a matter of fact'], slot: 'marker', rewrites: ['{remove}', 'in fact', 'note that'], examples },
        { id: 'honest', category: 'condescending', severity: 'warning', message: 'Honest.', match: ['to be perfectly honest'], slot: 'marker', rewrites: ['honestly', 'that said', 'well, honestly'], examples },
      ],
    },
    'marker-rules.yaml',
    macros,
  );
  const markerLinter = createLinter({ basePack: { pack: { macros, rules: markerRules.rules }, draft: builtinPack().draft } });
  const fitted = (text: string) => {
    const [f] = phrase(markerLinter.lint(text));
    const { start, end } = rewriteSpan(f);
    return { underline: text.slice(f.start, f.end), replaces: text.slice(start, end), rewrites: f.rewrites };
  };

  it('front the sentence with a comma after the rewrite, unless it ends in "that"', () => {
    expect(fitted('As a matter of fact the fee applies.')).toEqual({ underline: 'As a matter of fact', replaces: 'As a matter of fact t', rewrites: ['T', 'In fact, t', 'Note that t'] });
    expect(fitted('Well, as a matter of fact the fee applies.')).toEqual({ underline: 'as a matter of fact', replaces: 'as a matter of fact t', rewrites: ['t', 'in fact, t', 'note that t'] });
    expect(fitted('Well, as a matter of fact 3 fees apply.').rewrites).toEqual(['3', 'in fact, 3', 'note that 3']);
    // The agent's double spaces, before or after the marker, change nothing.
    expect(fitted('As a matter of fact  the fee applies.')).toEqual({ underline: 'As a matter of fact', replaces: 'As a matter of fact  t', rewrites: ['T', 'In fact,  t', 'Note that  t'] });
    expect(fitted('Well,  as a matter of fact the fee applies.').rewrites).toEqual(['t', 'in fact, t', 'note that t']);
    // The agent's own comma after the marker is kept, not doubled.
    expect(fitted('To be perfectly honest, the fee applies.')).toEqual({ underline: 'To be perfectly honest', replaces: 'To be perfectly honest', rewrites: ['Honestly', 'That said', 'Well, honestly'] });
    expect(fitted('To be perfectly honest the fee applies.').rewrites).toEqual(['Honestly,', 'That said,', 'Well, honestly,']);
    expect(fitted('So, to be perfectly honest the fee applies.').rewrites).toEqual(['honestly,', 'that said,', 'well, honestly,']);
  });

  it('add no comma inside a sentence', () => {
    expect(fitted('The fee as a matter of fact applies.')).toEqual({ underline: 'as a matter of fact', replaces: 'as a matter of fact a', rewrites: ['a', 'in fact a', 'note that a'] });
    expect(fitted('Yes, the fee as a matter of fact applies.').rewrites).toEqual(['a', 'in fact a', 'note that a']);
  });

  it('offer no removal before a dash, which would then open the sentence, and add no comma before it', () => {
    expect(fitted('As a matter of fact — the fee applies.')).toEqual({ underline: 'As a matter of fact', replaces: 'As a matter of fact', rewrites: ['In fact', 'Note that'] });
  });

  it('offer no removal at the end of a sentence, where no word would take the marker\'s place, and replace just the marker', () => {
    expect(fitted('The fee applies, as a matter of fact.')).toEqual({ underline: 'as a matter of fact', replaces: 'as a matter of fact', rewrites: ['in fact', 'note that'] });
    expect(fitted('The fee applies as a matter of fact')).toEqual({ underline: 'as a matter of fact', replaces: 'as a matter of fact', rewrites: ['in fact', 'note that'] });
  });
});
