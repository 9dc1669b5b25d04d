/**
 * Where a draft's sentences start and end: each finding, rewrite and checklist item
 * works on one sentence, so a wrong boundary shows as a flag on the wrong words.
 */
import { describe, expect, it } from 'vitest';
import { MAX_SENTENCE_CHARS, splitSentences } from '../../lib/engine/sentences';

const sentencesOf = (text: string, limit?: number) => splitSentences(text, limit).map((r) => text.slice(r.start, r.end));

describe('splitSentences', () => {
  it('ends a sentence at . ! ? and … followed by a space, and at the end of the text', () => {
    expect(sentencesOf('One. Two! Three? Four… Five.')).toEqual(['One.', 'Two!', 'Three?', 'Four…', 'Five.']);
    expect(sentencesOf('Done.')).toEqual(['Done.']);
  });

  it('does not end a sentence at other punctuation or inside a word', () => {
    expect(sentencesOf('One, two; three: four - five')).toEqual(['One, two; three: four - five']);
    expect(sentencesOf('See example.com or v2.0 now')).toEqual(['See example.com or v2.0 now']);
  });

  it('does not end a sentence at an abbreviation a number follows, and does end one at a word a number follows', () => {
    expect(sentencesOf('It is in the handbook, section 3, p. 14. Ask me if not.')).toEqual(['It is in the handbook, section 3, p. 14.', 'Ask me if not.']);
    expect(sentencesOf('Your complaint ref. 88213 is open. No. 5 is next.')).toEqual(['Your complaint ref. 88213 is open.', 'No. 5 is next.']);
    expect(sentencesOf('We shipped it on the 5th. 3 boxes are left.')).toEqual(['We shipped it on the 5th.', '3 boxes are left.']);
    expect(sentencesOf('Go to step. 2 more to go.')).toEqual(['Go to step.', '2 more to go.']);
  });

  it('ends a sentence typed without a space after it, between a lower-case word and a capitalised one', () => {
    expect(sentencesOf('Sorry for the trouble caused.As checked, it is fixed.')).toEqual(['Sorry for the trouble caused.', 'As checked, it is fixed.']);
    expect(sentencesOf('We apologize!Kindly wait')).toEqual(['We apologize!', 'Kindly wait']);
    // Domains, "e.g." and codes stay whole.
    expect(sentencesOf('Book on Booking.com or e.g.This and the U.S.A site')).toEqual(['Book on Booking.com or e.g.This and the U.S.A site']);
  });

  it('ends a sentence after a run of end punctuation', () => {
    expect(sentencesOf('Really?! Yes... Fine')).toEqual(['Really?!', 'Yes...', 'Fine']);
    expect(sentencesOf('Why?!?')).toEqual(['Why?!?']);
  });

  it('keeps closing quotes, brackets and invisible characters after the punctuation in the sentence', () => {
    for (const closer of ['"', "'", '\u201d', '\u2019', ')', ']', '\u00ad', '\u200b', '\u200f', '\u2060', '\u2064', '\u202a', '\u202e', '\u2066', '\u2069']) {
      const text = `It said "done.${closer} Next one`;
      expect(sentencesOf(text), `closer U+${closer.charCodeAt(0).toString(16)}`).toEqual([`It said "done.${closer}`, 'Next one']);
    }
  });

  it('does not end a sentence when punctuation and a non-closing character are followed by a word', () => {
    for (const other of ['\u2010', '\u2065', '\u206a', '\u2070', '(', '[', '\u201c', '\u2018', '\u00ac']) {
      const text = `Version 2.${other}x is out`;
      expect(sentencesOf(text), `U+${other.charCodeAt(0).toString(16)}`).toEqual([text]);
    }
  });

  it('ends a sentence at a line break of any kind, and a blank line adds none', () => {
    expect(sentencesOf('Hi Dana\nThanks\r\nBest\rCarl')).toEqual(['Hi Dana', 'Thanks', 'Best', 'Carl']);
    expect(splitSentences('Hi\r\n\r\nBye')).toEqual([{ start: 0, end: 2 }, { start: 6, end: 9 }]);
  });

  it('treats every kind of white space after punctuation as a sentence end and trims it off both sides', () => {
    for (const space of [' ', '\t', '\u000b', '\f', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff']) {
      const text = `${space}One.${space}Two.${space}`;
      expect(sentencesOf(text), `U+${space.charCodeAt(0).toString(16)}`).toEqual(['One.', 'Two.']);
    }
  });

  it('does not take other characters near the white-space ranges for a space', () => {
    for (const other of ['\u0008', '\u000e', '\u009f', '\u00a1', '\u1681', '\u1fff', '\u2011', '\u2027', '\u2030', '\u205e', '\u3001', '\ufefe']) {
      const text = `Try v2.${other}5 now`;
      expect(sentencesOf(text), `U+${other.charCodeAt(0).toString(16)}`).toEqual([text]);
    }
  });

  it('gives no sentence for text that is only white space', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n\t \r\n ')).toEqual([]);
  });

  it('reads only up to the limit', () => {
    expect(sentencesOf('First one. Second one.', 12)).toEqual(['First one.', 'S']);
    expect(sentencesOf('First one. Second one.', 10)).toEqual(['First one.']);
    expect(sentencesOf('Line one\nLine two', 9)).toEqual(['Line one']);
    expect(sentencesOf('Wait.\r\nNext', 6)).toEqual(['Wait.']);
    expect(sentencesOf('Wait?! Next', 5)).toEqual(['Wait?']);
    expect(sentencesOf('Said "ok." Next', 9)).toEqual(['Said "ok.']);
  });

  it('keeps a sentence of exactly MAX_SENTENCE_CHARS whole and cuts one character more', () => {
    const exact = `${'a'.repeat(MAX_SENTENCE_CHARS - 1)}.`;
    expect(splitSentences(exact)).toEqual([{ start: 0, end: MAX_SENTENCE_CHARS }]);
    const longer = `${'a'.repeat(MAX_SENTENCE_CHARS)}.`;
    expect(splitSentences(longer)).toEqual([{ start: 0, end: MAX_SENTENCE_CHARS }, { start: MAX_SENTENCE_CHARS, end: MAX_SENTENCE_CHARS + 1 }]);
  });

  it('cuts an over-long sentence after the last space within 200 characters of the limit, without the spaces', () => {
    const head = 'b'.repeat(MAX_SENTENCE_CHARS - 150);
    const text = `${head}   ${'c'.repeat(400)}`;
    expect(splitSentences(text)).toEqual([
      { start: 0, end: head.length },
      { start: head.length + 3, end: text.length },
    ]);
    // A space exactly 200 characters back is still found; one further back is not.
    const at200 = `${'d'.repeat(MAX_SENTENCE_CHARS - 200)} ${'e'.repeat(400)}`;
    expect(splitSentences(at200)[0]).toEqual({ start: 0, end: MAX_SENTENCE_CHARS - 200 });
    const at201 = `${'d'.repeat(MAX_SENTENCE_CHARS - 201)} ${'e'.repeat(400)}`;
    expect(splitSentences(at201)[0]).toEqual({ start: 0, end: MAX_SENTENCE_CHARS });
  });

  it('cuts at the limit when a piece would start with spaces only, and drops a piece of spaces', () => {
    const text = `${'f'.repeat(MAX_SENTENCE_CHARS)}${' '.repeat(300)}g`;
    expect(sentencesOf(text)).toEqual(['f'.repeat(MAX_SENTENCE_CHARS), 'g']);
  });

  it('keeps an emoji whole when the cut falls inside it', () => {
    const text = `${'h'.repeat(MAX_SENTENCE_CHARS - 1)}😡${'h'.repeat(10)}`;
    expect(splitSentences(text)).toEqual([
      { start: 0, end: MAX_SENTENCE_CHARS - 1 },
      { start: MAX_SENTENCE_CHARS - 1, end: text.length },
    ]);
    // The first and last characters outside the BMP too.
    for (const astral of ['\u{10000}', '\u{10FFFF}']) {
      const edge = `${'h'.repeat(MAX_SENTENCE_CHARS - 1)}${astral}${'h'.repeat(10)}`;
      expect(splitSentences(edge)[0]).toEqual({ start: 0, end: MAX_SENTENCE_CHARS - 1 });
    }
    const after = `${'h'.repeat(MAX_SENTENCE_CHARS - 2)}😡${'h'.repeat(10)}`;
    expect(splitSentences(after)[0]).toEqual({ start: 0, end: MAX_SENTENCE_CHARS });
  });
});
