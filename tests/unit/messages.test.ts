import { describe, expect, it } from 'vitest';
import { contentScriptTab, fromBackground, panelPortTab, parseContentCommand, type ConversationReport } from '../../lib/messages';
import { parsePanelRequest, parseSteadyMessage } from '../../lib/message-schemas';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const PANEL_PAGE = `chrome-extension://${ID}/sidepanel.html`;

const report: ConversationReport = {
  helpdesk: 'zendesk',
  account: 'acme.zendesk.com',
  ticketId: '123',
  subject: 'Late order',
  url: 'https://acme.zendesk.com/agent/tickets/123',
  messages: [{ id: '1', role: 'customer', author: 'Dana', text: 'Where is my parcel?' }],
  composer: { mode: 'reply', editor: 'ckeditor5', canSwitchToNote: true },
};

describe('message shapes', () => {
  it('accept each message Steady sends, unchanged', () => {
    for (const message of [
      { type: 'conversation', report },
      { type: 'conversation', report: { ...report, ticketId: null, composer: null } },
      { type: 'draft', text: 'Hi Dana,' },
      { type: 'draft', text: 'Hi Dana,', findings: [], undoWarning: true },
      { type: 'insert-text', text: 'I am on it.', asNote: false },
      { type: 'open-script', scriptId: 'refund' },
      { type: 'nudge', ruleId: 'calm-down', kind: 'shown', phrase: 'calm down' },
      { type: 'publish-now' },
    ]) {
      expect(parseSteadyMessage(message)).toEqual(message);
    }
  });

  it('refuse anything of another shape', () => {
    for (const bad of [
      null,
      'draft',
      { type: 'draft' },
      { type: 'draft', text: 42 },
      { type: 'unknown', text: 'x' },
      { type: 'conversation', report: { ...report, messages: 'all of them' } },
      { type: 'conversation', report: { ...report, ticketId: 123 } },
      { type: 'conversation', report: { ...report, helpdesk: 'myspace' } },
      { type: 'conversation', report: { ...report, messages: [{ id: '1', role: 'admin', text: 'x' }] } },
      { type: 'conversation', report: { ...report, account: undefined } },
      { type: 'nudge', ruleId: 'r', kind: 'clicked', phrase: '' },
      { type: 'open-script', scriptId: { toString: () => 'x' } },
    ]) {
      expect(parseSteadyMessage(bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it('never carry a tab named by the sender: insert-text goes to the tab the sender is bound to', () => {
    expect(parseSteadyMessage({ type: 'insert-text', tabId: 99, text: 'Hi' })).toEqual({ type: 'insert-text', text: 'Hi' });
    expect(parsePanelRequest({ type: 'insert-text', tabId: 99, requestId: 1, text: 'Hi' })).toEqual({ type: 'insert-text', requestId: 1, text: 'Hi' });
    expect(parsePanelRequest({ type: 'insert-text', text: 'Hi' })).toBeNull();
  });
});

describe('commands a page obeys (parsed without zod)', () => {
  it('accept each command the service worker sends, unchanged', () => {
    for (const command of [
      { type: 'publish-now' },
      { type: 'insert-text', text: 'I am on it.' },
      { type: 'insert-text', text: 'Note', asNote: true },
      { type: 'finding-action', finding: { ruleId: 'calm-down', phrase: 'calm down', start: 7 }, action: { kind: 'select' } },
      { type: 'finding-action', finding: { ruleId: 'calm-down', phrase: 'calm down', start: 0 }, action: { kind: 'apply', rewrite: 2 } },
      { type: 'finding-action', finding: { ruleId: 'calm-down', phrase: 'calm down', start: 7 }, action: { kind: 'ignore' } },
    ]) {
      expect(parseContentCommand(command)).toEqual(command);
      // The service worker's schema and the page's parser agree on what a command is.
      expect(parseSteadyMessage(command)).toEqual(command);
    }
  });

  it('refuse messages a page must not obey, and commands of another shape', () => {
    for (const bad of [
      null,
      'publish-now',
      { type: 'draft', text: 'Hi' },
      { type: 'conversation', report },
      { type: 'insert-text' },
      { type: 'insert-text', text: 1 },
      { type: 'insert-text', text: 'Hi', asNote: 'yes' },
      { type: 'finding-action', finding: { ruleId: 'r', phrase: 'p', start: -1 }, action: { kind: 'select' } },
      { type: 'finding-action', finding: { ruleId: 'r', phrase: 'p', start: 1.5 }, action: { kind: 'select' } },
      { type: 'finding-action', finding: { ruleId: 'r', phrase: 'p', start: 0 }, action: { kind: 'apply' } },
      { type: 'finding-action', finding: { ruleId: 'r', phrase: 'p', start: 0 }, action: { kind: 'apply', rewrite: -1 } },
      { type: 'finding-action', finding: { ruleId: 'r', phrase: 'p', start: 0 }, action: { kind: 'delete' } },
      { type: 'finding-action', finding: { ruleId: 'r', start: 0 }, action: { kind: 'select' } },
    ]) {
      expect(parseContentCommand(bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it('drop fields a command does not have, such as a tab named by the sender', () => {
    expect(parseContentCommand({ type: 'insert-text', tabId: 99, text: 'Hi' })).toEqual({ type: 'insert-text', text: 'Hi' });
    expect(parseContentCommand({ type: 'publish-now', html: '<b>x</b>' })).toEqual({ type: 'publish-now' });
  });
});

describe('senders', () => {
  it('a content script of this extension speaks for its own tab only', () => {
    expect(contentScriptTab({ id: ID, url: 'https://acme.zendesk.com/agent/tickets/123', tab: { id: 7 } }, ID)).toBe(7);
    expect(contentScriptTab({ id: 'another-extension', tab: { id: 7 } }, ID)).toBeUndefined();
    expect(contentScriptTab({ id: ID, url: PANEL_PAGE }, ID)).toBeUndefined();
    expect(contentScriptTab({ id: ID, tab: { id: -1 } }, ID)).toBeUndefined();
  });

  it('a content script obeys only the service worker', () => {
    expect(fromBackground({ id: ID }, ID)).toBe(true);
    expect(fromBackground({ id: ID, tab: { id: 3 } }, ID)).toBe(false);
    expect(fromBackground({ id: 'another-extension' }, ID)).toBe(false);
  });

  it('a panel port is opened by the side panel page only, for the tab it names', () => {
    expect(panelPortTab('panel:7', { id: ID, url: PANEL_PAGE }, ID, PANEL_PAGE)).toBe(7);
    expect(panelPortTab('panel:7', { id: ID, url: `${PANEL_PAGE}?tab=7`, tab: { id: 12 } }, ID, PANEL_PAGE)).toBe(7);
    // A content script (of any tab) asking for another tab's conversation and draft.
    expect(panelPortTab('panel:7', { id: ID, url: 'https://evil.zendesk.com/agent/tickets/1', tab: { id: 3 } }, ID, PANEL_PAGE)).toBeUndefined();
    expect(panelPortTab('panel:7', { id: ID, url: `chrome-extension://${ID}/options.html` }, ID, PANEL_PAGE)).toBeUndefined();
    expect(panelPortTab('panel:7', { id: 'another-extension', url: PANEL_PAGE }, ID, PANEL_PAGE)).toBeUndefined();
    expect(panelPortTab('panel:abc', { id: ID, url: PANEL_PAGE }, ID, PANEL_PAGE)).toBeUndefined();
    expect(panelPortTab('panel:0', { id: ID, url: PANEL_PAGE }, ID, PANEL_PAGE)).toBeUndefined();
    expect(panelPortTab('panel:7', { id: ID }, ID, PANEL_PAGE)).toBeUndefined();
  });
});
