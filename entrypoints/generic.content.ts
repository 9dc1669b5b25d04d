/**
 * The content script for sites the agent enables at runtime (generic mode,
 * registered by lib/settings/site-access.ts; never in the manifest). It carries
 * the rule engine, coach and conversation reader itself: the extension's
 * web-accessible modules are only exposed to the built-in helpdesks' hosts.
 */
import pack from 'virtual:steady-rules-lean';
import { createCoachModule } from './coach';
import { startReader } from './conversation-reader';
import { runSteady } from './content/run-steady';

export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_idle',
  main(ctx) {
    runSteady(ctx, { coach: async () => createCoachModule(pack), reader: async () => startReader });
  },
});
