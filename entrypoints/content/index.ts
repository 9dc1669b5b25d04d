/**
 * Injected into the built-in helpdesks. It stays small: the conversation
 * reader (adapters) is imported once the page is idle, the rule engine and
 * inline coach when the pointer reaches a reply box or on the first edit,
 * through their web-accessible URLs (the manifest limits those to these
 * hosts, see wxt.config.ts).
 */
import type { StartReader } from '../conversation-reader';
import type { CoachModule } from '../coach';
import { HELPDESK_MATCHES } from './helpdesk-matches';
import { runSteady } from './run-steady';
import { importExtensionModule } from '@/lib/extension-module';

export default defineContentScript({
  matches: HELPDESK_MATCHES,
  runAt: 'document_idle',
  // Editors in classic mode (TinyMCE, CKEditor 4) write in an about:blank / srcdoc iframe of the helpdesk's page.
  allFrames: true,
  matchAboutBlank: true,
  matchOriginAsFallback: true,
  main(ctx) {
    const coach = () => {
      // The rule pack is the coach's largest import (megabytes, parsed off the main thread): started with the coach
      // rather than after it, the two parse side by side. A failure surfaces where the coach imports it.
      importExtensionModule('rules-pack').catch(() => undefined);
      return importExtensionModule<CoachModule>('coach');
    };
    runSteady(ctx, { coach, reader: () => importExtensionModule<StartReader>('conversation-reader') });
  },
});
