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
