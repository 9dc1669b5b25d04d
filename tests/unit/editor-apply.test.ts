import { describe, expect, it } from 'vitest';
import { relocate } from '../../lib/editor/apply';

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
  it('is case-exact: a different phrase is never replaced', () => {
    expect(relocate('Please CALM DOWN', { start: 7, end: 16, phrase })).toBeNull();
  });
});
