/**
 * The pieces a rewrite is fitted with, each on its own: what the agent sees joined into the draft
 * (no doubled word or punctuation, the right article, case and register, ticket facts) and in the card's preview.
 */
import { describe, expect, it } from 'vitest';
import { breakSplice, contentEnd, fillFacts, fitCase, fitJoins, fitRegister, place, placeholdersIn, previewRewrite, rewriteLabel, speaksAsWe, takeDanglingDegree, withArticle } from '../../lib/engine/rewrite';

describe('fitJoins', () => {
  it('drops a word the text before already ends on, only when a space separates them', () => {
    expect(fitJoins('we will refund you', 'Thanks, we ', ' today.', false)).toBe('will refund you');
    expect(fitJoins('We will refund you', 'Thanks, we', ' today.', false)).toBe('We will refund you');
    expect(fitJoins('[first name] said', 'first ', ' ok', false)).toBe('[first name] said');
  });

  it("keeps the draft's own subject and verb instead of saying them twice", () => {
    expect(fitJoins("we're sorry this has left you upset", "We're genuinely ", '.', false)).toBe('sorry this has left you upset');
    expect(fitJoins("I'm sorry about the trouble", 'It broke. Were ', '.', false)).toBe('sorry about the trouble');
    expect(fitJoins("I'm sorry about the trouble", 'I am terribly ', '.', false)).toBe('sorry about the trouble');
    expect(fitJoins("I'm sorry about the trouble", 'It broke. ', '.', false)).toBe("I'm sorry about the trouble");
    expect(fitJoins("we're sorry about it", 'They were ', '.', false)).toBe("we're sorry about it");
  });

  it('drops a last word the text after starts with, only across a space', () => {
    expect(fitJoins('send it today', 'I will ', ' today.', false)).toBe('send it');
    expect(fitJoins('send it today', 'I will ', 'today.', false)).toBe('send it today');
    expect(fitJoins('today', 'I will send it ', ' today.', false)).toBe('today');
  });

  it('drops punctuation the text around already has', () => {
    expect(fitJoins('sorry,', 'We are ', ', truly.', false)).toBe('sorry');
    expect(fitJoins('sorry;', 'We are ', '. Truly.', false)).toBe('sorry');
    expect(fitJoins('sorry,', 'We are ', ' truly.', false)).toBe('sorry,');
    expect(fitJoins(', sadly', 'It broke, ', ' now.', false)).toBe('sadly');
    expect(fitJoins(', sadly', 'It broke ', ' now.', false)).toBe(', sadly');
  });

  it('puts a comma after a fronted marker when words follow, and none when one is there', () => {
    expect(fitJoins('Honestly', '', ' we can help.', true)).toBe('Honestly,');
    expect(fitJoins('Honestly', '', ', we can help.', true)).toBe('Honestly');
    expect(fitJoins('Honestly', '', ' we can help.', false)).toBe('Honestly');
    expect(fitJoins('I can tell you that', '', ' we can help.', true)).toBe('I can tell you that');
    expect(fitJoins('To recap, as agreed', '', ' the fee stays.', true)).toBe('To recap, as agreed,');
    expect(fitJoins('Given that it rained', '', ' we can help.', true)).toBe('Given that it rained,');
  });
});

describe('breakSplice and takeDanglingDegree', () => {
  it('keeps a bracket the clause before the comma closes when the rewrite starts a sentence of its own', () => {
    expect(breakSplice('You approved the proof (attached), ', ["we're sorry this happened"])).toEqual({ rewrites: ["attached). We're sorry this happened"], back: 11 });
  });

  it('reads "so" after a comma or at a sentence start as joining clauses, and before an apology as its degree', () => {
    expect(takeDanglingDegree('You approved it on Monday, so ', "the colour isn't our fault", ["we're sorry this happened"])).toBeNull();
    expect(takeDanglingDegree('So ', 'sorry for any inconvenience', ["I'm sorry about the trouble"])).toBeNull();
    expect(takeDanglingDegree('Very ', 'sorry for any difficulty', ["I'm sorry about the trouble"])?.rewrites).toEqual(["I'm very sorry about the trouble"]);
  });
});

describe('withArticle', () => {
  it('fits "a" or "an" to the rewrite, keeping the capital of the draft\'s article', () => {
    expect(withArticle('an', 'delay', ' to your trip.')).toBe('a delay');
    expect(withArticle('An', 'equipment change', '.')).toBe('An equipment change');
    expect(withArticle('A', 'delay', '.')).toBe('A delay');
    expect(withArticle('a', 'hour-long wait', '.')).toBe('an hour-long wait');
    expect(withArticle('an', 'user account', '.')).toBe('a user account');
    expect(withArticle('a', 'unusual delay', '.')).toBe('an unusual delay');
  });

  it('drops the article before a determiner, re-casing it, and keeps it before a placeholder the noun phrase goes on after', () => {
    expect(withArticle('an', 'the same thing', '.')).toBe('the same thing');
    expect(withArticle('an', 'the same thing', ' happened')).toBe('the same thing');
    expect(withArticle('An', 'the same thing', '.')).toBe('The same thing');
    expect(withArticle('an', '[plain words]', ' happened')).toBe('an [plain words]');
    expect(withArticle('an', '[plain words]', ' to you.')).toBe('[plain words]');
    expect(withArticle('an', '[plain words]', '.')).toBe('[plain words]');
    expect(withArticle('an', '', '.')).toBe('');
  });
});

describe('previewRewrite', () => {
  it('shows the whole sentence around the change, and the placeholders to fill', () => {
    const text = 'Hi Sam. That is our policy, sadly. Bye.';
    const start = text.indexOf('That');
    const f = { start, end: start + 'That is our policy'.length, rewrites: ['I cannot do that [by when]', 'No'] };
    expect(previewRewrite(text, f, 0)).toEqual({ before: '', changed: 'I cannot do that [by when]', after: ', sadly.', placeholders: ['[by when]'] });
    expect(previewRewrite(text, { ...f, start: start + 8 }, 1)).toEqual({ before: 'That is ', changed: 'No', after: ', sadly.', placeholders: [] });
    expect(previewRewrite(text, { ...f, replace: { start: 0, end: 2 } }, 1)).toEqual({ before: '', changed: 'No', after: ' Sam.', placeholders: [] });
  });

  it('stops at a line break and at the text\'s ends', () => {
    const text = 'First line\nThat is our policy';
    expect(previewRewrite(text, { start: 11, end: 18, rewrites: ['This'] }, 0)).toEqual({ before: '', changed: 'This', after: ' our policy', placeholders: [] });
    // The draft's first sentence keeps its first character.
    expect(previewRewrite('So that is it\nBye', { start: 3, end: 7, rewrites: ['this'] }, 0)).toEqual({ before: 'So ', changed: 'this', after: ' is it', placeholders: [] });
    expect(previewRewrite('Is it? Yes! Fine. Ok', { start: 18, end: 20, rewrites: ['Good'] }, 0)).toEqual({ before: '', changed: 'Good', after: '', placeholders: [] });
    // The spaces before the sentence and the line break after it are not part of it.
    expect(previewRewrite('Hi Sam.   So that is it\n  Bye', { start: 13, end: 17, rewrites: ['this'] }, 0)).toEqual({ before: 'So ', changed: 'this', after: ' is it', placeholders: [] });
    expect(previewRewrite('Hi Sam.\n  So that is it', { start: 13, end: 17, rewrites: ['this'] }, 0)).toEqual({ before: 'So ', changed: 'this', after: ' is it', placeholders: [] });
  });
});

describe('fillFacts and placeholders', () => {
  it('fills the ticket\'s facts, trimmed, and leaves unknown or odd-looking ones visible', () => {
    expect(fillFacts('Hi [first name], order [Order Number] and [name].', { firstName: ' Dana ', orderNumber: 'A-17' })).toBe('Hi Dana, order A-17 and Dana.');
    expect(fillFacts('Hi [first name], [by when].', { orderNumber: 'A-17' })).toBe('Hi [first name], [by when].');
    expect(fillFacts('Hi [first name].', { firstName: '<b>x</b>' })).toBe('Hi [first name].');
    expect(fillFacts('Hi [first name].', { firstName: 'x'.repeat(42) })).toBe('Hi [first name].');
    expect(fillFacts('Hi [first name].', { firstName: '' })).toBe('Hi [first name].');
    expect(fillFacts('Order [order number].', { orderNumber: '#A-17' })).toBe('Order [order number].');
    expect(fillFacts('Hi [first name].', undefined)).toBe('Hi [first name].');
  });

  it('finds placeholders of up to 40 characters, never a link or one starting with a space', () => {
    const text = `Fill [by when] and [ x] and [link](http://a) and [${'a'.repeat(41)}] [${'b'.repeat(40)}]`;
    expect(placeholdersIn(text)).toEqual([
      { start: 5, end: 14, text: '[by when]' },
      { start: text.lastIndexOf('['), end: text.length, text: `[${'b'.repeat(40)}]` },
    ]);
  });
});

describe('fitCase, fitRegister and contentEnd', () => {
  it('lower-cases mid-sentence except "I", OK, acronyms and placeholders; capitalises a sentence start', () => {
    expect(['I will check', "I'm on it", 'OK then', 'USPS lost it', '[name] said', 'Thanks', 'Items'].map((r) => fitCase(r, false))).toEqual(['I will check', "I'm on it", 'OK then', 'USPS lost it', '[name] said', 'thanks', 'items']);
    expect(fitCase('thanks', true)).toBe('Thanks');
    expect(fitCase('', true)).toBe('');
  });

  it('follows the draft\'s register, keeping a form the sentence ends on long, and always writes "cannot"', () => {
    expect(fitRegister('we are sure it is fine, that is.', true)).toBe("we're sure it's fine, that is.");
    expect(fitRegister("I'm sure we're fine", false)).toBe('I am sure we are fine');
    expect(fitRegister('We can not do it', null)).toBe('We cannot do it');
    expect(fitRegister('We are sure', true)).toBe("We're sure");
    expect(fitRegister('thanks', true)).toBe('thanks');
    // A capital stays with the word it starts, and "I" stays capital.
    expect(fitRegister('It is fine, I am sure', true)).toBe("It's fine, I'm sure");
    expect(fitRegister('Is not that odd', true)).toBe("Isn't that odd");
  });

  it('ends a sentence\'s content before its sign-off and closing punctuation', () => {
    const ends = ['Thanks a lot! - Carl', 'Thanks ^AB', 'Thanks /JB', 'Thanks (1/2)', 'See https://x.y/z', 'Done.)"', 'Thanks *TMT.'].map((s) => s.slice(0, contentEnd(s)));
    expect(ends).toEqual(['Thanks a lot', 'Thanks', 'Thanks', 'Thanks', 'See', 'Done', 'Thanks']);
  });
});

describe('who speaks', () => {
  it('speaks as the phrase\'s own subject, and as the draft only when the phrase has none or a tie', () => {
    expect(speaksAsWe('we apologize', () => false)).toBe(true);
    expect(speaksAsWe('I apologize', () => true)).toBe(false);
    expect(speaksAsWe('I apologize for any trouble we may have caused', () => true)).toBe(false);
    expect(speaksAsWe('we apologize for the trouble I caused', () => false)).toBe(true);
    expect(speaksAsWe('sorry for the wait', () => true)).toBe(true);
  });
});

describe('place', () => {
  const placed = (sentence: string, match: string, slot: 'phrase' | 'clause' | 'sentence') => {
    const at = sentence.indexOf(match);
    const p = place(sentence, at, at + match.length, slot);
    return { ...p, span: sentence.slice(p.start, p.end) };
  };

  it('ends a clause before a name it ends on, or before the agent\'s next clause, taking that clause\'s first letter after a bare comma', () => {
    expect(placed('Hi Jo, sorry you were unaware of this, Steven.', 'sorry you were unaware', 'clause')).toMatchObject({ span: 'sorry you were unaware of this', breakTail: '', afterOpener: true });
    expect(placed('Hold on, I am on it while you wait.', 'Hold on', 'clause')).toMatchObject({ span: 'Hold on', breakTail: ', I', clauseFollows: false });
    expect(placed('Hold on,  I am on it.', 'Hold on', 'clause')).toMatchObject({ span: 'Hold on', breakTail: ',  I' });
    expect(placed('Hold on; I am on it.', 'Hold on', 'clause')).toMatchObject({ span: 'Hold on', breakTail: '; I' });
    expect(placed('Calm down before we go through the bill.', 'Calm down', 'clause')).toMatchObject({ span: 'Calm down', breakTail: '' });
    expect(placed('Calm down before your flight.', 'Calm down', 'clause').span).toBe('Calm down before your flight');
    expect(placed('Hold on, while we try, it is not possible.', 'Hold on', 'clause').span).toBe('Hold on, while we try, it is not possible');
  });

  it('ends a clause before the agent\'s next clause joined by "and", and after a subordinate clause that closed before the match', () => {
    expect(placed("We're sorry you weren't aware and I have refunded the fee.", "We're sorry you weren't aware", 'clause')).toMatchObject({ span: "We're sorry you weren't aware", breakTail: '' });
    expect(placed('Sorry you were unaware, and we will refund it.', 'Sorry you were unaware', 'clause')).toMatchObject({ span: 'Sorry you were unaware', breakTail: '' });
    expect(placed('While we announce it, we are sorry you were unaware, and we appreciate it.', 'we are sorry you were unaware', 'clause')).toMatchObject({ span: 'we are sorry you were unaware', breakTail: '' });
    expect(placed('Please calm down so I can help you.', 'Please calm down', 'clause').span).toBe('Please calm down so I can help you');
  });

  it('takes a sentence slot from after its opening quote and greeting to its closing punctuation', () => {
    expect(placed('"We will cancel your plan now."', 'We will cancel', 'sentence')).toMatchObject({ span: 'We will cancel your plan now', atSentenceStart: true });
    expect(placed('"Hi Jo, we will cancel your plan now."', 'we will cancel', 'sentence')).toMatchObject({ span: 'we will cancel your plan now', atSentenceStart: false });
  });

  it('tells whether a clause goes on after the match, and whether a new clause or a prepositional phrase follows', () => {
    const follows = (sentence: string) => placed(sentence, 'Hold on', 'phrase').clauseFollows;
    expect([follows('Hold on,  they will call.'), follows('Hold on, in the meantime I check.'), follows('Hold on in the meantime I check.'), follows('Hold on... I check.'), follows('Hold on, "fine" they said.')]).toEqual([true, false, false, false, false]);
    expect(placed('Please hold on  now.', 'hold on', 'phrase').continues).toBe(true);
    expect(placed('We appreciate it, and truly apologize.', 'We appreciate it', 'phrase').sharedSubject).toBe(true);
    // After the customer's name too: "Thank you for telling us, Marcy and assure you …" would lose the subject.
    expect(placed('We appreciate it, Marcy and assure you it will not happen.', 'We appreciate it', 'phrase').sharedSubject).toBe(true);
    expect(placed('We appreciate it, Marcy and Tom.', 'We appreciate it', 'phrase').sharedSubject).toBe(false);
  });

  it('sees a phrase joined by "and" to an apology before it in its sentence', () => {
    const joins = (sentence: string) => placed(sentence, 'we apologize', 'phrase').joinsApology;
    expect([joins('We are sorry, and we apologize for the wait.'), joins('We are sorry, and  we apologize.'), joins('We are sorry and upset; we apologize.'), joins('Thanks, and we apologize.')]).toEqual([true, true, false, false]);
  });
});

describe('a rewrite shown on its own', () => {
  it('drops only the next clause\'s letter at its very end, not a full stop inside it', () => {
    expect(rewriteLabel('One moment while I check the U.S. depot. I')).toBe('One moment while I check the U.S. depot.');
    expect(rewriteLabel("I'm sorry about the trouble,", 'Sorry for any inconvenience')).toBe("I'm sorry about the trouble");
  });

  it('previews a span that ends right before the full stop up to that full stop only', () => {
    expect(previewRewrite('Calm down. Thanks.', { start: 0, end: 9, rewrites: ['I hear you'] }, 0)).toMatchObject({ changed: 'I hear you', after: '.' });
  });
});
