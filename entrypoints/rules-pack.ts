/**
 * The built-in rule pack (without examples, with its start table and the sentence model) as a module
 * of its own, which the coach (coach.js) and the side panel import at runtime: the extension ships it
 * once for both. The content script for sites the agent enables carries its own copy, as such sites
 * cannot import the extension's modules (see generic.content.ts).
 */
import pack from 'virtual:steady-rules-lean';

export default defineUnlistedScript(() => pack);
