#!/usr/bin/env node
// `steady` runs the TypeScript CLI straight from the repo: tsx (a devDependency) compiles it on load.
try {
  const { tsImport } = await import('tsx/esm/api');
  const { run } = await tsImport('../lib/cli/main.ts', import.meta.url);
  process.exitCode = await run(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`steady: cannot start (${String(e?.message ?? e).split('\n')[0]})\n`);
  process.exitCode = 2;
}
