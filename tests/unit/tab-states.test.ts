import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseTriggerFile } from '../../lib/analysis/trigger-file';
import { createTabStates } from '../../lib/background/tab-states';
import type { TabState, ConversationReport } from '../../lib/messages';
import { genericModeSummary } from '../../lib/panel/derive';

const triggers = parseTriggerFile(readFileSync('rules/triggers.yaml', 'utf8'));
const report = (ticketId: string, texts: [string, 'customer' | 'agent'][]): ConversationReport => ({
  helpdesk: 'zendesk', account: 'acme.zendesk.com', ticketId, subject: 'Late order', url: `https://acme.zendesk.com/agent/tickets/${ticketId}`, composer: { mode: 'reply', editor: 'ckeditor5' },
  messages: texts.map(([text, role], i) => ({ id: String(i), role, text })),
});

describe('tab states', () => {
  it('analyse a reported conversation into a snapshot, then add the facts', async () => {
    const seen: TabState[] = [];
    const states = createTabStates(triggers, (s) => seen.push(s));
    const state = states.conversation(7, report('123', [
      ['Hi, my order #48213 was due Monday.', 'customer'],
      ['Let me check.', 'agent'],
      ['This is ridiculous, it is STILL not here. I want a refund of $89.99 or I cancel my account!!!', 'customer'],
    ]));
    const snap = state.snapshot!;
    expect(snap.ticketId).toBe('123');
    expect(snap.messages.filter((m) => m.role === 'customer').every((m) => m.sentiment)).toBe(true);
    expect(snap.trajectory.trend).toBe('falling');
    expect(snap.triggers.map((t) => t.trigger)).toEqual(expect.arrayContaining(['refund', 'churn']));
    await new Promise((r) => setTimeout(r, 3000));
    const withFacts = seen.at(-1)!.snapshot!;
    expect(withFacts.facts.map((f) => f.text)).toEqual(expect.arrayContaining([expect.stringContaining('48213'), expect.stringContaining('89.99')]));
  }, 20_000);

  it('keep the draft, and whether the card warns about undo, per tab; clear both when the tab moves to another ticket', () => {
    const states = createTabStates(triggers, () => {});
    states.conversation(1, report('123', [['Where is it?', 'customer']]));
    states.draft(1, 'Hi Dana,', [], true);
    states.draft(2, 'Other tab');
    expect(states.get(1)).toMatchObject({ draft: 'Hi Dana,', undoWarning: true });
    expect(states.get(2).undoWarning).toBe(false);
    states.conversation(1, report('123', [['Where is it?', 'customer'], ['Hello?', 'customer']]));
    expect(states.get(1)).toMatchObject({ draft: 'Hi Dana,', undoWarning: true });
    states.conversation(1, report('124', [['New ticket', 'customer']]));
    expect(states.get(1)).toMatchObject({ draft: '', undoWarning: false });
    expect(states.get(2).draft).toBe('Other tab');
  });

  it('treat the same ticket number in another account as another ticket', () => {
    const states = createTabStates(triggers, () => {});
    states.conversation(1, report('123', [['Where is it?', 'customer']]));
    states.draft(1, 'Hi Dana,');
    const globex = states.conversation(1, { ...report('123', [['Where is it?', 'customer']]), account: 'globex.zendesk.com', url: 'https://globex.zendesk.com/agent/tickets/123' });
    expect(globex.snapshot).toMatchObject({ account: 'globex.zendesk.com', ticketId: '123' });
    expect(globex.draft).toBe('');
  });

  it('keep the findings of the coach with the draft, and drop them with it on another ticket', () => {
    const states = createTabStates(triggers, () => {});
    const finding = { ruleId: 'calm-down', category: 'dismissive' as const, severity: 'problem' as const, message: 'Why', phrase: 'calm down', start: 7, end: 16, rewrites: ['I hear you'] };
    states.conversation(1, report('123', [['Where is it?', 'customer']]));
    states.draft(1, 'Please calm down.', [finding]);
    expect(states.get(1).findings).toEqual([finding]);
    states.draft(1, 'Please wait.');
    expect(states.get(1).findings).toEqual([]);
    states.draft(1, 'Please calm down.', [finding]);
    states.conversation(1, report('124', [['New ticket', 'customer']]));
    expect(states.get(1).findings).toEqual([]);
  });

  it('carry that generic mode read a known helpdesk’s page, and what it found, to the panel', () => {
    const states = createTabStates(triggers, () => {});
    const read = (r: ConversationReport) => states.conversation(3, r).snapshot;
    const fellBack = read({ ...report('77', [['I was charged twice.', 'customer'], ['Looking into it.', 'agent'], ['Third time asking!', 'customer']]), helpdesk: 'helpscout', genericMode: true });
    expect(genericModeSummary(fellBack)).toEqual({ fallbackFrom: 'helpscout', total: 3, roles: [{ role: 'customer', count: 2 }, { role: 'agent', count: 1 }] });
    // A list page: nothing found, nothing raised.
    const list = read({ ...report('', []), ticketId: null, helpdesk: 'generic', genericMode: true });
    expect(genericModeSummary(list)).toEqual({ total: 0, roles: [] });
    expect(list?.triggers).toEqual([]);
    // The app's own adapter read it: nothing to say.
    expect(genericModeSummary(read(report('123', [['Hi', 'customer']])))).toBeNull();
  });
});
