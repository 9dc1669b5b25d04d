/** Attaches the inline coach (lib/editor + engine) to the test page's editor, recording what it reports. */
import { attachCoach, type Coach, type CoachEvent } from '../../lib/editor/coach';
import { readDraft } from '../../lib/editor/text-map';
import { createLinter, setBuiltinPack, type BuiltinPack } from '../../lib/engine';

export interface CoachTestApi {
  coach: Coach;
  events: (CoachEvent | { type: 'open-script'; id: string } | { type: 'rule-off-callback'; id: string })[];
  /** Selection in the composer as draft offsets (null when it is elsewhere). */
  selection(): { start: number; end: number } | null;
  select(start: number, end: number): void;
  draftText(): string;
}

declare global {
  interface Window {
    __readDraft?: typeof readDraft;
    __steadyPack?: BuiltinPack;
    /** `frame`: selector of the iframe whose document holds the composer. */
    __attachCoach?(selector: string, frame?: string): void;
    __coachTest?: CoachTestApi;
  }
}

window.__readDraft = readDraft;

/** The first element matching `selector`, inside open shadow roots too (as Playwright's selectors find it). */
function deepQuery(root: Document | ShadowRoot, selector: string): HTMLElement | null {
  const found = root.querySelector<HTMLElement>(selector);
  if (found) return found;
  for (const el of root.querySelectorAll('*')) {
    const inner = el.shadowRoot && deepQuery(el.shadowRoot, selector);
    if (inner) return inner;
  }
  return null;
}

window.__attachCoach = (selector, frame) => {
  setBuiltinPack(window.__steadyPack!);
  const linter = createLinter();
  const doc = frame ? document.querySelector<HTMLIFrameElement>(frame)!.contentDocument! : document;
  const composer = deepQuery(doc, selector)!;
  const events: CoachTestApi['events'] = [];
  const coach = attachCoach(composer, {
    lint: (text) => linter.lint(text),
    onOpenScript: (id) => events.push({ type: 'open-script', id }),
    onRuleOff: (id) => events.push({ type: 'rule-off-callback', id }),
    onEvent: (e) => events.push(e),
  });
  window.__coachTest = {
    coach,
    events,
    selection: () => readDraft(composer).selection(),
    select: (start, end) => {
      composer.focus();
      readDraft(composer).select(start, end);
    },
    draftText: () => readDraft(composer).text,
  };
};
