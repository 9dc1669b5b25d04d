import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import Sentiment from 'sentiment';
import { createSentimentScorer } from '../../lib/analysis';

const scorer = createSentimentScorer();
const score = (text: string) => scorer.score(text).score;
const label = (text: string) => scorer.score(text).label;

describe('customer sentiment', () => {
  it('reads negation', () => {
    expect(label('I am happy with the new plan.')).toBe('positive');
    expect(label('I am not happy with the new plan.')).toBe('negative');
    expect(label('The replacement is not good.')).toBe('negative');
    expect(label('Honestly not very helpful so far.')).toBe('negative');
  });

  it('weighs ALL CAPS and repeated punctuation', () => {
    expect(score('THIS IS STILL NOT WORKING')).toBeLessThan(score('this is still not working'));
    expect(score('Where is my order???')).toBeLessThan(score('Where is my order?'));
    expect(score('This is bad!!!')).toBeLessThan(score('This is bad.'));
    expect(label('WHY DOES NOBODY ANSWER')).toBe('negative');
  });

  it('reads emoji', () => {
    expect(label('ok 😡')).toBe('negative');
    expect(label('the update again 🙄')).toBe('negative');
    expect(label('that did it 👍')).toBe('positive');
    expect(label('Got it, thanks 🙏')).toBe('positive');
  });

  it('knows support language that plain sentiment misses', () => {
    const plain = new Sentiment();
    for (const text of [
      'This is the third time I am writing and still nothing.',
      'I have been waiting for two weeks, nobody answers.',
      'The app does not work since the update.',
      'Please help, the download failed again and again.',
    ]) {
      expect(plain.analyze(text).score).toBeGreaterThanOrEqual(0);
      expect(label(text)).toBe('negative');
    }
    // Requests are not praise: "please help", "I would like to" stay neutral.
    expect(label('Please help me with my account.')).toBe('neutral');
    expect(label('I would like to know the price of the yearly plan.')).toBe('neutral');
    expect(label('This is unacceptable and ridiculous, I want to cancel.')).toBe('negative');
  });

  it('reads escalation threats and money-back demands as upset, and a negation does not cross into the next clause', () => {
    expect(label("If this isn't refunded I'm disputing the charge with my bank.")).toBe('negative');
    expect(label('Fix it or I will file a chargeback.')).toBe('negative');
    expect(label('One more week and I am leaving a one-star review and telling everyone.')).toBe('negative');
    expect(label("I'm not happy with this.")).toBe('negative');
    expect(label('I want the full amount back.')).toBe('negative');
  });

  it('catches cheap sarcasm', () => {
    for (const text of [
      'Great, just great.',
      'Thanks for nothing.',
      'Oh wonderful, it crashed again.',
      'Yeah right, like that will happen.',
      'Thank you so much for ruining my weekend.',
    ]) {
      expect(label(text)).toBe('negative');
    }
    expect(label('Great, thanks for the quick fix!')).toBe('positive');
  });

  it('does not let a friendly greeting cancel out a complaint', () => {
    expect(label('Hi there, hope you are well! Thanks. My order is late again and nobody answers.')).toBe('negative');
    expect(label('Thank you so much, it works perfectly now!')).toBe('positive');
  });

  it('keeps scores in [-1, 1] with a label that matches the sign', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const s = scorer.score(text);
        expect(s.score).toBeGreaterThanOrEqual(-1);
        expect(s.score).toBeLessThanOrEqual(1);
        if (s.label === 'negative') expect(s.score).toBeLessThan(0);
        if (s.label === 'positive') expect(s.score).toBeGreaterThan(0);
      }),
    );
  });

  it('leaves the shared sentiment lexicon untouched', () => {
    const before = new Sentiment().analyze('please help, I would like support').score;
    createSentimentScorer({ extras: { support: -5 } }).score('support');
    expect(new Sentiment().analyze('please help, I would like support').score).toBe(before);
  });
});

describe('emoji after a negation', () => {
  it('an angry emoji keeps its weight: "not happy 😡" reads angrier than "not happy", never positive', () => {
    const plain = scorer.score('I am not happy').score;
    const withEmoji = scorer.score('I am not happy 😡').score;
    expect(withEmoji).toBeLessThan(plain);
    expect(scorer.score('I am not happy 😡').label).toBe('negative');
    expect(scorer.score('This is not ok 😞').label).toBe('negative');
  });
  it('a happy emoji after a negated worry stays happy', () => {
    expect(scorer.score('no worries at all 😊').label).toBe('positive');
  });
});

describe('thanks and threats', () => {
  const scorer = createSentimentScorer();
  it('reads "thanks so much for the help" as thanks, and "so much for the refund" as sarcasm', () => {
    expect(scorer.score('Great, thanks so much for the help!').label).toBe('positive');
    expect(scorer.score('So much for the refund you promised.').label).toBe('negative');
  });
  it('reads threats of a chargeback, a bank dispute or reviews as upset', () => {
    for (const text of [
      "Yes, a human please. And don't send me a policy link, I've read it. If this isn't refunded I'm disputing the charge with my bank.",
      "I'll file a chargeback.",
      "Fix this or I'll leave a 1-star review everywhere.",
    ]) expect(scorer.score(text).label, text).toBe('negative');
  });
});

describe('where the sentiment labels turn', () => {
  const scorer = createSentimentScorer();
  const score = (text: string) => scorer.score(text).score;

  it('labels by the threshold it is given', () => {
    // Default 0.12: "My order is late." scores about -0.2, "Thanks." about 0.38.
    expect(scorer.score('My order is late.').label).toBe('negative');
    expect(createSentimentScorer({ threshold: 0.25 }).score('My order is late.').label).toBe('neutral');
    expect(createSentimentScorer({ threshold: 0.15 }).score('My order is late.').label).toBe('negative');
    expect(createSentimentScorer({ threshold: 0.4 }).score('Thanks.').label).toBe('neutral');
    expect(createSentimentScorer({ threshold: 0.35 }).score('Thanks.').label).toBe('positive');
  });

  it('weighs extra words only for the scorer given them', () => {
    expect(createSentimentScorer({ extras: { zendesk: -3 } }).score('zendesk is here').label).toBe('negative');
    expect(scorer.score('zendesk is here').label).toBe('neutral');
  });

  it('lets a negation reach three words back, not into the next clause', () => {
    expect(scorer.score('I am not so very happy').label).toBe('negative');
    expect(scorer.score('This is not cheap but good').label).toBe('positive');
  });

  it('strengthens or softens a word only right after the intensifier', () => {
    expect(score('I am very happy')).toBeGreaterThan(score('I am happy'));
    expect(score('I am slightly happy')).toBeLessThan(score('I am happy'));
    expect(score('very I am happy')).toBe(score('I am happy'));
  });

  it('reads "!!" as more of what the sentence says, and "?!" or "!?" as exasperation', () => {
    expect(score('This is great!!')).toBeGreaterThan(score('This is great.'));
    expect(score('This is bad!!')).toBeLessThan(score('This is bad.'));
    expect(score('Okay!!')).toBeLessThan(score('Okay.'));
    expect(score('Where is it?!')).toBeLessThan(score('Where is it?'));
    expect(score('Where is it!?')).toBeLessThan(score('Where is it?'));
  });

  it('reads a sentence as shouted when at least 60 % of its words are capitals', () => {
    // Three of five words in capitals shout; three of six do not (the extra word weighs nothing).
    expect(score('THIS IS BAD today ok')).toBeLessThan(score('THIS IS BAD today ok now'));
    expect(score('THIS IS BAD today ok now')).toBeLessThan(score('this is bad today ok now'));
    // Shouting makes a positive sentence no angrier.
    expect(score('THIS IS GREAT')).toBeGreaterThan(score('this is great'));
    // A shouted question with no angry word in it still reads as upset; an acronym or two is not shouting.
    expect(scorer.score('WHERE IS MY ORDER NOW').label).toBe('negative');
    expect(scorer.score('where is my order now').label).toBe('neutral');
    expect(scorer.score('UPS THEN').label).toBe('neutral');
  });
});

describe('negation, sarcasm and thanks in one message', () => {
  const scorer = createSentimentScorer();
  const score = (text: string) => scorer.score(text).score;

  it('turns a word around once, by the nearest negation, also at the start of a sentence', () => {
    expect(scorer.score('Not happy with this.').label).toBe('negative');
    // "no" weighs on its own; "not" turns "happy" around, and "no" does not turn it back.
    expect(scorer.score('No, not happy with it.').label).toBe('negative');
  });

  it('reads a negated word as milder than its opposite: "not bad" is less praise than "good"', () => {
    expect(score('It is not bad.')).toBeGreaterThan(0);
    expect(score('It is not bad.')).toBeLessThan(score('It is good.'));
    expect(score('It is not good.')).toBeLessThan(0);
    expect(score('It is not good.')).toBeGreaterThan(score('It is bad.'));
  });

  it('keeps the complaint beside a sarcastic thanks', () => {
    expect(score('Thanks for nothing, the app does not work.')).toBeLessThan(score('Thanks for nothing.'));
  });

  it('does not dim thanks beside a sentence that complains of nothing', () => {
    expect(score('Thanks. I ordered a chair.')).toBe(score('Thanks.'));
  });

  it('does not let thanks outweigh the complaint beside it', () => {
    expect(scorer.score('Thanks. My order is late again.').label).toBe('negative');
  });

  it('reads one "!" as plain punctuation, not as more of what the sentence says', () => {
    expect(score('This is great!')).toBe(score('This is great.'));
  });
});

describe('the first scorer of a fresh start', () => {
  it('reads plain words, support language and extra words, whichever scorer is made first', async () => {
    vi.resetModules();
    const fresh = await import('../../lib/analysis/sentiment');
    expect(fresh.createSentimentScorer().score('I am happy with the new plan.').label).toBe('positive');
    expect(fresh.createSentimentScorer().score('This is the third time I am writing and still nothing.').label).toBe('negative');
    const withExtras = fresh.createSentimentScorer({ extras: { zendesk: -3 } });
    expect(withExtras.score('I am happy with the new plan.').label).toBe('positive');
    expect(withExtras.score('zendesk is here').label).toBe('negative');
  });
});
