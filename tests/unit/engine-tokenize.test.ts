import { describe, expect, it } from 'vitest';
import { tokenize, withoutInvisibles } from '../../lib/engine/tokenize';

/** Each token as "<exact text>=<forms>", which shows offsets and normalisation at once. */
const show = (text: string) => tokenize(text).map((t) => `${text.slice(t.start, t.end)}=${t.forms.join('/')}`);

describe('tokenize', () => {
  it('reads chat spellings as the word they stand for too', () => {
    expect(show('watch ur language u pls Urn')).toEqual(['watch=watch', 'ur=ur/your', 'language=language', 'u=u/you', 'pls=pls/please', 'Urn=urn']);
  });

  it('gives a word in capitals only, of 2 to 5 letters, the %caps form besides its spelling, whether seen before in lower case or not', () => {
    expect(show('vrm VRM Vrm')).toEqual(['vrm=vrm', 'VRM=vrm/%caps', 'Vrm=vrm']);
    expect(show('OK HELLO, PLEASE I R2D2 ÉTÉ')).toEqual(['OK=ok/%caps', 'HELLO=hello/%caps', ',=,', 'PLEASE=please', 'I=i', 'R2D2=r2d2', 'ÉTÉ=été']);
    // A zero-width character pasted before or inside a code does not take its class away.
    expect(show('a \u200bGRN P\u200bPQ').map((t) => t.replace(/\u200b/g, ''))).toEqual(['a=a', 'GRN=grn/%caps', 'PPQ=ppq/%caps']);
  });

  it('splits two sentences typed without a space ("caused.As"), but not a domain', () => {
    expect(show('caused.As Booking.com')).toEqual(['caused=caused', 'As=as', 'Booking.com=booking.com']);
  });

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

  it('ignores each invisible character inside a word, but not the characters next to their ranges', () => {
    for (const invisible of ['\u00ad', '\u200b', '\u200f', '\u2060', '\u2064', '\u202a', '\u202e', '\u2066', '\u2069', '\ufeff']) {
      expect(show(`ca${invisible}lm`), `U+${invisible.charCodeAt(0).toString(16)}`).toEqual([`ca${invisible}lm=calm`]);
    }
    for (const other of ['\u2010', '\u2065', '\u206a', '\u2029', '\u202f', '\ufefe']) {
      expect(tokenize(`ca${other}lm`).length, `U+${other.charCodeAt(0).toString(16)}`).toBe(2);
    }
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

  it('keeps a number with thousands separators whole, but not a list of numbers', () => {
    expect(tokenize('£4,100 and 1,200,000').map((t) => t.forms[0])).toEqual(['4,100', 'and', '1,200,000']);
    expect(tokenize('items 1,2,3 or 4,1000').map((t) => t.forms[0])).toEqual(['items', '1', ',', '2', ',', '3', 'or', '4', ',', '1000']);
    // Invisible characters pasted into it change nothing but the offsets (the property test found it).
    expect(tokenize('£1\u200b,2\u200b00 and').map((t) => [t.forms[0], t.start, t.end])).toEqual([['1,200', 1, 8], ['and', 9, 12]]);
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

describe('tokenize contractions, apostrophes and word edges', () => {
  it('reads each "n\'t" contraction as its verb and not', () => {
    expect(show("can't won't shan't ain't don't isn't")).toEqual([
      'ca=can', "n't=not", 'wo=will', "n't=not", 'sha=shall', "n't=not", 'ai=is', "n't=not", 'do=do', "n't=not", 'is=is', "n't=not",
    ]);
  });

  it("reads 'd as would or had, and a backtick as an apostrophe", () => {
    expect(show("we'd don`t it`s")).toEqual(['we=we', "'d=would/had", 'do=do', 'n`t=not', 'it=it', "`s=is/has/'s"]);
  });

  it('splits a contraction inside quote marks, keeping the marks in its tokens', () => {
    expect(show("'that's our policy' 'don't' 'dont")).toEqual(["'that=that", "'s=is/has/'s", 'our=our', "policy'=policy/policy'", "'do=do", "n't'=not", "'do=do", 'nt=not']);
    expect(show("''we're''")).toEqual(["''we=we", "'re''=are"]);
  });

  it('keeps a word with an apostrophe that is no contraction whole', () => {
    expect(show("rock'n'roll o'clock n't 's")).toEqual(["rock'n'roll=rock'n'roll", "o'clock=o'clock", "n't=n't", "'s=s/'s"]);
  });

  it('keeps a word whole, with exact offsets, when lower-casing changes its length', () => {
    const text = 'İT’S fine';
    expect(tokenize(text).map((t) => [text.slice(t.start, t.end), t.forms[0]])).toEqual([['İT’S', 'i̇t\'s'], ['fine', 'fine']]);
  });

  it('joins parts with "-" or "." only when a letter or digit follows', () => {
    expect(show('U.S.A. e-mail 3.5 end. well- -x a.-b')).toEqual(['U.S.A=u.s.a', 'e-mail=e-mail', '3.5=3.5', 'end=end', 'well=well', 'x=x', 'a=a', 'b=b']);
  });

  it('keeps accents written as combining marks, and letters outside the BMP, inside the word', () => {
    expect(show('cafe\u0301 𝒜bc 😀x')).toEqual(['cafe\u0301=cafe\u0301', '𝒜bc=𝒜bc', 'x=x']);
  });

  it('marks every punctuation character a pattern can name', () => {
    expect(tokenize('a, b; c: d — e – f (g) "h" “i”').filter((t) => t.punct).map((t) => t.forms[0])).toEqual([',', ';', ':', '—', '–', '(', ')', '"', '"', '"', '"']);
    expect(tokenize('a. b! c? d/ e*').filter((t) => t.punct)).toEqual([]);
  });

  it('reads only text[from, to) and gives offsets into the whole text', () => {
    const text = 'Hello there e-mail world';
    expect(tokenize(text, 6, 14).map((t) => text.slice(t.start, t.end))).toEqual(['there', 'e']);
    expect(tokenize(text, 6, 15).map((t) => text.slice(t.start, t.end))).toEqual(['there', 'e-m']);
    expect(tokenize(text, 8).map((t) => t.start)).toEqual([8, 12, 19]);
  });
});

describe('tokenize HTML tags and entities', () => {
  const words = (text: string) => tokenize(text).filter((t) => !t.punct).map((t) => text.slice(t.start, t.end));

  it('skips opening, closing and attribute-holding tags, but not a "<" that starts no tag', () => {
    expect(words('<b>bold</b> <a href="x y">link</a>')).toEqual(['bold', 'link']);
    expect(words('a <3 b < c <-x')).toEqual(['a', '3', 'b', 'c', 'x']);
    expect(words('</>x')).toEqual(['x']);
  });

  it('takes "<" for a tag only before a Latin letter', () => {
    expect(words('<a>w</a> <z>x <A>y <Z>z')).toEqual(['w', 'x', 'y', 'z']);
    expect(words('<@w> <[x> <{z>')).toEqual(['w', 'x', 'z']);
    expect(words('<`y>')).toEqual(['`y']);
  });

  it('reads a "<" whose tag never closes, or holds another "<", as text', () => {
    expect(words('if a <b and c')).toEqual(['if', 'a', 'b', 'and', 'c']);
    expect(words('x <b y <i>z')).toEqual(['x', 'b', 'y', 'z']);
  });

  it('skips a tag of up to 303 characters, not a longer one', () => {
    expect(words(`<p ${'d'.repeat(299)}>ok`)).toEqual(['ok']);
    expect(words(`<p ${'d'.repeat(300)}>ok`)).toEqual(['p', 'd'.repeat(300), 'ok']);
  });

  it('skips named and numeric entities of up to 10 characters, not longer ones or a bare "&"', () => {
    expect(words('a&nbsp;b &#39;c &amp;')).toEqual(['a', 'b', 'c']);
    expect(words('&abcdefghij;x &abcdefghijk;y')).toEqual(['x', 'abcdefghijk', 'y']);
    expect(words('Tom & Jerry &; &# &#;')).toEqual(['Tom', 'Jerry']);
    expect(words('&nbsp x &é;')).toEqual(['nbsp', 'x', 'é']);
  });

  it('looks for the end of a tag only in the text read', () => {
    const text = '<b>x</b> y';
    expect(tokenize(text, 0, 2).map((t) => text.slice(t.start, t.end))).toEqual(['b']);
  });
});

describe('withoutInvisibles', () => {
  it('returns text without invisible characters unchanged, with no offsets', () => {
    expect(withoutInvisibles('')).toEqual({ visible: '', offsets: null });
    expect(withoutInvisibles("we're here")).toEqual({ visible: "we're here", offsets: null });
  });

  it('drops invisible characters anywhere and maps each kept character to its offset in the text', () => {
    expect(withoutInvisibles('we\u200b\u00adre ok')).toEqual({ visible: 'were ok', offsets: [0, 1, 4, 5, 6, 7, 8] });
    expect(withoutInvisibles('\u200bok')).toEqual({ visible: 'ok', offsets: [1, 2] });
    expect(withoutInvisibles('ok\ufeff')).toEqual({ visible: 'ok', offsets: [0, 1] });
    expect(withoutInvisibles('\u200b\u2060')).toEqual({ visible: '', offsets: [] });
  });
});

describe('tokenize letters, windows and stray marks', () => {
  const inWindow = (text: string, from: number, to: number) => tokenize(text, from, to).map((t) => text.slice(t.start, t.end));

  it('takes ASCII letters and digits up to their last one as word characters, and no other ASCII sign', () => {
    expect(show('Zoe AZ 10 09 a_b c|d e~f g[h] i{j} k^l')).toEqual(['Zoe=zoe', 'AZ=az/%caps', '10=10', '09=09', 'a=a', 'b=b', 'c=c', 'd=d', 'e=e', 'f=f', 'g=g', 'h=h', 'i=i', 'j=j', 'k=k', 'l=l']);
  });

  it('keeps letters outside the BMP whole, in a word and after a hyphen, and full-width letters as one character each', () => {
    expect(show('\u{10000}x e-\u{10000} e-𝒜bc')).toEqual(['\u{10000}x=\u{10000}x', 'e-\u{10000}=e-\u{10000}', 'e-𝒜bc=e-𝒜bc']);
    expect(show('ｉ ｏｋ e-ｘ y')).toEqual(['ｉ=ｉ', 'ｏｋ=ｏｋ', 'e-ｘ=e-ｘ', 'y=y']);
  });

  it('never reads past the end of the window: punctuation, a joined part, invisible characters or an entity beyond it', () => {
    expect(inWindow('a, b', 0, 1)).toEqual(['a']);
    expect(inWindow('port-in', 0, 5)).toEqual(['port']);
    expect(inWindow('port-\u200bin', 0, 6)).toEqual(['port']);
    expect(inWindow('port-\u200b\u200bin', 0, 6)).toEqual(['port']);
    expect(inWindow('&amp; x', 0, 3)).toEqual(['am']);
  });

  it('keeps the semicolon of an "&;" or "&#;" that is no entity', () => {
    expect(tokenize('a &; b &#;').filter((t) => t.punct).map((t) => t.forms[0])).toEqual([';', ';']);
  });

  it('makes no token of apostrophes alone, and strips every quote mark around a word', () => {
    expect(show("rock ' n '' roll")).toEqual(['rock=rock', 'n=n', 'roll=roll']);
    expect(show("''quoted'' ok")).toEqual(["''quoted''=quoted/''quoted''", 'ok=ok']);
    // Read again, a run of apostrophes is still no token.
    expect(show("'' ''")).toEqual([]);
  });

  it('reads every short word by its own letters, whatever words were read before it, as it reads the word with an invisible character after it', () => {
    // Short words are shaped once and looked up by their letters; every word of up to three letters and apostrophes
    // (and of two with an accented letter), and long words that differ only in their last letter, must each keep their own reading.
    const letters = [...'abcdefghijklmnopqrstuvwxyz\''];
    const pairs = [...letters, 'é'].flatMap((a) => [...letters, 'é'].map((b) => a + b));
    const triples = letters.flatMap((a) => letters.flatMap((b) => letters.map((c) => a + b + c)));
    const words = [...letters, 'é', ...pairs, ...triples, 'incomprehensible', 'incomprehensibly', 'overcommitted', 'overcommitter'];
    const forms = (text: string) => tokenize(text).map((t) => t.forms.join('/'));
    expect(forms(words.join(' '))).toEqual(forms(words.map((w) => `${w}\u200b`).join(' ')));
  });

  it('reads a word the same in any case and wherever it recurs, each time with its own offsets', () => {
    expect(show("DON'T Don't don't its it's Its IT'S")).toEqual([
      'DO=do', "N'T=not", 'Do=do', "n't=not", 'do=do', "n't=not", 'its=its', 'it=it', "'s=is/has/'s", 'Its=its', 'IT=it', "'S=is/has/'s",
    ]);
    expect(show('Cancel CANCEL cancels Cancels')).toEqual(['Cancel=cancel', 'CANCEL=cancel', 'cancels=cancels', 'Cancels=cancels']);
  });
});
