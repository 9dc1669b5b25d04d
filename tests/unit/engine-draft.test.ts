import { describe, expect, it } from 'vitest';
import { createLinter, builtinPack, MAX_LINT_CHARS, type Finding, type LintContext } from '../../lib/engine';
import { compileDraftChecks, isUpset, validateDraftConfig } from '../../lib/engine/draft';
import { compilePack } from '../../lib/engine/pack';

const config = builtinPack().draft;
const UPSET: LintContext = { customerSentiment: -0.8 };
const CALM: LintContext = { customerSentiment: 0.5 };
const linter = createLinter();

const draftIds = (text: string, context?: LintContext, l = linter) => l.lint(text, context).filter((f) => f.category === 'draft').map((f) => f.ruleId);
const find = (findings: Finding[], id: string) => findings.find((f) => f.ruleId === id);

function expectDisjointSorted(findings: Finding[]): void {
  for (let i = 1; i < findings.length; i++) expect(findings[i].start).toBeGreaterThanOrEqual(findings[i - 1].end);
}

describe('whole-draft checks', () => {
  const apologies = ["I'm sorry the parcel arrived damaged.", 'Apologies for the extra steps.', 'Sorry again for the trouble.', 'We regret the delay.'];
  const min = config.checks['over-apologising']['min-apologies'];

  it('flags over-apologising from the configured number of apologies, as a draft finding', () => {
    const text = [...apologies.slice(0, min), 'I have issued a full refund today.'].join(' ');
    const found = find(linter.lint(text), 'draft/over-apologising');
    expect(found).toMatchObject({ category: 'draft', severity: config.checks['over-apologising'].severity, rewrites: [] });
    expect(draftIds([...apologies.slice(0, min - 1), 'I have issued a full refund today.'].join(' '))).not.toContain('draft/over-apologising');
  });

  it('flags an apology with no action, but not one followed by an action or promise', () => {
    expect(draftIds('Sorry for the trouble with your order.')).toEqual(['draft/apology-without-action']);
    expect(draftIds('The parcel is at the depot.')).toEqual([]);
    expect(draftIds('Sorry for the trouble with your order. I have issued a refund.')).toEqual([]);
    expect(draftIds("Sorry for the trouble. We'll send a new one by Friday.")).toEqual([]);
  });

  it('flags hedge density without overlapping the phrase findings on the hedges', () => {
    const text = 'I think the order may be on its way. It seems like the courier is late. Maybe it arrives tomorrow, perhaps.';
    const findings = linter.lint(text);
    expect(find(findings, 'draft/hedge-density')).toBeDefined();
    expectDisjointSorted(findings);
    expect(draftIds('I think the order is on its way. The courier is late.')).not.toContain('draft/hedge-density');
  });

  it('flags over-explaining only when the customer is upset', () => {
    const words = config.checks['over-explaining']['max-sentence-words'] + 5;
    const long = `The warehouse ${'checked the parcel again and '.repeat(Math.ceil(words / 5))}sent it back to the carrier.`;
    const text = `I understand how frustrating this is. ${long} I will call you tomorrow.`;
    expect(draftIds(text, UPSET)).toContain('draft/over-explaining');
    expect(draftIds(text, CALM)).not.toContain('draft/over-explaining');
    expect(draftIds(text)).not.toContain('draft/over-explaining');
  });

  it('flags a long paragraph for an upset customer', () => {
    const sentence = 'The team checked the account and the payment records twice this week.';
    const count = Math.ceil(config.checks['over-explaining']['max-paragraph-words'] / 12) + 1;
    const text = `I hear how annoying this is. ${Array(count).fill(sentence).join(' ')}`;
    expect(draftIds(text, UPSET)).toContain('draft/over-explaining');
    expect(draftIds(`I hear how annoying this is.\n\n${Array(count).fill(sentence).join('\n\n')}`, UPSET)).not.toContain('draft/over-explaining');
  });

  it('flags a missing acknowledgement when an upset customer gets a fix or policy first', () => {
    const fixFirst = 'Hi Dana,\n\nPlease restart the app and log in again. I will check the logs meanwhile.';
    expect(draftIds(fixFirst, UPSET)).toEqual(['draft/missing-acknowledgement']);
    const found = find(linter.lint(fixFirst, UPSET), 'draft/missing-acknowledgement')!;
    expect(fixFirst.slice(found.start, found.end)).toBe('Please restart the app and log in again.');
    expect(draftIds(fixFirst, CALM)).toEqual([]);
    expect(draftIds(`Hi Dana,\n\nI understand how frustrating the logouts are. ${fixFirst.slice(10)}`, UPSET)).toEqual([]);
  });

  it('reads a fix first after a bullet or an opening quote too', () => {
    for (const opening of ['- Please restart the app and log in again.', '"Please restart the app and log in again."']) {
      const text = `Hi Dana,\n\n${opening} I will check the logs meanwhile.`;
      const found = find(linter.lint(text, UPSET), 'draft/missing-acknowledgement');
      expect(found && text.slice(found.start, found.end), text).toBe(opening);
    }
  });

  it('can disable all draft checks, or one, and override their severity', () => {
    const text = apologies.slice(0, min).join(' ');
    expect(draftIds(text, undefined, createLinter({ disabledCategories: ['draft'] }))).toEqual([]);
    expect(draftIds(text, undefined, createLinter({ disabledRules: ['draft/over-apologising'] }))).not.toContain('draft/over-apologising');
    const severe = createLinter({ severities: { 'draft/over-apologising': 'problem' } }).lint(text);
    expect(find(severe, 'draft/over-apologising')?.severity).toBe('problem');
  });

  it('checks the first MAX_LINT_CHARS characters of a huge input and says so', () => {
    const text = 'Please calm down. '.repeat(Math.ceil((MAX_LINT_CHARS * 1.5) / 18));
    const findings = linter.lint(text);
    const last = findings[findings.length - 1];
    expect(last).toMatchObject({ ruleId: 'draft/too-long', category: 'draft', end: text.trimEnd().length });
    expect(last.start).toBeLessThanOrEqual(MAX_LINT_CHARS);
    expect(findings.filter((f) => f.ruleId === 'calm-down').length).toBeGreaterThan(1000);
    expect(findings.every((f) => f === last || f.end <= last.start)).toBe(true);
  });

  it('flags placeholders only in the part it checked', () => {
    const text = `Fill in [by when]. ${'word '.repeat(MAX_LINT_CHARS / 5)}and [order number] too.`;
    expect(linter.lint(text).filter((f) => f.ruleId === 'draft/placeholder').map((f) => text.slice(f.start, f.end))).toEqual(['[by when]']);
  });

  it('stops checking at a space, or before an emoji the limit would cut, and underlines the unchecked rest without its spaces', () => {
    const tooLong = (text: string) => {
      const f = linter.lint(text).find((x) => x.ruleId === 'draft/too-long')!;
      return { rest: text.slice(f.start, f.end), checked: f.message.match(/first ([\d,]+) characters/)![1] };
    };
    const words = 'word '.repeat(MAX_LINT_CHARS / 5 + 1) + 'tail';
    expect(tooLong(words)).toEqual({ rest: 'word tail', checked: (MAX_LINT_CHARS - 1).toLocaleString('en') });
    expect(tooLong(`${'a'.repeat(MAX_LINT_CHARS - 1)}😀 more `)).toEqual({ rest: '😀 more', checked: (MAX_LINT_CHARS - 1).toLocaleString('en') });
    expect(tooLong(`${'a'.repeat(MAX_LINT_CHARS)}b more `)).toEqual({ rest: 'b more', checked: MAX_LINT_CHARS.toLocaleString('en') });
    expect(linter.lint('a'.repeat(MAX_LINT_CHARS)).map((f) => f.ruleId)).not.toContain('draft/too-long');
    expect(linter.lint('a '.repeat(MAX_LINT_CHARS / 2)).map((f) => f.ruleId)).not.toContain('draft/too-long');
  });

  it('looks for that space in the last 200 characters before the limit, and keeps every astral character whole', () => {
    const checked = (text: string) => {
      const f = linter.lint(text).find((x) => x.ruleId === 'draft/too-long')!;
      expect(f).toMatchObject({ severity: 'suggestion', rewrites: [] });
      return Number(f.message.match(/first ([\d,]+) characters/)![1].replace(/,/g, ''));
    };
    const a = (n: number) => 'a'.repeat(n);
    expect(checked(`${a(MAX_LINT_CHARS - 10)} ${'b'.repeat(50)}`)).toBe(MAX_LINT_CHARS - 10);
    expect(checked(`${a(MAX_LINT_CHARS - 200)} ${'b'.repeat(500)}`)).toBe(MAX_LINT_CHARS - 200);
    expect(checked(`${a(MAX_LINT_CHARS - 201)} ${'b'.repeat(500)}`)).toBe(MAX_LINT_CHARS);
    // The first and last high surrogates, and characters just past them.
    expect(checked(`${a(MAX_LINT_CHARS - 1)}\u{10000} more`)).toBe(MAX_LINT_CHARS - 1);
    expect(checked(`${a(MAX_LINT_CHARS - 1)}\u{10FFFF} more`)).toBe(MAX_LINT_CHARS - 1);
    expect(checked(`${a(MAX_LINT_CHARS - 1)}ｗｗ more`)).toBe(MAX_LINT_CHARS);
    expect(checked(`${a(MAX_LINT_CHARS - 1)}\ud7ff more`)).toBe(MAX_LINT_CHARS);
  });
});

describe('commitments', () => {
  it('extracts promise sentences with exact offsets', () => {
    const text = "Hi Lee,\r\nI will send the label today. We'll refund you by Friday! You'll receive an email shortly.\nWill you send a photo? Thanks.";
    const found = linter.commitments(text);
    expect(found.map((c) => c.text)).toEqual(['I will send the label today.', "We'll refund you by Friday!", "You'll receive an email shortly."]);
    for (const c of found) expect(text.slice(c.start, c.end)).toBe(c.text);
  });

  it('says which promises give a time', () => {
    expect(linter.commitments("I will send the label soon. We'll refund you by Friday.").map((c) => c.timed)).toEqual([false, true]);
  });

  it('finds none in a draft without promises', () => {
    expect(linter.commitments('Thanks for the photo. The parcel is at the depot.')).toEqual([]);
  });
});

describe('the upset threshold, at its boundary', () => {
  const upsetOnly = (sentiment: number) =>
    linter
      .lint('To fix it, simply click Reset password on the sign-in page.', { customerSentiment: sentiment })
      .filter((f) => f.ruleId === 'simply-step')
      .map((f) => f.ruleId);

  it('runs customer-upset rules just below -0.1 and not just above it', () => {
    expect(upsetOnly(-0.2)).toEqual(['simply-step']);
    expect(upsetOnly(-0.11)).toEqual(['simply-step']);
    expect(upsetOnly(-0.1)).toEqual([]);
    expect(upsetOnly(-0.05)).toEqual([]);
    expect(upsetOnly(0.4)).toEqual([]);
  });

  it('runs the upset-only draft checks on the same boundary', () => {
    const fixFirst = 'Hi Dana,\n\nPlease restart the app and log in again. I will check the logs meanwhile.';
    expect(draftIds(fixFirst, { customerSentiment: -0.2 })).toEqual(['draft/missing-acknowledgement']);
    expect(draftIds(fixFirst, { customerSentiment: -0.05 })).toEqual([]);
  });

  it('uses -0.1 when a pack has no draft checks', () => {
    expect(isUpset({ customerSentiment: -0.2 }, undefined)).toBe(true);
    expect(isUpset({ customerSentiment: -0.1 }, undefined)).toBe(false);
    expect(isUpset({ customerSentiment: -0.05 }, undefined)).toBe(false);
    expect(isUpset({}, undefined)).toBe(false);
  });
});

describe('where a draft finding is shown, and its limits', () => {
  const spanOf = (text: string, id: string, context?: LintContext) => {
    const f = find(linter.lint(text, context), id);
    return f && text.slice(f.start, f.end);
  };

  it('shows over-apologising on the apology that reaches the limit, or on the first free one when a phrase finding is there', () => {
    expect(spanOf("Sorry about the wait. Apologies for the mix-up. I'm sorry it broke. I have issued a refund.", 'draft/over-apologising')).toBe("I'm sorry it broke.");
    expect(spanOf("Sorry about the wait. Apologies for the mix-up. I'm sorry it broke. Sorry again. I have issued a refund.", 'draft/over-apologising')).toBe("I'm sorry it broke.");
    const underlined = 'Sorry about the wait. Apologies for the mix-up. We apologize for any inconvenience. I have issued a refund.';
    expect(spanOf(underlined, 'draft/over-apologising')).toBe('Sorry about the wait.');
    expect(spanOf(underlined, 'any-inconvenience')).toBe('We apologize for any inconvenience');
  });

  it('shows hedge density on the hedge that reaches the limit', () => {
    expect(spanOf('The parcel is probably at the depot. It is kind of late. Perhaps it moves today.', 'draft/hedge-density')).toBe('kind of');
    expect(spanOf('The parcel is probably at the depot and perhaps it moves today, kind of.', 'draft/hedge-density')).toBe('perhaps');
    expect(spanOf('The parcel is probably at the depot. Perhaps it moves today.', 'draft/hedge-density')).toBe('Perhaps');
    expect(spanOf('It is kind of late.', 'draft/hedge-density')).toBeUndefined();
  });

  it('flags a sentence over the word limit for an upset customer, not one at it', () => {
    const limit = config.checks['over-explaining']['max-sentence-words'];
    const words = (n: number) => Array.from({ length: n }, (_, i) => ['parcel', 'depot', 'label', 'route'][i % 4]).join(' ');
    const atLimit = `The ${words(limit - 2)} moved.`;
    const over = `The ${words(limit - 1)} moved.`;
    expect(spanOf(`I hear you. ${atLimit}`, 'draft/over-explaining', UPSET)).toBeUndefined();
    expect(spanOf(`I hear you. ${over}`, 'draft/over-explaining', UPSET)).toBe(over);
  });

  it('flags a paragraph over the word limit from its first sentence to the one that passes it', () => {
    const limit = config.checks['over-explaining']['max-paragraph-words'];
    const ten = 'The team checked the account and the payment records twice.';
    const sentences = Array<string>(limit / 10).fill(ten);
    const atLimit = sentences.join(' ');
    expect(spanOf(`I hear you.\n\n${atLimit}\n\nI will call you.`, 'draft/over-explaining', UPSET)).toBeUndefined();
    const over = [...sentences.slice(0, -1), 'The team checked the account and the payment records twice today.', ten].join(' ');
    expect(spanOf(`I hear you.\n\n${over}`, 'draft/over-explaining', UPSET)).toBe(over.slice(0, -ten.length - 1));
  });

  it('skips a short greeting to find the opening sentence, but not a long one', () => {
    expect(spanOf('Hello there, good morning! Please restart the app.', 'draft/missing-acknowledgement', UPSET)).toBe('Please restart the app.');
    expect(spanOf('Hi Dana, good morning to you! Please restart the app.', 'draft/missing-acknowledgement', UPSET)).toBe('Please restart the app.');
    expect(spanOf('Hi Dana, a very good morning to you! Please restart the app.', 'draft/missing-acknowledgement', UPSET)).toBeUndefined();
    expect(spanOf('Hi Dana, thanks so much for reaching out to us today. Please restart the app.', 'draft/missing-acknowledgement', UPSET)).toBeUndefined();
  });

  it('counts no question as a commitment, however it ends', () => {
    expect(linter.commitments('I will send it tomorrow ?  Thanks.')).toEqual([]);
    expect(linter.commitments('I will send it tomorrow! Thanks.').map((c) => c.text)).toEqual(['I will send it tomorrow!']);
  });
});

describe('a draft checks file with a mistake', () => {
  const problem = (run: () => unknown) => {
    try {
      run();
    } catch (e) {
      const { name, file, field, problem } = e as { name: string; file: string; field: string; problem: string };
      return { name, file, field, problem };
    }
    return undefined;
  };

  it('names the file and field of a value out of range or an unknown field', () => {
    expect(validateDraftConfig(structuredClone(config), 'rules/draft.yaml')).toEqual(config);
    expect(problem(() => validateDraftConfig({ ...config, 'upset-below': 2 }, 'rules/draft.yaml'))).toMatchObject({ name: 'PackError', file: 'rules/draft.yaml', field: 'upset-below' });
    expect(problem(() => validateDraftConfig({ ...config, extra: 1 }, 'team/draft.yaml'))).toEqual({ name: 'PackError', file: 'team/draft.yaml', field: '(top level)', problem: 'unknown field(s): extra' });
  });

  it('names the list and position of a pattern that does not parse', () => {
    const broken = { ...config, patterns: { ...config.patterns, hedge: ['perhaps', '(maybe'] } };
    const compiled = compilePack({ macros: builtinPack().pack.macros, rules: [] });
    expect(problem(() => compileDraftChecks(broken, compiled, 'team/draft.yaml'))).toMatchObject({ name: 'PackError', file: 'team/draft.yaml', field: 'patterns.hedge[1]' });
    expect(problem(() => compileDraftChecks(broken, compiled))).toMatchObject({ file: 'rules/draft.yaml', field: 'patterns.hedge[1]' });
    expect(compileDraftChecks(config, compiled).patterns.filter((p) => p.list === 'greeting')).toHaveLength(config.patterns.greeting.length);
  });
});
