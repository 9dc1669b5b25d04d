/** The mechanical-defect check behind `npm run eval -- rewrites` catches each kind of defect it counts. */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../lib/engine';
import { joinDefects } from '../support/rewrite-check';

const at = (text: string, phrase: string, rewrite: string): [string, Finding] => {
  const start = text.indexOf(phrase);
  return [text, { ruleId: 't', category: 'jargon', severity: 'warning', start, end: start + phrase.length, message: '', rewrites: [rewrite] }];
};

describe('joinDefects', () => {
  it('finds each defect at a join', () => {
    expect(joinDefects(...at('Hi. Kindly wait.', 'Kindly', 'please'))).toContain('lower-case sentence start');
    expect(joinDefects(...at('I cannot do it.', 'cannot', 'can not'))).toContain('"can not"');
    expect(joinDefects(...at('Before I say yes, ok.', 'yes', 'yes yes'))[0]).toMatch(/doubled word/);
    expect(joinDefects(...at('We are busy, sorry.', 'We are busy', 'Thanks,'))).toContain('doubled or stray punctuation');
    expect(joinDefects(...at('See you soon.', 'See', 'Goodbye'))).toEqual([]);
    expect(joinDefects(...at('We are busy now.', 'busy', 'onit'))).toEqual([]);
    expect(joinDefects(...at('Weare busy.', 'are', 'are'))).toEqual([]);
    expect(joinDefects(...at('We are busy.', 'are', 'arebusy x'))).toEqual([]);
    expect(joinDefects(...at('We are busy.', ' are', 'are'))).toContain('glued words');
  });

  it("finds a subject said twice, or a verb left without its subject, unless the agent wrote it so", () => {
    expect(joinDefects(...at('You have our apologies for any delay.', 'our apologies for any delay', "we're sorry for the delay"))).toEqual(['a subject and verb said twice']);
    expect(joinDefects(...at("I'm sorry for any issues you are having.", 'sorry for any issues you', 'sorry about the trouble'))).toEqual(['a verb left without its subject']);
    expect(joinDefects(...at("Were we're sorry for any delay.", 'sorry for any delay', 'sorry for the delay'))).toEqual([]);
    expect(joinDefects(...at('Sorry for any delay.', 'Sorry for any delay', "We're sorry for the delay"))).toEqual([]);
  });

  it('finds an order\'s "please" or "just" left before the clause that replaced the order, unless the agent wrote it so', () => {
    expect(joinDefects(...at('Please take a deep breath and relax, we will sort it.', 'take a deep breath and relax,', 'I can hear how frustrating this has been.'))).toEqual(['"please" or "just" left before a new clause']);
    expect(joinDefects(...at('Just relax, we will sort it.', 'relax,', "I'm sorry this has been stressful."))).toEqual(['"please" or "just" left before a new clause']);
    expect(joinDefects(...at('Please take a deep breath and relax, we will sort it.', 'Please take a deep breath and relax,', 'I can hear how frustrating this has been.'))).toEqual([]);
    expect(joinDefects(...at('Just we two are left, sorry.', 'sorry', 'apologies'))).toEqual([]);
  });

  it('finds an article that no longer fits the word after it, unless the agent wrote it so', () => {
    expect(joinDefects(...at('It is an obviously broken link.', 'obviously b', 'b'))).toEqual(['"a"/"an" does not fit the next word']);
    expect(joinDefects(...at('It is a serious error.', 'serious', 'other'))).toEqual(['"a"/"an" does not fit the next word']);
    expect(joinDefects(...at('It is an obviously broken link.', 'an obviously b', 'a b'))).toEqual([]);
    expect(joinDefects(...at('It was an honest mistake on a one-way ticket.', 'honest', 'honest'))).toEqual([]);
    expect(joinDefects(...at('It was an bad day, sadly.', 'sadly', 'truly'))).toEqual([]);
  });
});
