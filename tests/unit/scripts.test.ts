import { describe, expect, it } from 'vitest';
import { readRuleFiles } from '../../lib/node/rule-files';
import { validateScripts, SCRIPTS_FILE } from '../../lib/scripts/library';
import { builtinPack, PackError } from '../../lib/engine';
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
  it('fills placeholders the ticket knows and reports the rest', () => {
    expect(fillPlaceholders('Order [order number] by [date]', { 'order number': 'A-1234' })).toEqual({ text: 'Order A-1234 by [date]', open: ['date'] });
  });
});
