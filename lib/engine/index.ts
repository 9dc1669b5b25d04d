export { createLinter, MAX_LINT_CHARS, type Linter } from './linter';
export { validatePack, PackError } from './pack';
export { setBuiltinPack, builtinPack, type BuiltinPack } from './builtin';
export { buildBuiltinPack } from './rule-files';
export * from './types';
