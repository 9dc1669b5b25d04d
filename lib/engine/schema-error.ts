import type { z } from 'zod';

/** The first schema problem as a field path ("rewrites[1]", "examples.flag") and a plain sentence; shared by every data file's validation. */
export function describeZodError(error: z.ZodError, fallbackField = '(top level)'): { field: string; problem: string } {
  const issue = error.issues[0];
  const field = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${String(p)}` : String(p))).join('') || fallbackField;
  const problem = issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message;
  return { field, problem };
}
