import type { Page } from 'playwright-core';

/**
 * Press a caret key (Ctrl+End, Home …) and wait until the caret has stayed put, as a person
 * looks before typing. Rich editors pick up the new caret from the asynchronous
 * `selectionchange`, and CKEditor 5 re-renders its own caret a moment after it is focused (as
 * after a card action), which can put back where the caret was. Ctrl+End and Ctrl+Home are
 * pressed again until the caret is where they send it.
 */
export async function moveCaret(page: Page, key: string): Promise<void> {
  const edge: 'start' | 'end' | null = key === 'Control+End' ? 'end' : key === 'Control+Home' ? 'start' : null;
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.keyboard.press(key);
    if (await page.evaluate<boolean, 'start' | 'end' | null>(settledAt, edge)) return;
  }
  throw new Error(`${key} did not keep the caret at the ${edge} of the reply`);
}

/** Runs in the page: waits until the selection is unchanged for 150 ms, then says whether it sits at `edge`. */
async function settledAt(edge: 'start' | 'end' | null): Promise<boolean> {
  // The focused editor's tree: into iframes (classic editors) and open shadow roots (web components).
  type Tree = Document | (ShadowRoot & { getSelection(): Selection | null });
  const focusedTree = (): Tree => {
    let tree: Tree = document;
    for (;;) {
      const active: Element | null = tree.activeElement;
      if (active instanceof HTMLIFrameElement && active.contentDocument) tree = active.contentDocument;
      else if (active?.shadowRoot?.activeElement) tree = active.shadowRoot as Tree;
      else return tree;
    }
  };
  const where = (): unknown[] => {
    const doc = focusedTree();
    const field = doc.activeElement;
    if (field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement) return [field, field.selectionStart, field.selectionEnd];
    const s = doc.getSelection();
    return [s?.anchorNode, s?.anchorOffset, s?.focusNode, s?.focusOffset];
  };
  const tick = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 25)));
  let last = where();
  let since = performance.now();
  for (const started = performance.now(); performance.now() - started < 3_000; ) {
    await tick();
    const now = where();
    if (now.some((value, i) => value !== last[i])) {
      last = now;
      since = performance.now();
    } else if (performance.now() - since >= 150) break;
  }
  if (!edge) return true;
  const doc = focusedTree();
  const field = doc.activeElement;
  if (field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement) {
    return edge === 'end' ? field.selectionStart === field.value.length : field.selectionEnd === 0;
  }
  const s = doc.getSelection();
  const editable = field instanceof HTMLElement && field.isContentEditable ? field : null;
  if (!s?.rangeCount || !editable || !s.isCollapsed) return false;
  // No text between the caret and that edge of the reply.
  const rest = editable.ownerDocument.createRange();
  rest.selectNodeContents(editable);
  if (edge === 'end') rest.setStart(s.focusNode!, s.focusOffset);
  else rest.setEnd(s.focusNode!, s.focusOffset);
  return rest.toString().trim() === '';
}
