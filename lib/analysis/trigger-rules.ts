/**
 * Trigger definitions (rules/triggers.yaml): schema validation and
 * compilation. Errors name the file, the trigger and the field so the file can
 * be fixed without reading code. Pure: callers pass the parsed YAML (the
 * browser build can ship it as JSON; trigger-file.ts parses the text).
 */
import { z } from 'zod';
import { TRIGGERS, type TriggerId } from '../ticket';
import { describeZodError } from '../engine/schema-error';

/** Scenario script ids (rules/scripts.yaml); every trigger points at one. */
export const SCRIPT_IDS = [
  'delay',
  'refund-demand',
  'customer-leaving',
  'confused-blaming',
  'personal-abuse',
  'dont-know',
  'cannot-approve',
  'stabilisers',
] as const;
export type ScriptId = (typeof SCRIPT_IDS)[number];

export const TRIGGERS_FILE = 'rules/triggers.yaml';

export class TriggerRuleError extends Error {
  constructor(
    readonly file: string,
    readonly triggerId: string | undefined,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${file}: ${triggerId ? `trigger "${triggerId}", ` : ''}field "${field}": ${problem}`);
    this.name = 'TriggerRuleError';
  }
}

/** Phrases are regular-expression sources, matched case-insensitively on whole words; ^ and $ match at line ends. */
const phrase = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .refine((source) => compiles(source), 'is not a valid pattern (JavaScript regular-expression syntax)');
const phraseList = z.array(phrase).min(1, 'needs at least one phrase');
const exampleList = z.array(z.string().trim().min(1, 'must not be empty')).min(2, 'needs at least 2 examples');

export const triggerSchema = z.strictObject({
  id: z.enum(TRIGGERS, { error: `must be one of: ${TRIGGERS.join(', ')}` }),
  script: z.enum(SCRIPT_IDS, { error: `must be a scenario script id: ${SCRIPT_IDS.join(', ')}` }),
  description: z.string().trim().min(1, 'must not be empty'),
  /** The likely customer concern, offered on the decision map. */
  concern: z.string().trim().min(1, 'must not be empty').optional(),
  phrases: phraseList,
  /** A phrase hit is dropped when one of these matches text overlapping it ("no refund needed"). */
  except: phraseList.optional(),
  /** Also fire when the customer asks essentially the same question again. */
  repeatedQuestion: z
    .strictObject({
      minWords: z.number().int().min(1, 'must be at least 1'),
      overlap: z.number().gt(0, 'must be above 0').max(1, 'must be at most 1'),
    })
    .optional(),
  examples: z.strictObject({ hit: exampleList, miss: exampleList }),
});
export type TriggerSpec = z.infer<typeof triggerSchema>;

const fileSchema = z.strictObject({ triggers: z.array(z.unknown()).min(1, 'needs at least one trigger') });

export interface CompiledTrigger {
  id: TriggerId;
  script: ScriptId;
  concern: string | null;
  pattern: RegExp;
  except: RegExp | null;
  repeatedQuestion: { minWords: number; overlap: number } | null;
  examples: TriggerSpec['examples'];
}

/** Validate parsed trigger data (the YAML's top level) and compile it. */
export function compileTriggers(data: unknown, file = TRIGGERS_FILE): CompiledTrigger[] {
  const top = fileSchema.safeParse(data ?? {});
  if (!top.success) throw fromZod(file, undefined, top.error);
  const seen = new Set<string>();
  return top.data.triggers.map((raw, index) => {
    const rawId = (raw as { id?: unknown } | null)?.id;
    const id = typeof rawId === 'string' ? rawId : `#${index + 1}`;
    const parsed = triggerSchema.safeParse(raw);
    if (!parsed.success) throw fromZod(file, id, parsed.error);
    if (seen.has(id)) throw new TriggerRuleError(file, id, 'id', 'is defined twice');
    seen.add(id);
    const spec = parsed.data;
    return {
      id: spec.id,
      script: spec.script,
      concern: spec.concern ?? null,
      pattern: combine(spec.phrases),
      except: spec.except ? combine(spec.except) : null,
      repeatedQuestion: spec.repeatedQuestion ?? null,
      examples: spec.examples,
    };
  });
}

/** Letters and digits a phrase must not start or end next to (Latin scripts). */
const WORD_CHAR = '[A-Za-z0-9\\u00C0-\\u024F]';
const FLAGS = 'gim';

/**
 * One precompiled alternation per trigger, matched on whole words. No u flag:
 * case-insensitive Unicode matching is markedly slower in V8, and the phrases
 * are English.
 */
function combine(sources: readonly string[]): RegExp {
  return new RegExp(`(?<!${WORD_CHAR})(?:${sources.map((s) => `(?:${s})`).join('|')})(?!${WORD_CHAR})`, FLAGS);
}

function compiles(source: string): boolean {
  try {
    new RegExp(source, FLAGS);
    return true;
  } catch {
    return false;
  }
}

function fromZod(file: string, triggerId: string | undefined, error: z.ZodError): TriggerRuleError {
  const { field, problem } = describeZodError(error);
  return new TriggerRuleError(file, triggerId, field, problem);
}
