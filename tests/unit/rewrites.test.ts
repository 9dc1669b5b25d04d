/**
 * What the agent gets when a rewrite lands: it fits its slot (case, register, joins), keeps the
 * agent's words, never touches a sign-off, depends on context, and a draft with every first
 * rewrite applied reads as a reply a reviewer accepts (nothing new flagged, no run-on).
 */
import { describe, expect, it } from 'vitest';
import { createLinter, builtinPack, applyFindingRewrite, rewriteSpan, rewriteLabel, type Finding, type LintContext } from '../../lib/engine';
import { splitSentences } from '../../lib/engine/sentences';
import { joinDefects } from '../support/rewrite-check';
import { lintContextOf, type TicketSnapshot } from '../../lib/ticket';

const linter = createLinter();
const { pack } = builtinPack();

const DEMO_DRAFTS = [
  'Please calm down. That is our policy and there is nothing I can do. I guarantee it will be fixed ASAP.',
  'Hi Chris, calm down. Our records show the project was deleted from your account, so this is not our fault.',
  "Hi Sam, we apologize for any inconvenience with your refund. I'm not sure if the flight is delayed. As mentioned, we'll be in touch.\n\nBest, Carl",
  "There is nothing I can do until the carrier scans the parcel. You should've received an email. Kindly check your spam folder. - Carl",
];

const phraseFindings = (text: string, context?: LintContext) => linter.lint(text, context).filter((f) => f.category !== 'draft');
const first = (text: string, ruleId: string, context?: LintContext) => {
  const f = linter.lint(text, context).find((x) => x.ruleId === ruleId);
  if (!f) throw new Error(`${ruleId} did not flag "${text}"`);
  return f;
};
const applied = (text: string, ruleId: string, context?: LintContext) => applyFindingRewrite(text, first(text, ruleId, context), 0);
const words = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** Apply the first rewrite of the first finding that has one, re-linting after each, until none is left. */
function applyAll(text: string, context?: LintContext): { text: string; steps: { before: string; finding: Finding }[] } {
  const steps: { before: string; finding: Finding }[] = [];
  for (let i = 0; i < 12; i++) {
    const f = phraseFindings(text, context).find((x) => x.rewrites.length > 0 && !steps.some((s) => s.finding.ruleId === x.ruleId && s.before.includes(text.slice(x.start, x.end))));
    if (!f) break;
    steps.push({ before: text, finding: f });
    text = applyFindingRewrite(text, f, 0);
  }
  return { text, steps };
}

describe('rewrites fit their slot', () => {
  it('keep the agent\'s own words after the match', () => {
    expect(applied('We apologize for any inconvenience with your refund.', 'any-inconvenience')).toBe("We're sorry about the trouble with your refund.");
    expect(applied('There is nothing that we can do to override this and have the package delivered.', 'nothing-i-can-do')).toBe('We are not able to override this and have the package delivered.');
  });

  it("keep how sorry the agent said they were", () => {
    expect(applied('Very sorry for any trouble!', 'any-inconvenience')).toBe("I'm very sorry about the trouble this has caused!");
    expect(applied('We deeply regret the inconvenience.', 'any-inconvenience')).toBe("We're deeply sorry about the trouble this has caused.");
    expect(applied("We're truly sorry you feel that way.", 'sorry-you-feel')).toBe("We're truly sorry this hasn't gone the way you hoped.");
  });

  it('say the subject, its verb and "that" once where the draft already has them', () => {
    expect(applied('We aim to give the best service and are sorry to hear if it was anything short of that.', 'conditional-apology')).toBe('We aim to give the best service and are sorry to hear that it was anything short of that.');
    expect(applied("We regret if that's not your style.", 'conditional-apology')).toBe("We're sorry to hear that's not your style.");
  });

  it("take a hedge tacked on at the sentence end along with the span, and leave one mid-sentence", () => {
    expect(applied("There's nothing we can do about the weather, I'm afraid.", 'nothing-i-can-do')).toBe("We can't change the weather.");
    expect(applied("These things happen, I'm afraid.", 'delays-happen')).toBe('I know this has affected your plans.');
    expect(applied("That wasn't our fault, unfortunately.", 'not-our-fault')).toBe("We're sorry this happened.");
    expect(applied("We can't refund it, I'm afraid, as that's our policy.", 'that-is-our-policy')).toBe("We can't refund it, I'm afraid, as this falls outside what the policy lets me approve.");
    // Words between the phrase and the hedge stay the agent's, hedge and all.
    expect(applied("Your case was escalated to tier 2 with the courier, I'm afraid.", 'escalated-tier')).toBe("Your case was escalated to our specialist team with the courier, I'm afraid.");
    // A hedge is no clause following a marker: "declined as we said before, I'm afraid" has nothing to recap ("declined to recap").
    expect(first("The refund was declined as we said before, I'm afraid.", 'as-i-said').rewrites).toEqual([]);
  });

  it('write "cannot" and follow the draft\'s register: contractions when the agent uses them, spelled out when not', () => {
    expect(applied("Sorry, we don't offer refunds.", 'no-refunds')).toBe("Sorry, we can't offer refunds, but [what you can offer instead].");
    expect(applied('We do not do refunds.', 'no-refunds')).toBe('We cannot offer refunds, but [what you can offer instead].');
    for (const rule of pack.rules) for (const r of rule.rewrites) expect(r.text, rule.id).not.toMatch(/\bcan not\b/i);
  });

  it("write apostrophes as the draft does: a typographic one (’) counts as a contraction and stays typographic", () => {
    expect(applied('Sorry, we don’t offer refunds.', 'no-refunds')).toBe('Sorry, we can’t offer refunds, but [what you can offer instead].');
    expect(applied('I’m sorry for any inconvenience. It’s on its way.', 'any-inconvenience')).toBe('I’m sorry about the trouble this has caused. It’s on its way.');
    // Straight where the draft is straight, or mixed without a majority.
    expect(applied("I'm sorry for any inconvenience. It’s on its way.", 'any-inconvenience')).toBe("I'm sorry about the trouble this has caused. It’s on its way.");
  });

  it('speak as "we" when the agent does', () => {
    expect(applied('We are sorry for any inconvenience.', 'any-inconvenience')).toMatch(/^We are sorry/);
    expect(applied('I am sorry for any inconvenience.', 'any-inconvenience')).toMatch(/^I am sorry/);
  });

  it('capitalise at a sentence start (after a greeting handle too) and put a comma after a fronted phrase', () => {
    expect(applied('@496322 Kindly provide us the passenger ID.', 'kindly')).toBe('@496322 Please provide us the passenger ID.');
    expect(applied('Hi there, as previously advised a member of our team will be in touch.', 'as-i-said')).toBe('Hi there, a member of our team will be in touch.');
    expect(applied('According to our records the bag was delivered.', 'per-our-records')).toBe('From what we can see, the bag was delivered.');
  });

  it('remove a marker cleanly, re-casing the next word', () => {
    expect(applied('Obviously, many factors can cause delays.', 'obviously')).toBe('Many factors can cause delays.');
    expect(applied('You were obviously disappointed.', 'obviously')).toBe('You were disappointed.');
  });

  it('never underline or replace a sign-off', () => {
    const text = 'In the future, you can buy it online, or you could have purchased it online - Carl';
    for (const f of linter.lint(text)) expect(text.slice(f.start, rewriteSpan(f).end)).not.toMatch(/Carl/);
    const signed = 'We apologize for any inconvenience. ^AB';
    expect(applyFindingRewrite(signed, first(signed, 'any-inconvenience'), 0)).toBe("We're sorry about the trouble this has caused. ^AB");
  });
});

describe('rewrites depend on context', () => {
  it('offer no policy refusal when the ticket already approves the request', () => {
    const text = 'That is our policy.';
    expect(first(text, 'that-is-our-policy').rewrites.length).toBeGreaterThan(0);
    expect(first(text, 'that-is-our-policy', { approved: true }).rewrites).toEqual([]);
  });

  it('offer no one-key rewrite where none would be sendable, and keep the advice', () => {
    const adviceOnly: [text: string, ruleId: string][] = [
      ["You should've received Group 2 boarding on your boarding pass.", 'should-have-received'], // a status, not something sent
      ["There shouldn't be an issue taking this as hand luggage, but please check the rules for your route.", 'should-be-fine'],
      ['We understand your frustration and apologize that you felt like you didn\'t get value from it.', 'sorry-you-feel'], // would repeat "understand"
      ["Maybe it's a problem with your browser.", 'guess-at-the-cause'], // "let me check whether …" would promise a check the agent did not offer
      ['Please try a different browser. This may work?', 'maybe-it-will'], // the fallback would end on "?"
      ['Are you dressed up as an actor today? Cause you sound very dramatic.', 'emotion-label'], // banter mid-sentence
      ['Do you have a WorldTracer?', 'industry-terms'], // no plain word for the bare term
      ['Since we have an open seating policy, we cannot promise seats together.', 'policy-as-answer'],
      ['We work hard on punctuality, but many delays are outside our control.', 'out-of-my-hands'], // only the agent can say what they can still do
      ["I'm afraid it's out of my hands now, the depot has your parcel.", 'out-of-my-hands'],
      ['We have to stay consistent with our policy, but our team will get your bag back soon.', 'rules-are-rules'], // the agent's position would go
      ['Those are the terms you signed up to.', 'you-agreed-to-terms'], // "Those are the terms on this booking say" is no sentence
      ['We promise to fix it by tonight.', 'i-guarantee'], // dropping "we promise" would leave "To fix it by tonight."
      ["I'm sorry you felt you were treated unfairly.", 'sorry-you-feel'], // "I understand why you're frustrated you were…" would not read
      ["We're sorry if we missed a chance to help, and if we fell short of expectation.", 'conditional-apology'], // "sorry that …, and if …"
      ["We're sorry you're unhappy with our seating policy Mark.", 'sorry-you-feel'], // "this has left you unhappy with our seating policy" is circular
      ["We're not sure what happened, but we'll find your bag.", 'not-sure'], // "let me check" or "don't know yet" would promise a follow-up
    ];
    for (const [text, ruleId] of adviceOnly) expect(first(text, ruleId).rewrites, text).toEqual([]);
  });


  it('drop a "relax" in banter and keep it in a complaint', () => {
    const banter = "Not at all, Adam! We love weird and can't wait to welcome you! Just relax!";
    expect(linter.lint(banter).filter((f) => f.ruleId === 'calm-down')).toEqual([]);
    expect(linter.lint('Please calm down so I can help you.').filter((f) => f.ruleId === 'calm-down')).toHaveLength(1);
    expect(linter.lint(banter, { customerSentiment: -0.8 }).filter((f) => f.ruleId === 'calm-down')).toHaveLength(1);
  });

  it('fill ticket facts into placeholders, and leave unknown ones visible', () => {
    const facts = { firstName: 'Dana' };
    const text = 'We apologize for any inconvenience.';
    const f = first(text, 'any-inconvenience', { facts });
    expect(f.rewrites.some((r) => r.includes('[what went wrong]'))).toBe(true);
  });
});

describe('placeholders', () => {
  it('a placeholder left in the draft is a problem to fill in before sending', () => {
    const text = 'This should work; if not, [next step]. See [the docs](https://example.com).';
    const found = linter.lint(text).filter((f) => f.ruleId === 'draft/placeholder');
    expect(found.map((f) => text.slice(f.start, f.end))).toEqual(['[next step]']);
    expect(found[0]).toMatchObject({ category: 'draft', severity: 'problem', message: 'Fill in [next step] before sending.', rewrites: [] });
  });
});

describe('a draft with every first rewrite applied', () => {
  const drafts = [...DEMO_DRAFTS, ...pack.rules.flatMap((r) => r.examples.flag.slice(0, 3))];

  it('has clean joins, nothing new flagged, and no run-on sentence', () => {
    const problems: string[] = [];
    for (const draft of drafts) {
      const { text, steps } = applyAll(draft);
      for (const { before, finding } of steps) {
        const defects = joinDefects(before, finding);
        if (defects.length) problems.push(`${finding.ruleId}: ${defects.join(', ')}: ${before}`);
      }
      const originalRules = new Set(phraseFindings(draft).map((f) => f.ruleId));
      for (const f of phraseFindings(text)) if (!originalRules.has(f.ruleId)) problems.push(`new ${f.ruleId} in "${text}"`);
      const longest = Math.max(...splitSentences(text).map((r) => text.slice(r.start, r.end)).map(words));
      const longestBefore = Math.max(...splitSentences(draft).map((r) => draft.slice(r.start, r.end)).map(words));
      if (longest > Math.max(40, longestBefore)) problems.push(`run-on (${longest} words): ${text}`);
    }
    expect(problems).toEqual([]);
  });

  it('turns the demo draft into a reply without a run-on or "can not"', () => {
    const { text } = applyAll(DEMO_DRAFTS[0]);
    expect(text).not.toMatch(/can not/i);
    expect(text).toBe('I can hear how frustrating this has been, and I want to sort it out with you. This falls outside what the policy lets me approve and this is not something I can change. It will be fixed ASAP.');
  });
});

describe('the ticket as lint context', () => {
  const snapshot = (messages: { role: 'customer' | 'agent' | 'note'; text: string; author?: string }[]) =>
    ({ messages, facts: [{ kind: 'order-number', text: 'A-1234' }], trajectory: { now: -0.5 } }) as unknown as TicketSnapshot;

  it('knows an internal note approves the request, so the policy refusal is not offered', () => {
    const context = lintContextOf(snapshot([{ role: 'customer', text: 'I want a refund', author: 'Dana Reyes' }, { role: 'note', text: 'Full refund is fine, no approval needed.' }]));
    expect(context).toMatchObject({ approved: true, customerSentiment: -0.5, facts: { firstName: 'Dana', orderNumber: 'A-1234' } });
    expect(first('That is our policy.', 'that-is-our-policy', context).rewrites).toEqual([]);
    expect(lintContextOf(snapshot([{ role: 'note', text: 'Refund not approved, outside the window.' }])).approved).toBeUndefined();
  });
});

describe('a rewrite shown on its own (the panel list)', () => {
  it('reads as a sentence, without the next clause’s first letter a sentence-ending rewrite carries', () => {
    const text = 'There is nothing I can do about the fee, that is our policy.';
    const finding = linter.lint(text).find((f) => f.ruleId === 'nothing-i-can-do')!;
    expect(finding.rewrites[0]).toMatch(/\. T$/);
    const label = rewriteLabel(finding.rewrites[0]);
    expect(label).toMatch(/fee\.$/);
    // Applying it still keeps the agent's clause, capitalised.
    expect(applyFindingRewrite(text, finding, 0)).toBe(`${label} That is our policy.`);
  });

  it('names a removal rather than showing the punctuation it keeps', () => {
    expect(rewriteLabel('.')).toBe('Remove it');
    expect(rewriteLabel('I am looking into it now.')).toBe('I am looking into it now.');
  });

  it('names a removal that keeps a word at the edge of what it replaces', () => {
    const text = "We're sorry your bag is late. Apologies for any inconvenience. It lands at 6.";
    const finding = linter.lint(text).find((f) => f.ruleId === 'any-inconvenience')!;
    const { start, end } = rewriteSpan(finding);
    expect(rewriteLabel(finding.rewrites[0], text.slice(start, end))).toBe('Remove it');
    expect(applyFindingRewrite(text, finding, 0)).toBe("We're sorry your bag is late. It lands at 6.");
    // The same rewrite without the text it replaces reads as the word it keeps; another rewrite reads as itself.
    expect(rewriteLabel(finding.rewrites[0])).toBe('late.');
    expect(rewriteLabel(finding.rewrites[1], text.slice(start, end))).toMatch(/sorry about the trouble/);
    expect(rewriteLabel('Y', 'To be honest, y')).toBe('Remove it');
  });
});
