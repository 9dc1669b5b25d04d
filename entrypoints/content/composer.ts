/** Which element the agent is writing in. Read-only: never touches the editor. */

export type Composer = HTMLTextAreaElement | HTMLElement;

/** The composer an event came from: a textarea, or the outermost editable element of a contenteditable editor. */
export function composerOf(target: EventTarget | null): Composer | undefined {
  if (target instanceof HTMLTextAreaElement) return target.readOnly || target.disabled ? undefined : target;
  if (!(target instanceof HTMLElement) || !target.isContentEditable) return undefined;
  let root = target;
  while (root.parentElement?.isContentEditable) root = root.parentElement;
  return root;
}

/**
 * The editable body of the same-origin iframe that has focus (an editor in
 * classic mode), for requests that reach the top page only (inserting a
 * script line from the panel).
 */
export function focusedFrameComposer(doc: Document = document): HTMLElement | undefined {
  const active = doc.activeElement;
  if (active?.tagName !== 'IFRAME') return undefined;
  let inner: Document | null = null;
  try {
    inner = (active as HTMLIFrameElement).contentDocument;
  } catch {
    return undefined;
  }
  const body = inner?.body;
  if (!inner || !body) return undefined;
  if (inner.designMode === 'on') return body;
  const editable = inner.activeElement instanceof inner.defaultView!.HTMLElement && inner.activeElement.isContentEditable ? inner.activeElement : body.isContentEditable ? body : undefined;
  if (!editable) return focusedFrameComposer(inner);
  let root = editable;
  while (root.parentElement?.isContentEditable) root = root.parentElement;
  return root;
}
