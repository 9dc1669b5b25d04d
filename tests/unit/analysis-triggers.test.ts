import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  compileTriggers,
  createConversationAnalyzer,
  findPhraseTriggers,
  questionsOf,
  repeatedQuestionHits,
  SCRIPT_IDS,
  TRIGGERS_FILE,
  TriggerRuleError,
} from '../../lib/analysis';
import { parseTriggerFile } from '../../lib/analysis/trigger-file';
import { TRIGGERS, type TriggerId } from '../../lib/ticket';
import { SCRIPTS_FILE, validateScripts } from '../../lib/scripts/library';

const yamlText = readFileSync(new URL(`../../${TRIGGERS_FILE}`, import.meta.url), 'utf8');
const triggers = parseTriggerFile(yamlText);
const hitsIn = (text: string) => findPhraseTriggers(triggers, { id: 'm1', text });

describe('rules/triggers.yaml', () => {
  it('defines every trigger once, each pointing at a scenario script', () => {
    expect(triggers.map((t) => t.id).sort()).toEqual([...TRIGGERS].sort());
    for (const t of triggers) expect(SCRIPT_IDS).toContain(t.script);
  });

  it('points each trigger at a script in rules/scripts.yaml that lists it', () => {
    const scripts = validateScripts(parse(readFileSync(new URL(`../../rules/${SCRIPTS_FILE}`, import.meta.url), 'utf8')));
    expect(scripts.map((s) => s.id).sort()).toEqual([...SCRIPT_IDS].sort());
    for (const t of triggers) expect(scripts.find((s) => s.id === t.script)?.triggers, `${t.id} -> ${t.script}`).toContain(t.id);
  });

  it('maps triggers to the scripts that fit', () => {
    const script = Object.fromEntries(triggers.map((t) => [t.id, t.script]));
    expect(script).toMatchObject({
      delay: 'delay',
      refund: 'refund-demand',
      churn: 'customer-leaving',
      confusion: 'confused-blaming',
      policy: 'cannot-approve',
      abuse: 'personal-abuse',
      gratitude: 'stabilisers',
      relief: 'stabilisers',
    });
  });

  it.each(triggers.map((t) => [t.id, t] as const))('%s fires on its hit examples and not on its miss examples', (id, trigger) => {
    for (const text of trigger.examples.hit) expect(hitsIn(text).map((h) => h.trigger), text).toContain(id);
    for (const text of trigger.examples.miss) expect(hitsIn(text).map((h) => h.trigger), text).not.toContain(id);
  });
});

describe('trigger hits', () => {
  const cases: [TriggerId, string, string][] = [
    ['delay', 'Hello. I am still waiting for the replacement.', 'still waiting'],
    ['repetition', 'This is the third time I write to you!', 'third time'],
    ['refund', 'Fine. I want a full refund, today.', 'I want a full refund'],
    ['billing', 'Why was I charged after cancelling?', 'Why was I charged'],
    ['billing', 'There is an unexpected charge of $30 on my card.', 'unexpected charge'],
    ['churn', 'If this is not fixed I will cancel my subscription.', 'I will cancel my subscription'],
    ['confusion', "Sorry, I don't understand what you need from me.", "don't understand"],
    ['confusion', 'What do you mean by re-sync?', 'What do you mean'],
    ['transfer-hold', 'I was on hold for an hour yesterday.', 'on hold for'],
    ['policy', 'I know your policy but this is different.', 'your policy'],
    ['abuse', 'You are useless, all of you.', 'You are useless'],
    ['gratitude', 'Thank you so much for your patience!', 'Thank you so much'],
    ['relief', 'Good news: it works now.', 'it works now'],
  ];

  it.each(cases)('%s: evidence span points at the phrase in %j', (trigger, text, phrase) => {
    const hit = hitsIn(text).find((h) => h.trigger === trigger);
    expect(hit, `${trigger} in ${text}`).toBeDefined();
    expect(text.slice(hit!.start, hit!.end)).toBe(hit!.evidence);
    expect(hit!.evidence.toLowerCase()).toContain(phrase.toLowerCase());
    expect(hit!.start).toBe(text.toLowerCase().indexOf(hit!.evidence.toLowerCase()));
    expect(hit!.messageId).toBe('m1');
  });

  it('does not fire on neutral support messages', () => {
    expect(hitsIn('Hello, I would like to update the email address on my account.')).toEqual([]);
    expect(hitsIn('My name is Dana and I live in Lisbon.')).toEqual([]);
  });

  it('sees "thanks for nothing" as sarcasm, not gratitude', () => {
    expect(hitsIn('Thanks for nothing.').map((h) => h.trigger)).not.toContain('gratitude');
  });

  it('flags a question the customer asks again, with the repeated question as evidence', () => {
    const analyzer = createConversationAnalyzer({ triggers });
    const first = 'How do I move my books to the new reader?';
    const again = 'Hello again. How can I move my books to the new reader?';
    const { triggers: hits } = analyzer.read([
      { id: 'c1', role: 'customer', text: first },
      { id: 'a1', role: 'agent', text: 'Thanks for reaching out, let me check.' },
      { id: 'c2', role: 'customer', text: again },
    ]);
    const repeat = hits.filter((h) => h.messageId === 'c2' && h.trigger === 'confusion');
    expect(repeat).toHaveLength(1);
    expect(repeat[0].evidence).toBe('How can I move my books to the new reader?');
    expect(again.slice(repeat[0].start, repeat[0].end)).toBe(repeat[0].evidence);
    expect(repeat[0].script).toBe('confused-blaming');

    const different = createConversationAnalyzer({ triggers }).read([
      { id: 'c1', role: 'customer', text: first },
      { id: 'c2', role: 'customer', text: 'Is there a shop in Lisbon that sells the reader?' },
    ]);
    expect(different.triggers.filter((h) => h.messageId === 'c2' && h.trigger === 'confusion')).toEqual([]);
  });
});

describe('trigger file validation', () => {
  const valid = parse(yamlText) as { triggers: Record<string, unknown>[] };
  const withChange = (index: number, change: Record<string, unknown>) => ({
    triggers: valid.triggers.map((t, i) => (i === index ? { ...t, ...change } : t)),
  });
  const errorOf = (data: unknown) => {
    try {
      compileTriggers(data, 'rules/triggers.yaml');
    } catch (e) {
      return e as TriggerRuleError;
    }
    throw new Error('expected a TriggerRuleError');
  };

  it('accepts the shipped file', () => {
    expect(() => compileTriggers(valid)).not.toThrow();
  });

  it('names file, trigger and field for a bad script id', () => {
    const e = errorOf(withChange(0, { script: 'make-it-up' }));
    expect(e).toBeInstanceOf(TriggerRuleError);
    expect(e.message).toContain('rules/triggers.yaml');
    expect(e.message).toContain('trigger "delay"');
    expect(e.message).toContain('field "script"');
  });

  it('names the phrase that is not a valid pattern', () => {
    const e = errorOf(withChange(1, { phrases: ['money back', 'refund (me'] }));
    expect(e.triggerId).toBe('refund');
    expect(e.field).toBe('phrases[1]');
    expect(e.problem).toContain('not a valid pattern');
  });

  it('rejects unknown trigger ids, unknown fields, missing examples and duplicates', () => {
    expect(errorOf(withChange(0, { id: 'grumpy' }))).toMatchObject({ triggerId: 'grumpy', field: 'id' });
    expect(errorOf(withChange(2, { colour: 'red' }))).toMatchObject({ triggerId: 'billing', problem: 'unknown field(s): colour' });
    expect(errorOf(withChange(3, { examples: { hit: ['I will cancel'], miss: ['a', 'b'] } }))).toMatchObject({
      triggerId: 'churn',
      field: 'examples.hit',
    });
    expect(errorOf({ triggers: [valid.triggers[0], valid.triggers[0]] })).toMatchObject({ triggerId: 'delay', field: 'id' });
    expect(errorOf({ rules: [] })).toMatchObject({ triggerId: undefined });
  });

  it('says what is wrong with each field, so the file can be fixed without reading code', () => {
    const problem = (index: number, change: Record<string, unknown>) => {
      const e = errorOf(withChange(index, change));
      return `${e.field}: ${e.problem}`;
    };
    expect(problem(0, { phrases: ['late', '   '] })).toBe('phrases[1]: must not be empty');
    expect(problem(0, { phrases: ['(late'] })).toBe('phrases[0]: is not a valid pattern (JavaScript regular-expression syntax)');
    expect(problem(0, { phrases: [] })).toBe('phrases: needs at least one phrase');
    expect(problem(0, { except: [] })).toBe('except: needs at least one phrase');
    expect(problem(0, { examples: { hit: ['a', ' '], miss: ['c', 'd'] } })).toBe('examples.hit[1]: must not be empty');
    expect(problem(0, { examples: { hit: ['a', 'b'], miss: ['c'] } })).toBe('examples.miss: needs at least 2 examples');
    expect(problem(0, { id: 'grumpy' })).toBe(`id: must be one of: ${TRIGGERS.join(', ')}`);
    expect(problem(0, { script: 'make-it-up' })).toBe(`script: must be a scenario script id: ${SCRIPT_IDS.join(', ')}`);
    expect(problem(0, { description: ' ' })).toBe('description: must not be empty');
    expect(problem(0, { concern: ' ' })).toBe('concern: must not be empty');
    expect(problem(0, { repeatedQuestion: { minWords: 0, overlap: 0.5 } })).toBe('repeatedQuestion.minWords: must be at least 1');
    expect(problem(0, { repeatedQuestion: { minWords: 2, overlap: 0 } })).toBe('repeatedQuestion.overlap: must be above 0');
    expect(problem(0, { repeatedQuestion: { minWords: 2, overlap: 1.5 } })).toBe('repeatedQuestion.overlap: must be at most 1');
    expect(errorOf({ triggers: [] })).toMatchObject({ field: 'triggers', problem: 'needs at least one trigger' });
    expect(errorOf({ triggers: [valid.triggers[0], valid.triggers[0]] })).toMatchObject({ field: 'id', problem: 'is defined twice' });
  });

  it('names a trigger without a string id by its place in the file', () => {
    expect(errorOf({ triggers: [valid.triggers[0], null] })).toMatchObject({ triggerId: '#2' });
    expect(errorOf({ triggers: [{ ...valid.triggers[0], id: 7 }] })).toMatchObject({ triggerId: '#1', field: 'id' });
  });

  it('names rules/triggers.yaml when no file is given, and says it is a trigger rule error', () => {
    let error: unknown;
    try {
      compileTriggers({ triggers: [] });
    } catch (e) {
      error = e;
    }
    expect(String(error)).toBe('TriggerRuleError: rules/triggers.yaml: field "triggers": needs at least one trigger');
  });

  it('gives no concern and no repeated-question rule when the file has none, and keeps those it has', () => {
    const plain = { ...valid.triggers[0] };
    delete plain.concern;
    delete plain.repeatedQuestion;
    expect(compileTriggers({ triggers: [plain] })[0]).toMatchObject({ concern: null, repeatedQuestion: null });
    const full = compileTriggers({ triggers: [{ ...plain, concern: 'When will it arrive?', repeatedQuestion: { minWords: 2, overlap: 0.5 } }] })[0];
    expect(full).toMatchObject({ concern: 'When will it arrive?', repeatedQuestion: { minWords: 2, overlap: 0.5 } });
  });

  it('reports YAML syntax errors against the file', () => {
    expect(() => parseTriggerFile('triggers:\n  - id: [unclosed', 'rules/triggers.yaml')).toThrow(/rules\/triggers\.yaml: field "\(file\)": is not valid YAML/);
    // Where the problem is (the parser's first line), without its multi-line excerpt.
    expect(() => parseTriggerFile('triggers:\n  - id: [unclosed')).toThrow(/is not valid YAML: Flow sequence .* at line 2, column 18:$/);
  });
});

describe('trigger matching rules', () => {
  const examples = { hit: ['a', 'b'], miss: ['c', 'd'] };
  const trigger = (id: string, phrases: string[], more: Record<string, unknown> = {}) => ({ id, script: 'delay', description: id, phrases, examples, ...more });
  const hits = (defs: Record<string, unknown>[], text: string) =>
    findPhraseTriggers(compileTriggers({ triggers: defs }), { id: 'm1', text }).map((h) => `${h.trigger}:${text.slice(h.start, h.end)}`);

  it('drops a hit only when an exception overlaps it, not when it just touches it', () => {
    // Phrases match whole words, so only punctuation can sit right between a hit and an exception.
    const refund = [trigger('refund', ['refund!'], { except: ['no refund', '!now'] })];
    expect(hits(refund, 'no refund! please')).toEqual([]);
    expect(hits(refund, 'refund!!now')).toEqual(['refund:refund!']);
    const charged = [trigger('billing', ['!charged'], { except: ['now!'] })];
    expect(hits(charged, 'now!!charged')).toEqual(['billing:!charged']);
  });

  it('lists hits in text order, the shorter first when two start together', () => {
    const defs = [trigger('churn', ['cancel my plan']), trigger('refund', ['refund']), trigger('delay', ['cancel'])];
    expect(hits(defs, 'Refund me or I cancel my plan')).toEqual(['refund:Refund', 'delay:cancel', 'churn:cancel my plan']);
  });

  it('never reports a hit on no text, whatever a phrase can match', () => {
    const defs = [trigger('delay', ['(?:still waiting)?'])];
    expect(hits(defs, 'Hello there')).toEqual([]);
    // Where the phrase's word edges allow it to match nothing: next to punctuation.
    expect(hits(defs, 'Well, ok... fine!')).toEqual([]);
    expect(hits(defs, 'I am still waiting')).toEqual(['delay:still waiting']);
  });
});

describe('asking the same question again', () => {
  const repeat = compileTriggers({
    triggers: [{ id: 'confusion', script: 'confused-blaming', description: 'again', phrases: ['zzz'], repeatedQuestion: { minWords: 3, overlap: 0.6 }, examples: { hit: ['a', 'b'], miss: ['c', 'd'] } }],
  });
  const repeated = (first: string, again: string) =>
    createConversationAnalyzer({ triggers: repeat })
      .read([
        { id: 'c1', role: 'customer', text: first },
        { id: 'c2', role: 'customer', text: again },
      ])
      .triggers.map((h) => h.evidence);

  it('is a repeat from three of five content words in common, plurals counted as one word', () => {
    expect(repeated('Will the blue reader ship to Lisbon?', 'Will the blue reader arrive in Porto?')).toEqual([]);
    expect(repeated('Will the blue reader ship to Lisbon?', 'Will the blue reader ship today?')).toEqual(['Will the blue reader ship today?']);
    expect(repeated('Can blue readers ship to Lisbon fast?', 'Can the blue reader ship to Porto today?')).toEqual(['Can the blue reader ship to Porto today?']);
  });

  it('needs three content words in both questions, and only counts sentences ending in "?"', () => {
    expect(repeated('Reader in Lisbon?', 'Reader in Lisbon?')).toEqual([]);
    expect(repeated('Shop in Lisbon?', 'Shop in Lisbon selling?')).toEqual([]);
    expect(repeated('The blue reader ships to Lisbon.', 'The blue reader ships to Lisbon?')).toEqual([]);
    expect(repeated('I wrote. The blue reader ships to Lisbon?', 'Sure. The blue reader ships to Lisbon?')).toEqual(['The blue reader ships to Lisbon?']);
  });

  it('counts a question of exactly three content words, but not a shorter one after a longer one', () => {
    expect(repeated('Reader password reset?', 'Reader password reset?')).toEqual(['Reader password reset?']);
    expect(repeated('Where is the reader password reset?', 'Reader password?')).toEqual([]);
  });

  it('does not take a statement for a question because its message also asks something', () => {
    expect(repeated('The blue reader ships to Lisbon. Why?', 'The blue reader ships to Lisbon. Why?')).toEqual([]);
  });

  it('does not count small words: questions sharing only them are different questions', () => {
    expect(repeated('Can you tell me when the parcel will arrive?', 'Can you tell me when the refund will come?')).toEqual([]);
  });

  it('counts a word with an apostrophe as one word', () => {
    expect(repeated("Wasn't it shipped?", "Wasn't it shipped?")).toEqual([]);
    expect(repeated("You'll ship it?", "You'll ship it?")).toEqual([]);
    expect(repeated("Why hasn't the parcel shipped?", "Why hasn't the parcel shipped?")).toEqual(["Why hasn't the parcel shipped?"]);
  });

  it('reads a plural as its singular', () => {
    expect(repeated('Can you resend the invoice and receipt?', 'Can you resend the invoices and receipts?')).toEqual(['Can you resend the invoices and receipts?']);
  });
});

describe('the words a question is compared by (repeated questions)', () => {
  const wordsOf = (text: string) => questionsOf(text).map((q) => [...q.words].sort());

  it('keeps content words only, singular, and short words whole', () => {
    expect(wordsOf('Where is my refund?')).toEqual([['refund']]);
    expect(wordsOf('Is the bus late? Where are the refunds?')).toEqual([['bus', 'late'], ['refund']]);
  });

  it('gives a question of punctuation alone no words, so it never repeats another', () => {
    expect(wordsOf('???')).toEqual([[]]);
  });

  it('finds no repeat for a trigger without a repeated-question rule', () => {
    const plain = triggers.find((t) => !t.repeatedQuestion)!;
    const [question] = questionsOf('Where is my refund?');
    expect(repeatedQuestionHits(plain, { id: 'm2', text: 'Where is my refund?' }, [question], [question])).toEqual([]);
  });
});
