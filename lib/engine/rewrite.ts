/** Fit a rule's rewrite to the sentence it replaces text in. */

const KEEPS_CAPITAL = /^(I|I'm|I've|I'll|I'd|OK)\b|^\p{Lu}{2}/u;

export function fitRewrite(rewrite: string, atSentenceStart: boolean): string {
  if (!rewrite) return rewrite;
  if (atSentenceStart) return rewrite[0].toUpperCase() + rewrite.slice(1);
  // Mid-sentence: lower-case a capitalised first word unless it is "I" or an acronym.
  return KEEPS_CAPITAL.test(rewrite) ? rewrite : rewrite[0].toLowerCase() + rewrite.slice(1);
}
