// @vitest-environment happy-dom
/** The decision map pre-filled from the conversation: on the fixture tickets as the adapters read them, and on real customer messages. */
import { describe, expect, it } from 'vitest';
import { readConversation } from '../../lib/helpdesks';
import { readRuleFiles } from '../../lib/node/rule-files';
import { compileTriggers } from '../../lib/analysis/trigger-rules';
import { createConversationAnalyzer } from '../../lib/analysis';
import { acceptSuggestion, dismissSuggestion, openSuggestions, prefillMap, type MapSuggestion } from '../../lib/analysis/map-prefill';
import { ticketPromises } from '../../lib/review/review';
import { createLinter } from '../../lib/engine';
import { emptyDecisionMap } from '../../lib/store/decision-maps';
import type { ConversationMessage, ExtractedFact } from '../../lib/ticket';
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
