/** The extension build compiles rules/*.yaml into `virtual:steady-rules` (and `virtual:steady-rules-lean`), and refuses a broken rule file. */
import { readdirSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { build, type Rolldown } from 'vite';
import { buildBuiltinPack, leanPack, withoutExamples } from '../../lib/engine/rule-files';
import { patternSources } from '../../lib/engine/pack';
import type { RuleSpec } from '../../lib/engine/types';
import { readRuleFiles, RULES_DIR } from '../../lib/node/rule-files';
import { LEAN_RULES_MODULE_ID, RULES_MODULE_ID, steadyRules } from '../../lib/node/vite-rules-plugin';

const scratch: string[] = [];
afterEach(async () => {
  await Promise.all(scratch.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Bundle a module that re-exports the virtual pack, the way the extension imports it. */
async function bundlePack(rulesDir: string, moduleId = RULES_MODULE_ID): Promise<Rolldown.OutputChunk> {
  const dir = await mkdtemp(join(tmpdir(), 'steady-rules-build-'));
  scratch.push(dir);
  const entry = join(dir, 'entry.js');
  await writeFile(entry, `import pack from '${moduleId}';\nexport default pack;\n`);
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    root: dir,
    plugins: [steadyRules(rulesDir)],
    build: { write: false, lib: { entry, formats: ['es'], fileName: 'entry' } },
  })) as Rolldown.RolldownOutput[];
  return output[0].output[0];
}

test('the bundled pack is the validated pack built from rules/ with one flag example per rule (without the start table and the sentence model, which only the lean pack ships)', async () => {
  const { code } = await bundlePack(RULES_DIR);
  const { default: bundled } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  const full = buildBuiltinPack(readRuleFiles(RULES_DIR));
  const { sentences, ...withoutModel } = withoutExamples(full, true);
  expect(sentences).toBeDefined();
  expect(bundled).toEqual(withoutModel);
  expect(bundled.starts).toBeUndefined();
  // The options page shows each rule beside its first flag example.
  for (const [k, rule] of bundled.pack.rules.entries()) expect(rule.examples).toEqual({ flag: [full.pack.rules[k].examples.flag[0]], pass: [], corrected: [] });
});

test('the lean pack is the same pack with every rule\'s examples left empty, the start table, and each pattern as its number in the table, and lints the same', async () => {
  const { code } = await bundlePack(RULES_DIR, LEAN_RULES_MODULE_ID);
  const { default: lean } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  const full = buildBuiltinPack(readRuleFiles(RULES_DIR));
  expect(lean).toEqual(leanPack(full));
  const { rules, macros } = withoutExamples(full).pack;
  expect(lean.pack.macros).toEqual(macros);
  expect(lean.pack.rules.map(({ id, message, rewrites }: RuleSpec) => ({ id, message, rewrites }))).toEqual(rules.map(({ id, message, rewrites }) => ({ id, message, rewrites })));
  for (const rule of lean.pack.rules) expect(rule.examples).toEqual({ flag: [], pass: [], corrected: [] });
  // No pattern is written out: each is U+E000 and its number.
  const sources = patternSources(lean.pack, lean.draft);
  expect(sources).toEqual(sources.map((_, n) => `\uE000${n}`));
  expect(sources).toHaveLength(patternSources(full.pack, full.draft).length);
  const { createLinter } = await import('../../lib/engine');
  const draft = full.pack.rules.flatMap((rule) => rule.examples.flag).join('\n');
  expect(createLinter({ basePack: lean }).lint(draft, { customerSentiment: -0.6 })).toEqual(createLinter({ basePack: full }).lint(draft, { customerSentiment: -0.6 }));
});

test('every rule file is a dependency of the bundle, so editing one rebuilds the extension in dev', async () => {
  const { moduleIds } = await bundlePack(RULES_DIR);
  const ruleFiles = readdirSync(RULES_DIR).filter((name) => name.endsWith('.yaml'));
  expect(ruleFiles.length).toBeGreaterThan(0);
  for (const name of ruleFiles) expect(moduleIds.map((id) => id.split('?')[0])).toContain(join(RULES_DIR, name));
});

test('a malformed rule file fails the build, naming the file, the rule and the field', async () => {
  const rulesDir = await mkdtemp(join(tmpdir(), 'steady-rules-src-'));
  scratch.push(rulesDir);
  await cp(RULES_DIR, rulesDir, { recursive: true });
  await writeFile(
    join(rulesDir, 'zz-broken.yaml'),
    [
      'category: dismissive',
      'rules:',
      '  - id: broken-rule',
      '    severity: loud',
      '    message: A rule with a severity that does not exist.',
      '    match: ["whatever"]',
      '    rewrites: ["something kinder"]',
      '    script: stabilisers',
      '    examples: { flag: ["whatever"], pass: ["fine"] }',
      '',
    ].join('\n'),
  );
  await expect(bundlePack(rulesDir)).rejects.toThrow(/rules\/zz-broken\.yaml: rule "broken-rule", field "severity"/);
});
