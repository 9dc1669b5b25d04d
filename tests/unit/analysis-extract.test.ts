import { beforeAll, describe, expect, it } from 'vitest';
import { extractFacts, loadDateParser } from '../../lib/analysis';
import type { ExtractedFact } from '../../lib/ticket';

let nlp: Awaited<ReturnType<typeof loadDateParser>>;
beforeAll(async () => {
  nlp = await loadDateParser();
});

const facts = (text: string) => extractFacts({ id: 'c1', text }, nlp).map((f) => [f.kind, f.text] as [ExtractedFact['kind'], string]);

describe('fact extraction', () => {
  it('finds order, ticket and invoice numbers in the forms customers write them', () => {
    expect(facts('Hi, my order #12345 never came.')).toContainEqual(['order-number', '12345']);
    expect(facts('The order number A-99812 shows delivered.')).toContainEqual(['order-number', 'A-99812']);
    expect(facts('Please look at invoice INV-2024-001 again.')).toContainEqual(['invoice-number', 'INV-2024-001']);
    expect(facts('This is about ticket 4821 from last month.')).toContainEqual(['ticket-number', '4821']);
  });

  it('finds amounts with symbols, codes and words', () => {
    const found = facts('You took $49.99, then €20, and another 49 dollars. Also R$189 last year.');
    expect(found).toEqual(expect.arrayContaining([['amount', '$49.99'], ['amount', '€20'], ['amount', '49 dollars'], ['amount', 'R$189']]));
  });

  it('keeps terms and possessives out of the dates, and reads "fix this today" as today', () => {
    const found = facts('Procurement needs 60-day payment terms and a cap on next year\'s price increase. Please fix this today.');
    expect(found.filter(([kind]) => kind === 'date' || kind === 'deadline')).toEqual([['date', 'today']]);
  });

  it('tells deadlines from dates', () => {
    expect(facts('I need it by Friday.')).toContainEqual(['deadline', 'by Friday']);
    expect(facts('Fix it within 2 days or I leave.')).toContainEqual(['deadline', 'within 2 days']);
    expect(facts('I called tomorrow? No, I mean I will call tomorrow.')).toContainEqual(['date', 'tomorrow']);
    expect(facts('It was delivered on March 3rd to the wrong house.')).toContainEqual(['date', 'on March 3rd']);
    expect(facts('I am travelling next week.')).toContainEqual(['date', 'next week']);
  });

  it('labels every fact with its message and finds nothing in small talk', () => {
    expect(extractFacts({ id: 'c7', text: 'Order 5551234 please' }, nlp)[0].messageId).toBe('c7');
    expect(facts('Hello, hope you are well, thanks for the help!')).toEqual([]);
    expect(facts('I have ordered 3 books.')).toEqual([]);
  });
});

describe('fact extraction, each fact once and where it is cheap to look', () => {
  it('lists a number once, under the label it first had, and an amount without the sentence\'s full stop', () => {
    expect(facts('Invoice 88123, that is order 88123.')).toEqual([['invoice-number', '88123']]);
    expect(facts('Order 4417. Again, ORDER 4417.')).toEqual([['order-number', '4417']]);
    expect(facts('I paid $40. Then 30 euros, and EUR 12.')).toEqual([['amount', '$40'], ['amount', '30 euros'], ['amount', 'EUR 12']]);
    expect(facts('It was $40, then $40 again.')).toEqual([['amount', '$40']]);
  });

  it('finds numeric dates, and takes a bare duration for a date only when anchored', () => {
    expect(facts('It shipped 12/03/2026 and 2026-03-12.')).toEqual([['date', '12/03/2026'], ['date', '2026-03-12']]);
    expect(facts('It took 3 weeks. It comes in 3 weeks. It left 3 weeks ago. A week, a month.')).toEqual([['date', 'in 3 weeks'], ['date', '3 weeks ago']]);
  });

  it('looks for dates in the first 5,000 characters of sentences that could hold one', () => {
    const sentence = 'We talked about the parcel on a sunny day in the office. ';
    expect(facts(`${sentence.repeat(85)}Deliver it by Friday.`)).toEqual([['deadline', 'by Friday']]);
    expect(facts(`${sentence.repeat(90)}Deliver it by Friday.`)).toEqual([]);
  });
});

describe('fact extraction, as the agent reads the facts back', () => {
  it('lists a fact written twice in another case once, as first written', () => {
    expect(facts('I paid 30 EUR, I said 30 eur.')).toEqual([['amount', '30 EUR']]);
    expect(facts('By Friday please. I need it by friday.')).toEqual([['deadline', 'By Friday']]);
  });

  it('reads an invoice number split by a space as one number', () => {
    expect(facts('Please check INV 2024-001.')).toEqual([['invoice-number', 'INV2024-001']]);
  });

  it('still finds a deadline after a long message with no date in it: only dated sentences count towards the limit', () => {
    expect(facts(`${'The parcel is in the hall. '.repeat(200)}Deliver it by Friday.`)).toEqual([['deadline', 'by Friday']]);
  });
});
