/**
 * The inline coach for one composer: re-lints the draft as the agent types,
 * underlines findings, opens the suggestion card (click on an underline,
 * Ctrl+. / Cmd+. at a finding, or the badge) and applies rewrites. Every
 * handler is guarded: nothing thrown here may reach the host page.
 */
import type { Finding } from '../engine/types';
import type { FindingAction, FindingRef, InsertResult } from '../messages';
import { categoryName, ruleName } from '../engine/names';
import { readDraft as readComposer, isTextField, type Composer } from './text-map';
import { afterUndoGrouping, applyRewrite } from './apply';
import { insertAtCaret } from './insert';
import { isUndoKey, undoFilingDelay, undoOnce } from './history';
import { editorKindOf } from './kind';
import { undoIsSafe, UNDO_WARNING, type UndoObserved } from './undo';
import { previewRewrite, rewriteLabel, rewriteSpan } from '../engine/rewrite';
import { createHighlightLayer, supportsHighlights } from './highlights';
import { createMirrorLayer } from './mirror';
import { markAt, type UnderlineLayer } from './underlines';
import { createBadgeView, createCardView, createPreviewView } from './card';
import { trackBox, zIndexAbove } from './track';
import { overlayFor } from './overlay';
import { hasFocusWithin } from './tree';

export type OpenedVia = 'click' | 'keyboard' | 'badge';

export type CoachEvent =
  /** A lint finished: how many findings are shown, and the draft text it read. */
  | { type: 'findings'; count: number; text: string }
  | { type: 'card-opened'; ruleId: string; via: OpenedVia }
  | { type: 'applied'; ruleId: string; rewrite: number }
  /** `restored`: a wrong edit was taken back by the editor's undo (true), or could not be (false); absent when nothing was changed. */
  | { type: 'apply-failed'; ruleId: string; reason: string; restored?: boolean }
  | { type: 'ignored'; ruleId: string }
  | { type: 'rule-off'; ruleId: string }
  | { type: 'error'; message: string };

export interface CoachDeps {
  lint(text: string): Finding[];
  /** CSS selector of parts of the composer that are not the agent's draft (quoted history, signature); never linted. */
  skip?: string;
  onOpenScript?(scriptId: string): void;
  onRuleOff?(ruleId: string): void;
  /** "Pause Steady on this site" from the card. */
  onPauseSite?(): void;
  onEvent?(event: CoachEvent): void;
  /** When the agent last typed before this coach was attached (it loads after the first keys): its undo grouping may still be open. */
  editedAt?: number;
}

export interface Coach {
  /** Re-read and re-lint now (e.g. after settings or the conversation context changed). */
  refresh(): void;
  /** Re-read and re-lint once the agent pauses (the page may have changed the draft without an input event). */
  refreshSoon(): void;
  /**
   * The saved settings changed: the linter now decides which rules are off, so
   * rules turned off from this card are no longer hidden here (turning one back on shows it again).
   */
  settingsChanged(): void;
  /** Findings currently underlined. */
  findings(): readonly ShownFinding[];
  /** Whether one Ctrl+Z is known to undo exactly a rewrite in this composer; if not, the card warns before the agent applies one. */
  undoSafe(): boolean;
  /**
   * Act on a finding from outside the page (the side panel): select its phrase,
   * apply a rewrite or ignore it. False when the draft no longer has it.
   */
  act(ref: FindingRef, action: FindingAction): boolean;
  /** Insert a line (a script line from the panel) at the caret, as its own undo step after what the agent typed. */
  insert(line: string): Promise<InsertResult>;
  detach(): void;
}

export interface ShownFinding extends Finding {
  /** The draft text the finding covers. */
  phrase: string;
  /** What its rewrites replace: the phrase, or the wider clause or sentence of its slot. */
  target: { start: number; end: number; phrase: string };
}

/**
 * `f` as shown in `text`. Its target (the span its rewrites replace) is worked out when first read, so
 * the engine fits rewrites only for the findings the agent opens, previews or the panel lists.
 */
function shownFinding(f: Finding, text: string): ShownFinding {
  const { start, end } = f;
  let target: ShownFinding['target'] | undefined;
  return Object.defineProperties(f as ShownFinding, {
    phrase: { value: text.slice(start, end), enumerable: true, writable: true, configurable: true },
    target: {
      enumerable: true,
      configurable: true,
      get: () => {
        if (!target) {
          const span = rewriteSpan({ start, end, replace: f.replace });
          target = { ...span, phrase: text.slice(span.start, span.end) };
        }
        return target;
      },
    },
  });
}

/** Lint after the agent pauses this long; typing never waits for it. */
const LINT_DELAY_MS = 60;
/** The pointer rests on an underline this long before its preview shows: passing over text shows nothing. */
const PREVIEW_DELAY_MS = 400;

const isMac = (win: Window) => /Mac|iPhone|iPad/.test(win.navigator.platform);
const occurrenceKey = (f: { ruleId: string; phrase: string }) => `${f.ruleId}\u0000${f.phrase.toLowerCase()}`;

export function attachCoach(composer: Composer, deps: CoachDeps): Coach {
  const doc = composer.ownerDocument;
  const win = doc.defaultView!;
  const report = (event: CoachEvent) => {
    try {
      deps.onEvent?.(event);
    } catch {
      // A failing listener must not stop coaching.
    }
  };
  const guard = <A extends unknown[]>(fn: (...args: A) => void) => (...args: A) => {
    try {
      fn(...args);
    } catch (e) {
      report({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };

  const readDraft = (el: Composer) => readComposer(el, { skip: deps.skip });
  const layer: UnderlineLayer = isTextField(composer) || !supportsHighlights(doc)
    ? createMirrorLayer(composer as HTMLTextAreaElement)
    : createHighlightLayer(doc, composer, () => (drafted ?? readDraft(composer)).toRange);
  // In an iframe editor the card and badge go over the frame, in the page, where they are not clipped.
  const overlay = overlayFor(doc);
  const card = createCardView(overlay.doc);
  const badge = createBadgeView(overlay.doc);
  const preview = createPreviewView(overlay.doc);
  const ignored = new Set<string>();
  const rulesOff = new Set<string>();
  let shown: ShownFinding[] = [];
  /** The open card: its finding as shown, the draft it was opened on, and where the caret goes back to. */
  let open: { index: number; finding: ShownFinding; text: string; returnTo: { start: number; end: number } | null } | null = null;
  let lastSelection: { start: number; end: number } | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let applying = false;
  const editor = editorKindOf(composer);
  /** What the agent's own Ctrl+Z did here: a page's own history, or the browser's undo seen working. */
  const undoObserved: UndoObserved = { pageHandledUndo: false, nativeUndoWorked: false };
  const undoSafe = () => undoIsSafe(editor, undoObserved);
  /** When the agent last typed (a trusted beforeinput; our own caret moves and DOM repaints do not count). */
  let lastEditAt = deps.editedAt ?? 0;
  /** When the agent last pressed a key in the composer (typing, or moving the caret with Ctrl+End, arrows…). */
  let lastKeyAt = 0;
  /** When Steady last edited the draft (a rewrite or an inserted line landed). */
  let steadyEditAt = -Infinity;
  /** The agent's Ctrl+Z presses held until the editor filed Steady's edit as an undo step (Jodit files late). */
  let heldUndos = 0;
  /** The draft lint() just read, so drawing its underlines does not read the editor again. */
  let drafted: ReturnType<typeof readDraft> | null = null;
  /** The composer's stacking level changes rarely; looked up at most once a second. */
  let zIndex = { value: 0, at: -Infinity };
  /** The underline under the pointer (its preview shows after PREVIEW_DELAY_MS), and where the pointer last was. */
  let hovered: number | null = null;
  let hoverTimer: ReturnType<typeof setTimeout> | undefined;
  let pointer: { x: number; y: number } | null = null;
  let hoverFrame = 0;

  const lint = () => {
    clearTimeout(timer);
    timer = undefined;
    // Indices are about to change: the preview goes until the pointer moves again.
    stopPreview();
    const draft = readDraft(composer);
    shown = deps
      .lint(draft.text)
      .map((f) => shownFinding(f, draft.text))
      .filter((f) => f.end > f.start && !ignored.has(occurrenceKey(f)) && !rulesOff.has(f.ruleId))
      .sort((a, b) => a.start - b.start || b.end - a.end);
    drafted = draft;
    try {
      layer.render(shown);
    } finally {
      drafted = null;
    }
    updateBadge();
    report({ type: 'findings', count: shown.length, text: draft.text });
    if (open) {
      // Keep the card on the same finding while the agent types elsewhere; close it when the phrase is gone.
      // A re-lint of the very draft the card opened on (the customer's mood arrived, settings changed) leaves it open.
      const previous = open.finding;
      const same = shown.findIndex((f) => occurrenceKey(f) === occurrenceKey(previous));
      if (same >= 0) {
        open.index = same;
        open.finding = shown[same];
        layer.setActive(same);
        card.place(anchorOf(same));
      } else if (draft.text !== open.text) closeCard(false);
    }
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(guard(lint), LINT_DELAY_MS);
  };

  const updateBadge = () => {
    const now = win.performance.now();
    if (now - zIndex.at > 1_000) zIndex = { value: zIndexAbove(overlay.frame ?? composer) + 1, at: now };
    const counts = { problem: 0, warning: 0, suggestion: 0 };
    for (const f of shown) counts[f.severity]++;
    badge.update({ counts, onOpen: guard(() => openCard(0, 'badge')) }, overlay.boxOf(composer), zIndex.value);
  };

  /** Where the card goes: by the phrase, or by the composer when the phrase is scrolled out of view. */
  const anchorOf = (index: number) => {
    const rects = layer.rectsOf(index);
    return (rects.length ? rects : [composer.getBoundingClientRect()]).map(overlay.toOverlay);
  };

  const restoreCaret = (at: { start: number; end: number } | null) => {
    composer.focus({ preventScroll: true });
    if (at) readDraft(composer).select(at.start, at.end);
  };

  const stopPreview = () => {
    clearTimeout(hoverTimer);
    hovered = null;
    preview.hide();
  };

  /** Which underline the pointer rests on, from the underlines' screen boxes (highlights have no elements to hover). */
  const checkHover = () => {
    hoverFrame = 0;
    const index = pointer && !open ? markAt(layer, shown.length, pointer.x, pointer.y) : null;
    if (index === hovered) return;
    stopPreview();
    if (index === null) return;
    hovered = index;
    hoverTimer = setTimeout(
      guard(() => {
        const finding = shown[index];
        if (hovered !== index || open || !finding) return;
        preview.show(
          { title: ruleName(finding.ruleId), severity: finding.severity, rewrite: finding.rewrites[0], message: finding.message },
          anchorOf(index),
        );
      }),
      PREVIEW_DELAY_MS,
    );
  };

  const closeCard = (returnFocus: boolean) => {
    if (!open) return;
    const returnTo = open.returnTo;
    open = null;
    card.hide();
    layer.setActive(null);
    if (returnFocus) restoreCaret(returnTo);
  };

  const openCard = (index: number, via: OpenedVia) => {
    const finding = shown[index];
    if (!finding) return;
    const focused = hasFocusWithin(composer);
    const draft = readDraft(composer);
    open = { index, finding, text: draft.text, returnTo: (focused ? draft.selection() : null) ?? lastSelection };
    stopPreview();
    layer.setActive(index);
    const span = rewriteSpan(finding);
    const replaced = draft.text.slice(span.start, span.end);
    card.show(
      {
        category: categoryName(finding.category),
        title: ruleName(finding.ruleId),
        message: finding.message,
        phrase: finding.phrase,
        severity: finding.severity,
        rewrites: finding.rewrites.slice(0, 3),
        previews: finding.rewrites.slice(0, 3).map((_, i) => previewRewrite(draft.text, finding, i)),
        labels: finding.rewrites.slice(0, 3).map((rewrite) => rewriteLabel(rewrite, replaced)),
        autoFocus: via !== 'click',
        hasScript: !!finding.script && !!deps.onOpenScript,
        ...(undoSafe() ? {} : { undoWarning: UNDO_WARNING }),
        onApply: (i) => void applyFinding(finding, i),
        onIgnore: guard(() => {
          ignored.add(occurrenceKey(finding));
          closeCard(true);
          lint();
          report({ type: 'ignored', ruleId: finding.ruleId });
        }),
        onRuleOff: guard(() => {
          rulesOff.add(finding.ruleId);
          closeCard(true);
          lint();
          deps.onRuleOff?.(finding.ruleId);
          report({ type: 'rule-off', ruleId: finding.ruleId });
        }),
        onOpenScript: guard(() => {
          closeCard(true);
          if (finding.script) deps.onOpenScript?.(finding.script);
        }),
        ...(deps.onPauseSite
          ? {
              onPauseSite: guard(() => {
                closeCard(true);
                deps.onPauseSite?.();
              }),
            }
          : {}),
        onClose: guard(() => closeCard(true)),
        onBackToComposer: guard(() => {
          if (open) restoreCaret(open.returnTo);
        }),
      },
      anchorOf(index),
    );
    report({ type: 'card-opened', ruleId: finding.ruleId, via });
  };

  const insert = async (line: string): Promise<InsertResult> => {
    if (applying) return { ok: false, message: 'Steady is still changing the reply; try again in a moment.' };
    applying = true;
    try {
      const result = await insertAtCaret(composer, line, lastEditAt);
      if (result.ok) steadyEditAt = Date.now();
      return result;
    } finally {
      applying = false;
    }
  };

  const applyFinding = async (finding: ShownFinding, rewriteIndex: number) => {
    if (applying) return;
    applying = true;
    try {
      const returnTo = open?.returnTo ?? null;
      closeCard(true);
      const requestedAt = Date.now();
      // Meanwhile typing goes to the editor.
      await afterUndoGrouping(composer, lastEditAt);
      // The agent typed or moved the caret meanwhile: their caret wins over "after the rewrite".
      const agentActed = () => Math.max(lastEditAt, lastKeyAt) > requestedAt;
      const keepCaret = agentActed();
      // The first placeholder ("[by when]") is selected, so typing fills it; not when the agent has moved on.
      const result = await applyRewrite(composer, finding.target, finding.rewrites[rewriteIndex], { skip: deps.skip, keepCaret, selectPlaceholder: true });
      if (result.ok) {
        steadyEditAt = Date.now();
        report({ type: 'applied', ruleId: finding.ruleId, rewrite: rewriteIndex });
      }
      else {
        if (result.reason === 'mismatch') report({ type: 'apply-failed', ruleId: finding.ruleId, reason: result.reason, restored: result.restored });
        else {
          report({ type: 'apply-failed', ruleId: finding.ruleId, reason: result.reason });
          // Nothing changed; the caret goes back to where the card was opened, unless the agent is typing somewhere already.
          if (!agentActed()) restoreCaret(returnTo);
        }
      }
      lint();
    } catch (e) {
      report({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    } finally {
      applying = false;
    }
  };

  /** The shown finding a panel means: same rule and phrase, the one nearest where it was. */
  const indexOf = (ref: FindingRef) => {
    let best = -1;
    shown.forEach((f, i) => {
      if (f.ruleId !== ref.ruleId || f.phrase !== ref.phrase) return;
      if (best < 0 || Math.abs(f.start - ref.start) < Math.abs(shown[best].start - ref.start)) best = i;
    });
    return best;
  };

  const act = (ref: FindingRef, action: FindingAction): boolean => {
    if (timer !== undefined) lint();
    const index = indexOf(ref);
    const finding = shown[index];
    if (!finding) return false;
    if (action.kind === 'apply') {
      void applyFinding(finding, action.rewrite);
      return true;
    }
    closeCard(false);
    if (action.kind === 'ignore') {
      ignored.add(occurrenceKey(finding));
      lint();
      report({ type: 'ignored', ruleId: finding.ruleId });
      return true;
    }
    composer.focus({ preventScroll: true });
    readDraft(composer).select(finding.start, finding.end);
    const [rect] = layer.rectsOf(index);
    const box = composer.getBoundingClientRect();
    // Bring the phrase into view inside a scrolled composer, then the composer into the page's view.
    if (rect && (rect.top < box.top || rect.bottom > box.bottom)) composer.scrollTop += rect.top - box.top - box.height / 3;
    composer.scrollIntoView({ block: 'nearest' });
    return true;
  };

  const onKeyDown = guard((e: KeyboardEvent) => {
    if (!e.isTrusted) return; // Only the agent's own keys open or close the card.
    lastKeyAt = Date.now();
    if (isUndoKey(e, win)) {
      // An editor that files an edit late (Jodit) would undo the step before Steady's edit: the key waits until it filed it.
      const hold = steadyEditAt + undoFilingDelay(composer) - Date.now();
      if (hold > 0 || heldUndos > 0) {
        e.preventDefault();
        e.stopImmediatePropagation();
        heldUndos += 1;
        if (heldUndos === 1) {
          win.setTimeout(guard(() => {
            const presses = heldUndos;
            heldUndos = 0;
            for (let i = 0; i < presses; i++) undoOnce(composer);
          }), Math.max(0, hold));
        }
        return;
      }
      // Whether the page took the key is known once every listener ran.
      win.setTimeout(() => {
        if (e.defaultPrevented) undoObserved.pageHandledUndo = true;
      }, 0);
      return;
    }
    if (e.key === 'Escape' && open) {
      e.preventDefault();
      e.stopPropagation();
      closeCard(true);
      return;
    }
    // With a card open, the next stop after the composer is the card, not the page's next field.
    if (e.key === 'Tab' && open && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      e.stopPropagation();
      open.returnTo = readDraft(composer).selection() ?? open.returnTo;
      card.focusFirst();
      return;
    }
    const shortcut = (isMac(win) ? e.metaKey : e.ctrlKey) && !e.altKey && !e.shiftKey && (e.key === '.' || e.code === 'Period');
    if (!shortcut) return;
    if (timer !== undefined) lint();
    const caret = readDraft(composer).selection();
    if (!caret) return;
    const index = shown.findIndex((f) => f.start <= caret.start && caret.end <= f.end);
    if (index < 0) return;
    e.preventDefault();
    e.stopPropagation();
    openCard(index, 'keyboard');
  });

  const onClick = guard((e: MouseEvent) => {
    // Editors' history is fed synthetic clicks (history.ts); only the agent's clicks open cards.
    if (!e.isTrusted || e.button !== 0) return;
    const selected = readDraft(composer).selection();
    if (selected && selected.end > selected.start) return;
    const index = markAt(layer, shown.length, e.clientX, e.clientY);
    if (index === null) closeCard(false);
    else openCard(index, 'click');
  });

  // Escape closes the card wherever focus is (the composer and the card handle their own first).
  const onEscapeAnywhere = guard((e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !open) return;
    const inComposer = hasFocusWithin(composer);
    closeCard(inComposer);
  });

  const onPointerDownAnywhere = guard((e: PointerEvent) => {
    if (!open) return;
    const path = e.composedPath();
    if (path.includes(composer) || path.some((t) => card.contains(t) || badge.contains(t))) return;
    closeCard(false);
  });

  const onPointerMove = guard((e: PointerEvent) => {
    if (!e.isTrusted) return;
    pointer = { x: e.clientX, y: e.clientY };
    // At most one hit test per frame, however fast the pointer moves.
    if (!hoverFrame) hoverFrame = win.requestAnimationFrame(guard(checkHover));
  });

  const onPointerLeave = guard(() => {
    pointer = null;
    stopPreview();
  });

  const onFocusOut = guard(() => {
    lastSelection = readDraft(composer).selection() ?? lastSelection;
  });

  const reposition = guard(() => {
    stopPreview();
    updateBadge();
    if (open) card.place(anchorOf(open.index));
  });

  const observer = isTextField(composer) ? null : new win.MutationObserver(guard(schedule));
  observer?.observe(composer, { childList: true, characterData: true, subtree: true });
  const onInput = guard((e: Event) => {
    // While Steady applies, the input is its edit's (or the agent's typing on, which only makes a held Ctrl+Z wait a bit longer).
    if (applying) steadyEditAt = Date.now();
    // Only the agent's Ctrl+Z counts, not the undo Steady runs itself to take back an edit that landed wrong.
    if (e.isTrusted && !applying && (e as InputEvent).inputType === 'historyUndo') undoObserved.nativeUndoWorked = true;
    schedule();
  });
  const onBeforeInput = (e: Event) => {
    if (!e.isTrusted) return;
    lastEditAt = Date.now();
    // A page that cancels the browser's undo (as Lexical does) runs its own.
    if ((e as InputEvent).inputType === 'historyUndo') win.setTimeout(() => {
      if (e.defaultPrevented) undoObserved.pageHandledUndo = true;
    }, 0);
  };
  // One signal removes every listener on detach.
  const listening = new win.AbortController();
  const { signal } = listening;
  composer.addEventListener('input', onInput, { signal });
  composer.addEventListener('beforeinput', onBeforeInput, { signal });
  composer.addEventListener('keydown', onKeyDown, { capture: true, signal });
  composer.addEventListener('click', onClick, { signal });
  composer.addEventListener('focusout', onFocusOut, { signal });
  composer.addEventListener('pointermove', onPointerMove, { passive: true, signal });
  composer.addEventListener('pointerleave', onPointerLeave, { signal });
  doc.addEventListener('pointerdown', onPointerDownAnywhere, { capture: true, signal });
  if (overlay.doc !== doc) overlay.doc.addEventListener('pointerdown', onPointerDownAnywhere, { capture: true, signal });
  doc.addEventListener('keydown', onEscapeAnywhere, { signal });
  const stopTracking = trackBox(composer, reposition);
  const stopTrackingFrame = overlay.frame ? trackBox(overlay.frame, reposition) : () => {};
  guard(lint)();

  return {
    refresh: guard(lint),
    refreshSoon: guard(schedule),
    settingsChanged: guard(() => {
      rulesOff.clear();
      lint();
    }),
    findings: () => shown,
    undoSafe,
    act: (ref, action) => {
      try {
        return act(ref, action);
      } catch (e) {
        report({ type: 'error', message: e instanceof Error ? e.message : String(e) });
        return false;
      }
    },
    insert,
    detach: guard(() => {
      clearTimeout(timer);
      clearTimeout(hoverTimer);
      win.cancelAnimationFrame(hoverFrame);
      observer?.disconnect();
      listening.abort();
      stopTracking();
      stopTrackingFrame();
      layer.destroy();
      card.destroy();
      badge.destroy();
      preview.destroy();
    }),
  };
}
