import type { z } from 'zod';

/** The first schema problem as a field path ("rewrites[1]", "examples.flag") and a plain sentence; shared by every data file's validation. */
export function describeZodError(error: z.ZodError, fallbackField = '(top level)'): { field: string; problem: string } {
  return describeIssue(error.issues[0], fallbackField);
}

/** Every schema problem, each as describeZodError gives the first. */
export function describeZodIssues(error: z.ZodError, fallbackField = '(top level)'): { field: string; problem: string }[] {
  return error.issues.map((issue) => describeIssue(issue, fallbackField));
}

function describeIssue(issue: z.ZodError['issues'][number], fallbackField: string): { field: string; problem: string } {
  const field = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${String(p)}` : String(p))).join('') || fallbackField;
  const problem = issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message;
  return { field, problem };
}
