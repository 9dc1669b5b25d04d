// sentiment's English language module (AFINN-165 labels), read to build Steady's own lexicon.
declare module 'sentiment/languages/en/index.js' {
  const english: { labels: Record<string, number> };
  export default english;
}
