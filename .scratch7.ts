import { readFileSync } from 'node:fs';
import { createConversationAnalyzer, parseTriggerFile } from './lib/analysis';
import { generateConversation } from './tests/bench/analysis.bench';
const triggers = parseTriggerFile(readFileSync('rules/triggers.yaml', 'utf8'));
const all = generateConversation(500);
const c0 = process.cpuUsage();
for (let i = 0; i < 100; i++) createConversationAnalyzer({ triggers }).read(all);
const c = process.cpuUsage(c0); console.log('cpu ms per read', ((c.user + c.system) / 1000 / 100).toFixed(2));
