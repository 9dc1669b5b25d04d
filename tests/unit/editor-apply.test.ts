import { describe, expect, it } from 'vitest';
import { isOneInsertionInto, relocate } from '../../lib/editor/apply';

describe("relocate: where a finding's phrase is now", () => {
  const phrase = 'calm down';
  it('keeps the original offsets when the phrase is still there', () => {
    expect(relocate('Please calm down now', { start: 7, end: 16, phrase })).toBe(7);
  });
  it('follows the phrase when text was typed before it', () => {
    expect(relocate('Hi there. Please calm down now', { start: 7, end: 16, phrase })).toBe(17);
  });
  it('picks the occurrence nearest the old position', () => {
    const text = 'calm down. Well, Please calm down now. Ok calm down';
    expect(relocate(text, { start: 22, end: 31, phrase })).toBe(24);
  });
  it('withdraws when the phrase was edited away or moved far', () => {
    expect(relocate('Please settle now', { start: 7, end: 16, phrase })).toBeNull();
    expect(relocate('x'.repeat(2000) + 'calm down', { start: 7, end: 16, phrase })).toBeNull();
  });
  it('reaches exactly RELOCATE_WINDOW characters either side, and no further', () => {
    const x = (n: number) => 'x'.repeat(n);
    expect(relocate(x(400) + phrase, { start: 0, end: 9, phrase })).toBe(400);
    expect(relocate(x(405) + phrase, { start: 0, end: 9, phrase })).toBeNull();
    expect(relocate(phrase + x(2000), { start: 1000, end: 1009, phrase })).toBeNull();
    expect(relocate(x(600) + phrase + x(1000), { start: 1000, end: 1009, phrase })).toBe(600);
  });
  it('prefers the earlier occurrence when two are equally near', () => {
    expect(relocate(`${phrase}${' '.repeat(11)}${phrase}`, { start: 10, end: 19, phrase })).toBe(0);
  });
  it('finds nothing for an empty phrase whose span is no longer empty', () => {
    expect(relocate('Please calm down now', { start: 7, end: 16, phrase: '' })).toBeNull();
  });
  it('is case-exact: a different phrase is never replaced', () => {
    expect(relocate('Please CALM DOWN', { start: 7, end: 16, phrase })).toBeNull();
  });
});

describe('isOneInsertionInto: what the agent typed while a rewrite settled, and nothing else', () => {
  const base = 'Hi. I hear you, I am on it.';
  it('accepts the rewritten draft with one run of typed characters anywhere', () => {
    expect(isOneInsertionInto(base, base)).toBe(true);
    expect(isOneInsertionInto(base + ' Thanks', base)).toBe(true);
    expect(isOneInsertionInto('XYZ' + base, base)).toBe(true);
    expect(isOneInsertionInto('Hi. I hear you,XYZ I am on it.', base)).toBe(true);
  });
  it('rejects lost, doubled or scattered characters', () => {
    expect(isOneInsertionInto('Hi. I hear you, I am on', base)).toBe(false);
    expect(isOneInsertionInto('Hi. I hear you, I am on it.YZ', 'Hi. I hear you, I am on it.XYZ')).toBe(false);
    expect(isOneInsertionInto('XHi. I hear you, I am on it.Y', base)).toBe(false);
    expect(isOneInsertionInto('Hi. I hear you I am on it.X', base)).toBe(false);
    expect(isOneInsertionInto('Ok. ', 'Ok. Ok. ')).toBe(false);
  });
  it('treats a no-break space as the space an editor swapped it for', () => {
    expect(isOneInsertionInto('Hi.\u00a0I hear you, I am on it. Ok', base)).toBe(true);
  });
});
