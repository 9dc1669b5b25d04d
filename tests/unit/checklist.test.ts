import { describe, expect, it } from 'vitest';
import { readRuleFiles } from '../../lib/node/rule-files';
import { createChecklist, CHECKLIST_FILE } from '../../lib/checklist/checklist';
import { builtinPack, PackError } from '../../lib/engine';

const files = readRuleFiles();
const checklist = createChecklist(files[CHECKLIST_FILE], builtinPack().pack.macros);
const statusOf = (draft: string, context = {}) => Object.fromEntries(checklist.evaluate(draft, context).map((r) => [r.id, r.status]));

describe('pre-reply checklist', () => {
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
    expect(() => createChecklist({ items: [{ id: 'x', label: 'X', 'look-in': 'middle', pass: ['a'], reasons: { pass: 'p', missing: 'm' } }] }, {})).toThrow(PackError);
    expect(() => createChecklist({ items: [{ id: 'x', label: 'X', 'look-in': 'anywhere', pass: ['(a'], reasons: { pass: 'p', missing: 'm' } }] }, {})).toThrow(/rule "x", field "pass\[0\]"/);
  });
});
