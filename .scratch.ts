import { readFileSync } from 'node:fs';
import { parseTriggerFile, findPhraseTriggers } from './lib/analysis';
const t = parseTriggerFile(readFileSync('rules/triggers.yaml', 'utf8'));
for (const text of ['How does it work?', 'Ok. How does it work?', 'Could you help me?', 'Which account', 'Where is my order?'])
  console.log(text, findPhraseTriggers(t, { id: '1', text }).map((h) => `${h.trigger}:${h.evidence}`));
