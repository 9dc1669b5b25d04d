export { createLinter, MAX_LINT_CHARS, type Linter } from './linter';
export { validatePack, PackError } from './pack';
export { setBuiltinPack, builtinPack, type BuiltinPack } from './builtin';
export { buildBuiltinPack } from './rule-files';
export { applyRewrite, applyFindingRewrite, rewriteSpan, placeholdersIn, contentEnd, previewRewrite, rewriteLabel, type RewritePreview } from './rewrite';
export * from './types';
