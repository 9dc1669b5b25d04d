import { describe, expect, it } from 'vitest';
import { readRuleFiles } from '../../lib/node/rule-files';
import { createChecklist, CHECKLIST_FILE } from '../../lib/checklist/checklist';
import { builtinPack, createLinter, PackError } from '../../lib/engine';

const files = readRuleFiles();
const checklist = createChecklist(files[CHECKLIST_FILE], builtinPack().pack.macros);
const statusOf = (draft: string, context = {}) => Object.fromEntries(checklist.evaluate(draft, context).map((r) => [r.id, r.status]));

describe('pre-reply checklist', () => {
  describe.each(checklist.items.map((item) => [item.label, item] as const))('%s: its own examples', (_label, item) => {
    it.each(item.examples.pass)('passes: %s', (draft) => expect(statusOf(draft)[item.id]).toBe('pass'));
    it.each(item.examples.missing)('does not pass: %s', (draft) => expect(statusOf(draft)[item.id]).toBe('missing'));
  });

  it('passes every item on a reply that follows the template', () => {
    const draft = [
      'Hi Dana,',
      'I understand why the delay is frustrating, especially with your event on Saturday.',
      'So the main issue is that order 4417 was due on Monday and still has not arrived.',
      'Could you confirm the delivery address on the order?',
      'Here is what I can do right now: I can check with the carrier, and I still need to verify whether a replacement can ship today.',
      'I will call the carrier this morning and email you by 3pm.',
      'Does that cover the main concern, or is there anything else?',
    ].join('\n');
    expect(statusOf(draft)).toEqual({
      'opening-acknowledgement': 'pass',
      'neutral-summary': 'pass',
      'clarifying-question': 'pass',
      'boundary-or-option': 'pass',
      'next-step': 'pass',
      'closing-check': 'pass',
    });
  });

  it('fails the closing check while a placeholder is still in the draft', () => {
    const draft = 'I will update you by [by when]. Does that cover the main concern, or is there anything else?';
    const closing = checklist.evaluate(draft).find((r) => r.id === 'closing-check')!;
    expect(closing).toMatchObject({ status: 'missing', reason: 'Fill in [by when] before sending.', evidence: { start: draft.indexOf('['), end: draft.indexOf(']') + 1 } });
    expect(statusOf(draft.replace('[by when]', 'Friday'))['closing-check']).toBe('pass');
  });

  it('marks a terse policy reply as missing nearly everything, with reasons', () => {
    const results = checklist.evaluate('Sorry. That is our policy.');
    const byId = Object.fromEntries(results.map((r) => [r.id, r]));
    expect(byId['opening-acknowledgement'].status).toBe('missing');
    expect(byId['opening-acknowledgement'].reason).toMatch(/doesn't name the impact/);
    expect(byId['next-step'].status).toBe('missing');
    expect(byId['closing-check'].status).toBe('missing');
    expect(byId['clarifying-question'].status).toBe('missing');
  });

  it('counts terms stated as what the customer gets or must do as a boundary, and what they must do as a next step', () => {
    expect(statusOf('To rebook, we do ask customers to pay any difference in fare.')['boundary-or-option']).toBe('pass');
    expect(statusOf("You're guaranteed automatic check-in, not a specific boarding position.")['boundary-or-option']).toBe('pass');
    expect(statusOf('Please feel free to report delayed baggage right away.')['boundary-or-option']).toBe('pass');
    expect(statusOf('You would need to book your flights with the airline that holds your Avios.')['next-step']).toBe('pass');
    expect(statusOf('We are glad you enjoyed the flight.')['boundary-or-option']).toBe('missing');
    expect(statusOf('You need to know we care.')['next-step']).toBe('missing');
  });

  it('does not count the closing check as a clarifying question', () => {
    expect(statusOf('I have refunded the order. Is there anything else I can help with?')['clarifying-question']).toBe('missing');
  });

  it('treats acknowledgement as not applicable when the customer is calm', () => {
    expect(statusOf('Hi! Your new card is on its way.', { customerCalm: true })['opening-acknowledgement']).toBe('not-applicable');
  });

  it('says so on an empty draft', () => {
    expect(checklist.evaluate('').every((r) => r.status === 'missing' && r.reason === 'Nothing written yet.')).toBe(true);
  });

  it('rejects a malformed item naming the file, item and field', () => {
    const examples = { pass: ['a'], missing: ['b'] };
    expect(() => createChecklist({ items: [{ id: 'x', label: 'X', 'look-in': 'middle', pass: ['a'], examples, reasons: { pass: 'p', missing: 'm' } }] }, {})).toThrow(PackError);
    expect(() => createChecklist({ items: [{ id: 'x', label: 'X', 'look-in': 'anywhere', pass: ['(a'], examples, reasons: { pass: 'p', missing: 'm' } }] }, {})).toThrow(/rule "x", field "pass\[0\]"/);
    expect(() => createChecklist({ items: [{ id: 'x', label: 'X', 'look-in': 'anywhere', pass: ['a'], except: { after: ['b)'] }, examples, reasons: { pass: 'p', missing: 'm' } }] }, {})).toThrow(/rule "x", field "except.after\[0\]"/);
  });
});

describe('checklist agrees with the findings and the draft', () => {
  const linter = createLinter();
  const DEMO = 'Please calm down. That is our policy and there is nothing I can do. I guarantee it will be fixed ASAP.';

  it('does not pass "Boundary or option" on a draft with a dismissive or policy-wall finding', () => {
    const findings = linter.lint(DEMO);
    expect(findings.slice(0, 2).map((f) => f.ruleId)).toEqual(['calm-down', 'that-is-our-policy']);
    const item = checklist.evaluate(DEMO, { findings }).find((r) => r.id === 'boundary-or-option')!;
    expect(item.status).toBe('missing');
    expect(item.reason).toMatch(/closes the door/);
    // The same words without the wall do pass.
    const open = 'I can not change the fare, but here is what I can do: move you to the 6pm flight.';
    expect(checklist.evaluate(open, { findings: linter.lint(open) }).find((r) => r.id === 'boundary-or-option')!.status).toBe('pass');
  });

  it('lists a guarantee as a promise and calls out that it gives no time', () => {
    const [promise, ...rest] = linter.commitments(DEMO);
    expect(rest).toEqual([]);
    expect(promise).toMatchObject({ text: 'I guarantee it will be fixed ASAP.', timed: false });
    expect(linter.commitments('I will call you back by Friday.')[0].timed).toBe(true);
    expect(linter.commitments('We will get back to you within 48 hours.')[0].timed).toBe(true);
    expect(linter.commitments("We'll sort it soon.")[0].timed).toBe(false);
    expect(linter.commitments("I can't guarantee a seat on that flight.")).toEqual([]);
  });

  it("passes the opening acknowledgement when the draft opens with one of Steady's own acknowledgement rewrites", () => {
    // The rules' own before → after examples: what a draft reads like once the agent took the rewrite.
    const acknowledging = builtinPack()
      .pack.rules.filter((r) => r.category === 'corporate-filler' || r.category === 'dismissive')
      .flatMap((r) => r.examples.corrected.map((c) => c.correction))
      // Lead-ins that break news ("We're sorry to tell you that …") are not acknowledgements.
      .filter((c) => /^(i am sorry|i'm sorry|we're sorry|we are sorry|i understand|i can see|i know)\b/i.test(c) && !/sorry to (tell|say|inform|let)/i.test(c) && !c.includes('['));
    expect(acknowledging.length).toBeGreaterThan(2);
    for (const opening of acknowledging) {
      const draft = `${opening} I have moved you to the 6pm flight.`;
      expect(statusOf(draft)['opening-acknowledgement'], draft).toBe('pass');
    }
  });
});

describe('where each item looks', () => {
  const ack = 'I understand why the delay is frustrating, especially with your event on Saturday.';
  const filler = ['Order 4417 left our warehouse on Monday.', 'The carrier scanned it in Leeds yesterday.', 'I will call the carrier this morning and email you by 3pm.'];

  it('counts an acknowledgement only in the first two sentences after the greeting', () => {
    expect(statusOf(['Hi Dana,', ack, ...filler].join('\n'))['opening-acknowledgement']).toBe('pass');
    expect(statusOf(['Hi Dana,', filler[0], ack, filler[1], filler[2]].join('\n'))['opening-acknowledgement']).toBe('pass');
    expect(statusOf(['Hi Dana,', ...filler, ack].join('\n'))['opening-acknowledgement']).toBe('missing');
    expect(statusOf([...filler, ack].join(' '))['opening-acknowledgement']).toBe('missing');
  });

  it('counts "anything else?" only in the last two sentences', () => {
    const check = 'Is there anything else I can help with?';
    expect(statusOf(['Hi Dana,', ...filler, check].join('\n'))['closing-check']).toBe('pass');
    expect(statusOf([...filler.slice(0, 2), check, filler[2]].join(' '))['closing-check']).toBe('pass');
    expect(statusOf(['Hi Dana,', ...filler.slice(0, 2), check, filler[2]].join('\n'))['closing-check']).toBe('pass');
    expect(statusOf(['Hi Dana,', check, ...filler].join('\n'))['closing-check']).toBe('missing');
  });

  it("reads the last two sentences before the agent's initials and a thread marker", () => {
    const check = 'Let us know if you have any other questions.';
    for (const signOff of ['^Kev', '*HPF', '- Kelly', '1/2', '(2/3)', '^Kev 1/2']) {
      expect(statusOf(`${filler[0]} ${check} ${filler[1]} ${signOff}`)['closing-check'], signOff).toBe('pass');
    }
    expect(statusOf(`${check} ${filler[0]} ${filler[1]} ^Kev`)['closing-check']).toBe('missing');
  });

  it('reads the last two sentences before a link left on its own, as a Twitter reply ends', () => {
    const check = 'Let us know if you have any other questions.';
    for (const link of ['https://t.co/3qcAsLFkaY', 'https://t.co/3qcAsLFkaY ^BG', 'www.example.com/help']) {
      expect(statusOf(`${filler[0]} ${check} ${filler[1]} ${link}`)['closing-check'], link).toBe('pass');
    }
    // A link inside the sentence is part of it, and two sentences after the check are still too late.
    expect(statusOf(`${check} ${filler[0]} ${filler[1]} https://t.co/3qcAsLFkaY`)['closing-check']).toBe('missing');
    expect(statusOf(`${filler[0]} ${check} The steps are at https://t.co/3qcAsLFkaY too.`)['closing-check']).toBe('pass');
  });

  it('counts what the flight does next, with its time, as the next step, and a question about what the customer did as none', () => {
    expect(statusOf("I'm showing DL1981 is delayed; it's estimated to leave at 8:00 AM.")['next-step']).toBe('pass');
    expect(statusOf("We're glad to see you're wheels up now, with an ETA of 9:33p.")['next-step']).toBe('pass');
    expect(statusOf("I'm showing DL1981 is delayed. Sorry for the wait.")['next-step']).toBe('missing');
    expect(statusOf('Did you show your bag to our agents at the airport?')['next-step']).toBe('missing');
    expect(statusOf('Please show your bag to our agents at the airport.')['next-step']).toBe('pass');
  });

  it('counts a service offered as an option, but not the help the customer asked for', () => {
    expect(statusOf('Oh no! Please let me know if you need re-booking.')['boundary-or-option']).toBe('pass');
    expect(statusOf('Please let me know if you need anything.')['boundary-or-option']).toBe('missing');
    const request = 'Thanks for reaching out to us for assistance with changing the shipping address.';
    expect(statusOf(request)).toMatchObject({ 'neutral-summary': 'pass', 'boundary-or-option': 'missing' });
    expect(statusOf('We can assist with changing the shipping address.')['boundary-or-option']).toBe('pass');
  });

  it('looks past an exclamation for the opening, and counts an invitation as no acknowledgement', () => {
    const ack = 'Our apologies for the gate changes.';
    expect(statusOf(`Gosh! If only we could make up our mind! ${ack}`)['opening-acknowledgement']).toBe('pass');
    expect(statusOf(`We moved the gate. We moved it again! ${ack}`)['opening-acknowledgement']).toBe('missing');
    expect(statusOf("We'd love to see you on board soon, Andy!")['opening-acknowledgement']).toBe('missing');
    expect(statusOf('We love to see you on board, Andy!')['opening-acknowledgement']).toBe('pass');
  });

  it('counts no option inside a how-to, but does in a numbered list of terms and after the steps', () => {
    const terms = 'Refunds apply in two cases: 1. The item arrived damaged. 2. You are eligible for a refund within 30 days.';
    const howTo = 'To request a refund, follow these steps: 1. Log in. 2. You are eligible for a refund within 30 days.';
    expect(statusOf(terms)['boundary-or-option']).toBe('pass');
    expect(statusOf(howTo)['boundary-or-option']).toBe('missing');
    expect(statusOf(`${howTo} Orders older than that can be returned in store.`)['boundary-or-option']).toBe('pass');
  });
});

describe('what each item reports', () => {
  const item = (draft: string, id: string, context = {}) => checklist.evaluate(draft, context).find((r) => r.id === id)!;
  const spec = (id: string) => checklist.items.find((i) => i.id === id)!;
  const ack = 'I understand why the delay is frustrating, especially with your event on Saturday.';
  const filler = ['Order 4417 left our warehouse on Monday.', 'The carrier scanned it in Leeds yesterday.', 'It is now at the local depot.'];

  it('points a passing item at the sentence that satisfies it', () => {
    const draft = `Hi Dana,\n${ack}\n${filler[0]}`;
    expect(item(draft, 'opening-acknowledgement')).toEqual({
      id: 'opening-acknowledgement',
      label: 'Opening acknowledgement',
      status: 'pass',
      reason: spec('opening-acknowledgement').reasons.pass,
      evidence: { start: draft.indexOf(ack), end: draft.indexOf(ack) + ack.length },
    });
  });

  it('gives the plain missing reason when the draft has no apology at all, and leaves other items alone', () => {
    expect(item(filler.join(' '), 'opening-acknowledgement')).toEqual({
      id: 'opening-acknowledgement',
      label: 'Opening acknowledgement',
      status: 'missing',
      reason: spec('opening-acknowledgement').reasons.missing,
    });
    expect(item('Sorry. That is our policy.', 'next-step').reason).toBe(spec('next-step').reasons.missing);
  });

  it('makes only the acknowledgement optional for a calm customer', () => {
    const draft = 'Hi! Your new card is on its way.';
    expect(item(draft, 'opening-acknowledgement', { customerCalm: true })).toMatchObject({
      status: 'not-applicable',
      reason: 'The customer is not upset, so a plain greeting is enough.',
    });
    expect(item(draft, 'clarifying-question', { customerCalm: true }).status).toBe('missing');
    expect(item(draft, 'closing-check', { customerCalm: true }).status).toBe('missing');
  });

  it('holds only the closing check back for an unfilled placeholder', () => {
    const draft = `${ack} I will email you by [by when].`;
    expect(item(draft, 'opening-acknowledgement').status).toBe('pass');
    expect(item(draft, 'closing-check').reason).toBe('Fill in [by when] before sending.');
  });

  it('does not take a closing check that names the customer for a clarifying question', () => {
    expect(item('I have refunded the order. Is there anything else you need?', 'clarifying-question').status).toBe('missing');
    expect(item('I have refunded the order. Could you confirm the amount?', 'clarifying-question').status).toBe('pass');
  });
});

describe('the greeting the opening looks past', () => {
  const ack = 'I understand why the delay is frustrating, especially with your event on Saturday.';
  const filler = ['Order 4417 left our warehouse on Monday.', 'The carrier scanned it in Leeds yesterday.', 'It is now at the local depot.'];
  const opening = (...sentences: string[]) => statusOf(sentences.join('\n'))['opening-acknowledgement'];

  it('skips a greeting of up to four words', () => {
    expect(opening('Hi Dana and Leo,', filler[0], ack, filler[1])).toBe('pass');
    expect(opening('Hi Dana and dear Leo,', filler[0], ack, filler[1])).toBe('missing');
  });

  it('reads a long first sentence that starts with a greeting word as content', () => {
    expect(opening(`Hello, ${ack}`, ...filler)).toBe('pass');
  });

  it('skips only the first sentence, not a greeting later in the draft', () => {
    expect(opening(filler[0], 'Hello again!', ack, filler[1])).toBe('missing');
  });

  it('skips a greeting after the @handles a Twitter reply starts with', () => {
    expect(opening('@773914 Hi Kyle.', filler[0], ack, filler[1])).toBe('pass');
    expect(opening('@773914 @Delta Hello there!', filler[0], ack, filler[1])).toBe('pass');
  });

  it('looks one sentence further after a thanks for getting in touch, but no further than that', () => {
    expect(opening('@773914 Hi Kyle, thanks for getting in touch.', filler[0], ack, filler[1])).toBe('pass');
    expect(opening('Hi Kyle,', 'Thanks for reaching out.', filler[0], ack, filler[1])).toBe('pass');
    expect(opening('Thanks for reaching out.', filler[0], filler[1], ack)).toBe('missing');
    expect(opening('Thanks for reaching out about order 4417 and the courier you spoke to.', filler[0], ack, filler[1])).toBe('missing');
  });

  it('copes with a first sentence of punctuation only', () => {
    expect(opening('...', ack, filler[0])).toBe('pass');
  });
});

describe('a checklist file of its own', () => {
  const examples = { pass: ['a'], missing: ['b'] };
  const reasons = { pass: 'p', missing: 'm' };
  const own = (items: unknown[], macros?: Record<string, string>) => createChecklist(macros ? { macros, items } : { items }, builtinPack().pack.macros);

  it('uses its own word groups beside the lexicon’s, and items without exceptions', () => {
    const list = own([{ id: 'gadget', label: 'Gadget', 'look-in': 'anywhere', pass: ['@we (fixed|replaced) the @thing'], examples, reasons }], { thing: '(widget|gadget)' });
    expect(list.evaluate('We replaced the gadget.')[0].status).toBe('pass');
    expect(list.evaluate('We replaced the battery.')[0].status).toBe('missing');
  });

  it('gives the plain missing reason when an item has apology patterns but no reason for them', () => {
    const list = own([{ id: 'x', label: 'X', 'look-in': 'anywhere', pass: ['refund'], 'bare-apology': ['sorry'], examples, reasons }]);
    expect(list.evaluate('Sorry about that.')[0].reason).toBe('m');
  });

  it('names the file, item and field of what is wrong', () => {
    const problem = (data: unknown) => {
      try {
        createChecklist(data, {});
      } catch (e) {
        expect(e).toBeInstanceOf(PackError);
        return (e as PackError).message;
      }
      throw new Error('expected a PackError');
    };
    const valid = { id: 'x', label: 'X', 'look-in': 'anywhere', pass: ['a'], examples, reasons };
    expect(problem(null)).toBe('rules/checklist.yaml: field "items": must be a list of checklist items');
    expect(problem({ items: 'all of them' })).toBe('rules/checklist.yaml: field "items": must be a list of checklist items');
    expect(problem({ macros: { Thing: 'a' }, items: [] })).toMatch(/^rules\/checklist\.yaml: field "macros": /);
    expect(problem({ macros: { thing: '(a' }, items: [] })).toMatch(/^rules\/checklist\.yaml: field "macros\.thing": .*missing "\)"/);
    expect(problem({ items: [valid, { ...valid, id: 42 }] })).toMatch(/^rules\/checklist\.yaml: rule "#2", field "id": /);
    expect(problem({ items: [null] })).toMatch(/^rules\/checklist\.yaml: rule "#1", field "\(item\)": /);
    expect(problem({ items: [{ ...valid, 'bare-apology': ['(sorry'] }] })).toMatch(/rule "x", field "bare-apology\[0\]"/);
    expect(problem({ items: [{ ...valid, except: { before: ['for', '(a'] } }] })).toMatch(/rule "x", field "except.before\[1\]"/);
    expect(problem({ items: [{ ...valid, 'how-to': { intro: ['follow (these steps'], steps: 'skip' } }] })).toMatch(/rule "x", field "how-to.intro\[0\]"/);
  });
});
