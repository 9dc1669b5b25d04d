/** The scenario script library (rules/scripts.yaml): schema and validation. Pure. */
import { z } from 'zod';
import { PHRASE_CATEGORIES } from '../engine/types';
import { TRIGGERS } from '../ticket';
import { PackError } from '../engine/pack';
import { describeZodError } from '../engine/schema-error';

export const SCRIPTS_FILE = 'scripts.yaml';

const line = z.string().trim().min(1, 'must not be empty');

export const scriptSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case'),
  title: line,
  triggers: z.array(z.enum(TRIGGERS, { error: `must be one of: ${TRIGGERS.join(', ')}` })),
  when: line,
  say: z.array(line).min(2, 'needs 2 or more lines').max(6, 'keep it to 6 lines at most'),
  why: line,
  /** Phrase categories whose rules catch what to avoid here. */
  avoid: z.array(z.enum(PHRASE_CATEGORIES, { error: `must be one of: ${PHRASE_CATEGORIES.join(', ')}` })).min(1),
});
export type Script = z.infer<typeof scriptSchema>;

export function validateScripts(data: unknown, file = `rules/${SCRIPTS_FILE}`): Script[] {
  const list = (data as { scripts?: unknown })?.scripts;
  if (!Array.isArray(list)) throw new PackError(file, undefined, 'scripts', 'must be a list of scripts');
  const seen = new Set<string>();
  return list.map((raw, i) => {
    const id = (raw as { id?: unknown })?.id;
    const label = typeof id === 'string' ? id : `#${i + 1}`;
    const parsed = scriptSchema.safeParse(raw);
    if (!parsed.success) {
      const { field, problem } = describeZodError(parsed.error, '(script)');
      throw new PackError(file, label, field, problem);
    }
    if (seen.has(parsed.data.id)) throw new PackError(file, label, 'id', 'is used by another script');
    seen.add(parsed.data.id);
    return parsed.data;
  });
}
