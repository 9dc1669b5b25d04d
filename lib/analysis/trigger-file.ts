/**
 * Parse the text of rules/triggers.yaml and compile it. Kept apart from
 * trigger-rules.ts so code that receives already-parsed data (the browser
 * build) does not bundle the YAML parser.
 */
import { parse } from 'yaml';
import { compileTriggers, TriggerRuleError, TRIGGERS_FILE, type CompiledTrigger } from './trigger-rules';

export function parseTriggerFile(yamlText: string, file = TRIGGERS_FILE): CompiledTrigger[] {
  let data: unknown;
  try {
    data = parse(yamlText);
  } catch (e) {
    throw new TriggerRuleError(file, undefined, '(file)', `is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  return compileTriggers(data, file);
}
