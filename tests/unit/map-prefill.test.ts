// @vitest-environment happy-dom
/** The decision map pre-filled from the conversation: on the fixture tickets as the adapters read them, and on real customer messages. */
import { describe, expect, it } from 'vitest';
import { readConversation } from '../../lib/helpdesks';
import { readRuleFiles } from '../../lib/node/rule-files';
import { compileTriggers } from '../../lib/analysis/trigger-rules';
import { createConversationAnalyzer } from '../../lib/analysis';
import { acceptSuggestion, dismissSuggestion, openSuggestions, prefillMap, type MapSuggestion, type PrefillInput } from '../../lib/analysis/map-prefill';
import { ticketPromises } from '../../lib/review/review';
import { createLinter } from '../../lib/engine';
import { emptyDecisionMap } from '../../lib/store/decision-maps';
import type { ConversationMessage, ExtractedFact, TriggerHit, TriggerId } from '../../lib/ticket';
import { loadFixturePage } from '../support/fixture-dom';
import { readJsonl } from '../eval/corpus';

const triggers = compileTriggers(readRuleFiles()['triggers.yaml']);
const concerns = new Map(triggers.map((t) => [t.id, t.concern ?? undefined]));
const analyzer = createConversationAnalyzer({ triggers });
const linter = createLinter();

async function suggest(messages: readonly ConversationMessage[]): Promise<MapSuggestion[]> {
  const analysis = await analyzer.analyse(messages);
  const promises = ticketPromises(analysis, (text) => linter.commitments(text).map((c) => c.text));
  return prefillMap({ messages: analysis.messages, triggers: analysis.triggers, facts: analysis.facts, promises, concernOf: (t) => concerns.get(t) });
}

async function fixtureSuggestions(file: string) {
  const url = loadFixturePage(file);
  const suggestions = await suggest(readConversation(url, document).messages);
  const of = (field: MapSuggestion['field']) => suggestions.filter((s) => s.field === field).map((s) => s.text);
  return { concern: of('concern'), knownFacts: of('knownFacts'), factsToVerify: of('factsToVerify'), promises: of('promises') };
}

describe('pre-filled decision map on the fixture tickets', () => {
  it('Zendesk #123: the order, the stuck tracking, the broken 48-hour promise and the third contact', async () => {
    const map = await fixtureSuggestions('zendesk.html');
    expect(map.concern[0]).toBe('In their words: “Can someone tell me where it is?” “If the desk isn\'t here by Friday I want a full refund and I\'ll be telling everyone I know to avoid you”');
    expect(map.concern[1]).toMatch(/^They were promised something that did not happen/);
    expect(map.knownFacts).toEqual(
      expect.arrayContaining([
        'Order: A-20931',
        'Deadline: by Friday',
        'Tracking, as the customer reports it: “the tracking page hasn\'t moved since the 6th”',
        'Earlier promise not kept: Marco Ruiz wrote “I\'ve asked our warehouse team to look into your shipment and will get back to you within 48 hours”; the customer: “It\'s been four days, not 48 hours”',
        'Customer has asked 3 times (“This is the THIRD time I\'m asking and I\'m honestly furious”)',
        // "Four days, not 48 hours" is told with the broken promise; the wait since the order stands on its own.
        'Waiting: “It\'s been two weeks”',
      ]),
    );
    expect(map.factsToVerify).toContain('The customer says “The checkout page said delivery in 5 business days”');
    expect(map.promises).toEqual(['I\'ve asked our warehouse team to look into your shipment and will get back to you within 48 hours.']);
    // The internal note is the team's, not the customer's: nothing is read from it.
    expect(JSON.stringify(map)).not.toMatch(/damaged in their depot|Reship/);
  });

  it('Help Scout (FreeScout) #77: the double charge to verify, an earlier promise and the third ask', async () => {
    const map = await fixtureSuggestions('freescout.html');
    expect(map.factsToVerify).toContain('The customer says “I was charged twice for my subscription this month ($49.00 each)”');
    expect(map.knownFacts).toEqual(expect.arrayContaining(['Amount: $49.00', 'Earlier promise: Rachel Kim wrote “We\'ll look into the charge and get back to you”', 'Customer has asked 3 times (“This is the third time I\'m asking”)']));
    expect(map.promises).toEqual(['We\'ll look into the charge and get back to you.']);
    expect(map.concern[0]).toBe('In their words: “Please refund the second charge” “I want a refund today or I\'m cancelling”');
  });

  it('Freshdesk #4521: what the customer says the guide told them is a claim to check, not a fact', async () => {
    const map = await fixtureSuggestions('freshdesk.html');
    expect(map.factsToVerify).toEqual(['The customer says “I did exactly what your setup guide says (step 4, "enable single sign-on") and now nobody in my office can log in”']);
    expect(map.knownFacts).toEqual([]);
    expect(map.promises).toEqual([]);
  });

  it('osTicket #4312: "five days and no label" breaks the promised label, and the wait is told with it', async () => {
    const map = await fixtureSuggestions('osticket.html');
    expect(map.knownFacts).toEqual([
      'Order: 55-1902',
      'Date mentioned: on Saturday',
      'Earlier promise not kept: Sam Ortiz wrote “I\'ve started an exchange; you\'ll get a return label by email within a day”; the customer: “It\'s been five days and no label”',
    ]);
  });

  it('Front (generic mode): a damaged replacement to verify and the order number', async () => {
    const map = await fixtureSuggestions('quill.html');
    expect(map.knownFacts).toContain('Order: FR-3318');
    expect(map.factsToVerify).toEqual(['The customer says “This is the replacement for the first one, which was also broken”']);
  });
});

describe('pre-filled decision map on real customer messages', () => {
  const rows = readJsonl('customer-messages.jsonl');
  const text = (id: string) => rows!.find((r) => r.id === id)!.text;
  const one = (id: string) => suggest([{ id: '1', role: 'customer', text: text(id) }]);

  it.skipIf(!rows)('finds tracking state, double charges, lost items and the customer\'s own count', async () => {
    expect((await one('airlines:5334')).map((s) => s.text)).toContain('Tracking, as the customer reports it: “no update on the tracking page”');
    expect((await one('airlines:23516')).filter((s) => s.field === 'factsToVerify').map((s) => s.text)).toEqual(['The customer says “I got charged twice for my flight reservation EXYISL”']);
    expect((await one('airlines:730')).filter((s) => s.field === 'factsToVerify')).toHaveLength(1);
    expect((await one('airlines:38460')).map((s) => s.text)).toContain('Customer has asked 3 times (“3rd email sent to Mr Cruz in as many weeks”)');
    // A problem happening again is not asking again.
    expect((await one('airlines:2403')).map((s) => s.text).filter((t) => t.startsWith('Customer has'))).toEqual([]);
  });

  it.skipIf(!rows)('suggests no claim to verify for praise', async () => {
    expect((await one('airlines:1657')).filter((s) => s.field === 'factsToVerify' || s.text.startsWith('Tracking'))).toEqual([]);
    expect((await one('airlines:18197')).filter((s) => s.field === 'factsToVerify' || s.text.startsWith('Tracking'))).toEqual([]);
  });
});

describe('facts and promises', () => {
  const fact = (kind: ExtractedFact['kind'], text: string): ExtractedFact => ({ kind, text, messageId: 'm1' });

  it('labels each kind of fact, drops repeats and keeps each promise once', () => {
    const facts = [fact('order-number', '4417'), fact('ticket-number', '#88'), fact('invoice-number', 'INV-12'), fact('amount', '$40'), fact('date', 'Monday'), fact('deadline', 'by Friday'), fact('order-number', '4417')];
    const suggestions = prefillMap({ messages: [], triggers: [], facts, promises: [{ text: 'I will call you today.' }, { text: '- I will call you today.' }], concernOf: () => undefined });
    expect(suggestions.map((s) => `${s.field} ${s.text}`)).toEqual([
      'knownFacts Order: 4417',
      'knownFacts Ticket: #88',
      'knownFacts Invoice: INV-12',
      'knownFacts Amount: $40',
      'knownFacts Date mentioned: Monday',
      'knownFacts Deadline: by Friday',
      'promises I will call you today.',
    ]);
  });
});

describe('suggestions against what the agent typed', () => {
  const key = { helpdesk: 'zendesk', account: 'acme', ticketId: '123' };
  const concern: MapSuggestion = { id: 'concern:Wants a refund', field: 'concern', text: 'Wants a refund' };
  const order: MapSuggestion = { id: 'knownFacts:Order: A-1', field: 'knownFacts', text: 'Order: A-1' };

  it('accepting adds a normal entry; the suggestion is then no longer offered', () => {
    const map = acceptSuggestion(emptyDecisionMap(key), order);
    expect(map.knownFacts).toEqual(['Order: A-1']);
    expect(openSuggestions(map, [order])).toEqual([]);
  });

  it('never writes over a concern the agent typed, and offers none over it', () => {
    const typed = { ...emptyDecisionMap(key), concern: 'My own words' };
    expect(acceptSuggestion(typed, concern).concern).toBe('My own words');
    expect(openSuggestions(typed, [concern, order])).toEqual([order]);
  });

  it('an edited suggestion keeps the agent\'s wording and is not offered again', () => {
    const map = acceptSuggestion(emptyDecisionMap(key), order, 'Order: A-1 (two parcels)');
    expect(map.knownFacts).toEqual(['Order: A-1 (two parcels)']);
    expect(openSuggestions(map, [order])).toEqual([]);
  });

  it('a dismissed suggestion stays dismissed', () => {
    const map = dismissSuggestion(emptyDecisionMap(key), order);
    expect(map.knownFacts).toEqual([]);
    expect(openSuggestions(map, [order, concern])).toEqual([concern]);
    expect(dismissSuggestion(map, order)).toBe(map);
  });
});

describe('pre-filling from what the customer wrote', () => {
  const customer = (id: string, text: string) => ({ id, role: 'customer' as const, text });
  const hit = (trigger: TriggerId, messageId: string, text: string, evidence: string): TriggerHit => {
    const start = text.indexOf(evidence);
    return { trigger, messageId, start, end: start + evidence.length, evidence, script: 'delay' };
  };
  const prefill = (input: Partial<PrefillInput>) =>
    prefillMap({ messages: [], triggers: [], facts: [], promises: [], concernOf: (t) => `concern of ${t}`, ...input }).map((s) => `${s.field} ${s.text}`);

  it('quotes the last two requests, without greetings, sign-offs or signatures', () => {
    const messages = [
      customer('c1', 'Hi team, I want my money back. Thanks'),
      customer('c2', 'Hello Dana! Can you tell me where it is? Please reply today.\n--\nSent from my phone\nRegards, Sam\nBest\nCheers'),
    ];
    expect(prefill({ messages })).toEqual(['concern In their words: “Can you tell me where it is?” “Please reply today”']);
    expect(prefill({ messages: [customer('c1', 'Hi team, I want my money back. Thanks')] })).toEqual(['concern In their words: “I want my money back”']);
  });

  it('reads only the customer, and no request from a statement or a question that asks nothing', () => {
    const messages = [
      { id: 'a1', role: 'agent' as const, text: 'Can you send a photo?' },
      customer('c1', 'It arrived on Monday. Where it went, nobody knows. Why me?'),
    ];
    expect(prefill({ messages })).toEqual([]);
  });

  it('takes the concern of the most telling trigger, and none from thanks or relief', () => {
    const text = 'Still waiting, I want a refund';
    const messages = [customer('c1', text)];
    expect(prefill({ messages: [], triggers: [hit('delay', 'c1', text, 'Still waiting'), hit('refund', 'c1', text, 'refund')] })).toEqual(['concern concern of refund']);
    expect(prefill({ messages, triggers: [hit('gratitude', 'c1', text, 'Still')] })).toEqual(['concern In their words: “Still waiting, I want a refund”']);
    expect(prefillMap({ messages: [], triggers: [hit('delay', 'c1', text, 'Still waiting')], facts: [], promises: [], concernOf: () => undefined })).toEqual([]);
  });

  it('shortens a long quote at a word, and drops end punctuation', () => {
    const long = `I want ${'very '.repeat(40)}much my order.`;
    const [suggestion] = prefill({ messages: [customer('c1', long)] });
    const quoted = suggestion.slice('concern In their words: “'.length, -1);
    expect(quoted.endsWith('very…')).toBe(true);
    expect(quoted.length).toBeLessThanOrEqual(140);
    expect(quoted.length).toBeGreaterThan(130);
    expect(prefill({ messages: [customer('c1', 'I want it back!!,.')] })).toEqual(['concern In their words: “I want it back”']);
    const exact = `I want ${'x'.repeat(133)}`;
    expect(prefill({ messages: [customer('c1', exact)] })).toEqual([`concern In their words: “${exact}”`]);
  });

  it('reports the last thing the customer says about tracking, and no claim to verify from it', () => {
    const messages = [customer('c1', 'The tracking has not moved since Monday. My tracking still says label created. It never arrived.')];
    expect(prefill({ messages })).toEqual([
      'knownFacts Tracking, as the customer reports it: “My tracking still says label created”',
      'factsToVerify The customer says “It never arrived”',
    ]);
  });

  it('tells the wait the customer counts, unless it is counted against a broken promise', () => {
    const text = 'It has been two weeks. You said 48 hours and it has been four days.';
    const wait = hit('delay', 'c1', text, 'It has been two weeks');
    const counted = hit('delay', 'c1', text, 'it has been four days');
    const broken = hit('broken-promise', 'c1', text, 'You said 48 hours and it has been four days');
    expect(prefill({ triggers: [wait, counted, broken] }).filter((s) => s.startsWith('knownFacts'))).toEqual(['knownFacts Waiting: “It has been two weeks”']);
    expect(prefill({ triggers: [counted, { ...broken, messageId: 'c2' }] }).filter((s) => s.startsWith('knownFacts'))).toEqual(['knownFacts Waiting: “it has been four days”']);
    expect(prefill({ triggers: [hit('delay', 'c1', text, 'You said')] }).filter((s) => s.startsWith('knownFacts'))).toEqual([]);
    // A complaint that starts right where the wait ends does not hold it.
    const next = { ...broken, start: wait.end, end: wait.end + 10 };
    expect(prefill({ triggers: [wait, next] }).filter((s) => s.startsWith('knownFacts'))).toEqual(['knownFacts Waiting: “It has been two weeks”']);
  });

  it('tells earlier promises with their author, and whether the customer says they were kept', () => {
    const promises = [
      { text: 'I will refund you today.', author: 'Ana', brokenEvidence: 'Still no refund' },
      { text: 'We will call you.', author: 'Bo' },
      { text: 'I will check the order.' },
    ];
    expect(prefill({ promises })).toEqual([
      'knownFacts Earlier promise not kept: Ana wrote “I will refund you today”; the customer: “Still no refund”',
      'knownFacts Earlier promise: Bo wrote “We will call you”',
      'promises I will refund you today.',
      'promises We will call you.',
      'promises I will check the order.',
    ]);
  });

  it('counts contacts in the customer\'s own words when they say more than they wrote, else their messages from three on', () => {
    const third = 'This is the third time I am asking. Nothing.';
    const repetition = hit('repetition', 'c1', third, 'third time I am asking');
    const count = (messages: { id: string; role: 'customer'; text: string }[], triggers: TriggerHit[]) => prefill({ messages, triggers, concernOf: () => undefined }).filter((s) => s.startsWith('knownFacts'));
    expect(count([customer('c1', third)], [repetition])).toEqual(['knownFacts Customer has asked 3 times (“This is the third time I am asking”)']);
    const three = [customer('c1', third), customer('c2', 'Hello?'), customer('c3', 'Anyone there?')];
    expect(count(three, [repetition])).toEqual(['knownFacts Customer has asked 3 times (“This is the third time I am asking”)']);
    expect(count([...three, customer('c4', 'Answer me')], [repetition])).toEqual(['knownFacts Customer has written 4 times in this conversation']);
    expect(count(three, [])).toEqual(['knownFacts Customer has written 3 times in this conversation']);
    expect(count(three.slice(0, 2), [])).toEqual([]);
    const second = 'The second time this happened to me.';
    expect(count([customer('c1', second)], [hit('repetition', 'c1', second, 'second time')])).toEqual([]);
  });

  it('keeps the customer\'s own count when they later ask again without counting', () => {
    const text = 'This is the third time I am asking. Asking again.';
    const triggers = [hit('repetition', 'c1', text, 'third time I am asking'), hit('repetition', 'c1', text, 'Asking again')];
    expect(prefill({ messages: [customer('c1', text)], triggers, concernOf: () => undefined })).toEqual(['knownFacts Customer has asked 3 times (“This is the third time I am asking”)']);
  });

  it('quotes the whole sentence of a count at the start or the end of a message', () => {
    const first = 'Third time I am asking about my parcel';
    expect(prefill({ messages: [customer('c1', first)], triggers: [hit('repetition', 'c1', first, 'Third time I am asking')], concernOf: () => undefined })).toEqual([
      'knownFacts Customer has asked 3 times (“Third time I am asking about my parcel”)',
    ]);
    const last = 'This is my third email';
    expect(prefill({ messages: [customer('c1', last)], triggers: [hit('repetition', 'c1', last, 'third email')], concernOf: () => undefined })).toEqual([
      'knownFacts Customer has asked 3 times (“This is my third email”)',
    ]);
  });

  it('quotes the hit itself when its message is not in the conversation', () => {
    const repetition = hit('repetition', 'gone', 'My fifth email about it', 'fifth email');
    expect(prefill({ triggers: [repetition], concernOf: () => undefined })).toEqual(['knownFacts Customer has asked 5 times (“fifth email”)']);
  });

  it('leaves sign-offs and signatures out even when they say please, but keeps a request that ends with thanks', () => {
    const messages = [customer('c1', 'I was charged twice. Please refund me, thanks.\nThank you, please sort it out\nSent from my iPhone, please excuse typos')];
    expect(prefill({ messages })).toEqual(['concern In their words: “Please refund me, thanks”', 'factsToVerify The customer says “I was charged twice”']);
  });

  it('tells as a wait only a delay the customer counts', () => {
    const text = 'I asked for a refund two weeks ago.';
    expect(prefill({ triggers: [hit('refund', 'c1', text, 'a refund two weeks ago')], concernOf: () => undefined })).toEqual([]);
  });

  it('tells the wait when a broken promise ends right where it starts', () => {
    const text = 'You said 48 hours. It has been two weeks.';
    const wait = hit('delay', 'c1', text, 'It has been two weeks');
    const before = { ...hit('broken-promise', 'c1', text, 'You said 48 hours'), end: wait.start };
    expect(prefill({ triggers: [wait, before] }).filter((s) => s.startsWith('knownFacts'))).toEqual(['knownFacts Waiting: “It has been two weeks”']);
  });

  it('counts contacts only from repetition hits', () => {
    const text = 'This is my third email';
    expect(prefill({ messages: [customer('c1', text)], triggers: [hit('delay', 'c1', text, 'third email')], concernOf: () => undefined })).toEqual([]);
  });

  it('quotes a repetition hit that runs over a sentence end as it is', () => {
    const text = 'This is the third time I am asking. Again.';
    const across = hit('repetition', 'c1', text, 'third time I am asking. Again');
    expect(prefill({ messages: [customer('c1', text)], triggers: [across], concernOf: () => undefined })).toEqual(['knownFacts Customer has asked 3 times (“third time I am asking. Again”)']);
  });

  it('shortens a quote by its length with runs of spaces folded, and never past 140 characters', () => {
    const spaced = `I want${'  \t ab'.repeat(40)}`;
    expect(prefill({ messages: [customer('c1', spaced)] })).toEqual([`concern In their words: “I want${' ab'.repeat(40)}”`]);
    // 140 characters, then a space and another word: cut at a word.
    expect(prefill({ messages: [customer('c1', `I want ${'x'.repeat(133)} more`)] })).toEqual(['concern In their words: “I want…”']);
  });

  it('folds spaces in a suggestion, strips only a leading bullet, and suggests no blank entry', () => {
    const promises = [{ text: 'I will call\n  you today.' }, { text: '   ' }, { text: '* I will write.' }, { text: 'I will check - and call back.' }];
    expect(prefill({ promises })).toEqual(['promises I will call you today.', 'promises I will write.', 'promises I will check - and call back.']);
  });

  it('gives each suggestion its own id, so dismissing one leaves the others on offer', () => {
    const suggestions = prefillMap({ messages: [], triggers: [], facts: [], promises: [{ text: 'I will call you.' }, { text: 'We will refund you.' }], concernOf: () => undefined });
    const map = dismissSuggestion(emptyDecisionMap({ helpdesk: 'zendesk', account: 'acme', ticketId: '1' }), suggestions[0]);
    expect(openSuggestions(map, suggestions)).toEqual([suggestions[1]]);
  });

  it('lists a claim once, and never a question as a claim', () => {
    const messages = [customer('c1', 'I was charged twice. Was I charged twice?'), customer('c2', 'i was CHARGED twice!')];
    expect(prefill({ messages }).filter((s) => s.startsWith('factsToVerify'))).toEqual(['factsToVerify The customer says “I was charged twice”']);
  });
});

describe('offering and accepting suggestions', () => {
  const key = { helpdesk: 'zendesk', account: 'acme', ticketId: '123' };
  const concern: MapSuggestion = { id: 'concern:Wants a refund', field: 'concern', text: 'Wants a refund' };
  const order: MapSuggestion = { id: 'knownFacts:Order: A-1', field: 'knownFacts', text: 'Order: A-1' };

  it('offers a concern while the agent has written none, or only spaces', () => {
    expect(openSuggestions({ ...emptyDecisionMap(key), concern: '  ' }, [concern])).toEqual([concern]);
    expect(openSuggestions({ ...emptyDecisionMap(key), knownFacts: ['Order: A-1'] }, [order, concern])).toEqual([concern]);
  });

  it('takes an accepted concern as the agent\'s, and ignores a blank edit', () => {
    const map = emptyDecisionMap(key);
    expect(acceptSuggestion(map, concern).concern).toBe('Wants a refund');
    expect(acceptSuggestion(map, concern, '  Wants money back ')).toMatchObject({ concern: 'Wants money back', dismissedSuggestions: [concern.id] });
    expect(acceptSuggestion(map, order, '   ')).toBe(map);
    expect(acceptSuggestion({ ...map, concern: '  ' }, concern).concern).toBe('Wants a refund');
  });

  it('adds an entry already on the map only once', () => {
    const map = { ...emptyDecisionMap(key), knownFacts: ['Order: A-1'] };
    expect(acceptSuggestion(map, order)).toBe(map);
    expect(acceptSuggestion(map, order, 'Order: A-1').knownFacts).toEqual(['Order: A-1']);
  });

  it('remembers each dismissal once, beside earlier ones', () => {
    const once = dismissSuggestion(emptyDecisionMap(key), order);
    expect(dismissSuggestion(once, concern).dismissedSuggestions).toEqual([order.id, concern.id]);
  });
});
