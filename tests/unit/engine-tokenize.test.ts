import { describe, expect, it } from 'vitest';
import { tokenize } from '../../lib/engine/tokenize';

/** Each token as "<exact text>=<forms>", which shows offsets and normalisation at once. */
const show = (text: string) => tokenize(text).map((t) => `${text.slice(t.start, t.end)}=${t.forms.join('/')}`);

describe('tokenize', () => {
  it('splits contractions into the words patterns are written with', () => {
    expect(show("That's it, we can't and won't.")).toEqual(['That=that', "'s=is/has/'s", 'it=it', ',=,', 'we=we', 'ca=can', "n't=not", 'and=and', 'wo=will', "n't=not"]);
    expect(show("I'm sure you'll see we've")).toEqual(['I=i', "'m=am", 'sure=sure', 'you=you', "'ll=will", 'see=see', 'we=we', "'ve=have"]);
  });

  it('reads contractions typed without the apostrophe', () => {
    expect(show('dont cant cannot thats im')).toEqual(['do=do', 'nt=not', 'ca=can', 'nt=not', 'can=can', 'not=not', 'that=that', 's=is', 'i=i', 'm=am']);
  });

  it('treats curly and modifier apostrophes like straight ones', () => {
    expect(show('don’t it’s weʼre')).toEqual(['do=do', 'n’t=not', 'it=it', "’s=is/has/'s", 'we=we', 'ʼre=are']);
  });

  it('lower-cases and keeps exact UTF-16 offsets after emoji, CRLF and non-breaking spaces', () => {
    const text = '😀👍🏽 Hi\r\nCALM\u00a0down 🙂 now';
    const tokens = tokenize(text);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['Hi', 'CALM', 'down', 'now']);
    expect(tokens.map((t) => t.forms[0])).toEqual(['hi', 'calm', 'down', 'now']);
  });

  it('ignores zero-width and bidi characters inside words and keeps them out of token edges', () => {
    const text = 'ca\u200blm \u2060down\ufeff \u200dnow\u200c \u202bשלום\u202c';
    expect(show(text)).toEqual(['ca\u200blm=calm', 'down=down', 'now=now', 'שלום=שלום']);
  });

  it('splits a contraction with an invisible character inside at the right offset', () => {
    const text = 'don\u200b\u2019t';
    expect(show(text)).toEqual(['do=do', 'n\u200b\u2019t=not']);
  });

  it('marks punctuation tokens and maps curly quotes to straight ones', () => {
    const tokens = tokenize('Well, “fine” — ok');
    expect(tokens.filter((t) => t.punct).map((t) => t.forms[0])).toEqual([',', '"', '"', '—']);
  });

  it('keeps hyphenated words and version numbers whole, and strips quote marks used around a word', () => {
    expect(show("e-mail v2.1 'quoted'")).toEqual(['e-mail=e-mail', 'v2.1=v2.1', "'quoted'=quoted/'quoted'"]);
  });

  it('returns nothing for text without words', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' \u200b 🙂 ... !!! \u202e')).toEqual([]);
  });
});

describe('tokenize HTML pasted as text', () => {
  it('skips tags and entities but keeps the words between them', () => {
    expect(show('<p class="x">Please <b>calm</b>&nbsp;down</p> a < b, 3 <4')).toEqual(['Please=please', 'calm=calm', 'down=down', 'a=a', 'b=b', ',=,', '3=3', '4=4']);
  });
});

describe('hyphenated words with invisible characters', () => {
  it('keep a zero-width space inside the joined part as one word', () => {
    const text = 'a server-s\u200bide problem';
    const words = tokenize(text).map((t) => text.slice(t.start, t.end));
    expect(words).toEqual(['a', 'server-s\u200bide', 'problem']);
    expect(tokenize(text)[1].forms).toEqual(['server-side']);
  });

  it('join parts with invisible characters right after the hyphen, as shown', () => {
    for (const invisible of ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad']) {
      const text = `Your port-${invisible}in and re-${invisible}${invisible}accommodated flight`;
      expect(show(text)).toEqual(['Your=your', `port-${invisible}in=port-in`, 'and=and', `re-${invisible}${invisible}accommodated=re-accommodated`, 'flight=flight']);
    }
  });

  it('leave a hyphen followed only by invisible characters outside the word', () => {
    expect(show('port-\u200b in')).toEqual(['port=port', 'in=in']);
  });
});
