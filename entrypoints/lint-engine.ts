/**
 * The rule engine with the built-in pack, loaded by the content script with
 * import() when an agent first types in a composer (see wxt.config.ts).
 * The module's default export is the ready linter.
 */
import pack from 'virtual:steady-rules';
import { createLinter, setBuiltinPack } from '@/lib/engine';

export default defineUnlistedScript(() => {
  setBuiltinPack(pack);
  return createLinter();
});
