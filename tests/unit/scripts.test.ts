import { describe, expect, it } from 'vitest';
import { readRuleFiles } from '../../lib/node/rule-files';
import { validateScripts, SCRIPTS_FILE } from '../../lib/scripts/library';
import { builtinPack, createLinter, PackError } from '../../lib/engine';
import { createScriptSearch, fillPlaceholders } from '../../lib/scripts/search';

const files = readRuleFiles();
const scripts = validateScripts(files[SCRIPTS_FILE]);
const ids = new Set(scripts.map((s) => s.id));

describe('scenario scripts', () => {
  it('include every scenario of the content spec', () => {
    for (const id of ['delay', 'refund-demand', 'customer-leaving', 'confused-blaming', 'personal-abuse', 'dont-know', 'cannot-approve', 'stabilisers']) {
      expect(ids, id).toContain(id);
    }
  });

  it('are what every rule points at', () => {
    const dangling = builtinPack().pack.rules.filter((r) => !r.script || !ids.has(r.script)).map((r) => `${r.id} -> ${r.script}`);
    expect(dangling).toEqual([]);
  });

  it('reject a malformed script naming the file, script and field', () => {
    const broken = { scripts: [{ ...scripts[0], say: ['only one line'] }] };
    expect(() => validateScripts(broken, 'rules/scripts.yaml')).toThrow(PackError);
    expect(() => validateScripts(broken, 'rules/scripts.yaml')).toThrow(/rules\/scripts\.yaml: rule "delay", field "say": needs 2 or more lines/);
  });
});

describe('script search', () => {
  const search = createScriptSearch(scripts);
  it('finds scripts by title words despite typos', () => {
    expect(search.search('refnd')[0].id).toBe('refund-demand');
    expect(search.search('leavng')[0].id).toBe('customer-leaving');
  });
  it('searches the lines too, and lists everything for an empty query', () => {
    expect(search.search('respectful').map((s) => s.id)).toContain('personal-abuse');
    expect(search.search('')).toHaveLength(scripts.length);
  });
  it('puts the scripts suggested by the ticket triggers first', () => {
    expect(search.search('', ['churn'])[0].id).toBe('customer-leaving');
    expect(search.search('', ['abuse'])[0].id).toBe('personal-abuse');
  });
  it('never repeats the word before a slot ("by by Friday")', () => {
    expect(fillPlaceholders('counting on this by [date].', { date: 'by Friday' }).text).toBe('counting on this by Friday.');
    expect(fillPlaceholders('counting on this by [date].', { date: 'Friday' }).text).toBe('counting on this by Friday.');
    const delay = scripts.find((s) => s.id === 'delay')!;
    for (const line of delay.say) expect(fillPlaceholders(line, { date: 'by Friday' }).text).not.toMatch(/\b(\w+) \1\b/i);
  });

  it('keeps a stage direction out of the inserted text, as guidance', () => {
    expect(fillPlaceholders("(If it continues) I'm going to pause here.", {})).toEqual({ text: "I'm going to pause here.", open: [], guidance: 'If it continues' });
  });

  it('every insertable line is a complete sentence that Steady itself does not flag', () => {
    const linter = createLinter();
    for (const script of scripts) {
      for (const raw of script.say) {
        const { text } = fillPlaceholders(raw, {});
        expect(text, `${script.id}: ${text}`).toMatch(/^[\p{Lu}"“]/u);
        expect(text, `${script.id}: ${text}`).toMatch(/[.?!]["”]?$/);
        expect(text, `${script.id}: stage directions go in (brackets)`).not.toMatch(/^(if|when|once)\b[^.]*\s[-–—]\s/i);
        const phrase = linter.lint(text).filter((f) => f.category !== 'draft');
        expect(phrase.map((f) => f.ruleId), `${script.id}: ${text}`).toEqual([]);
      }
    }
  });

  it('fills placeholders the ticket knows and reports the rest', () => {
    expect(fillPlaceholders('Order [order number] by [date]', { 'order number': 'A-1234' })).toEqual({ text: 'Order A-1234 by [date]', open: ['date'] });
  });
});
