/**
 * A composer can sit in a web component's open shadow root (design systems such as Salesforce's and
 * Freshworks'). There the document's active element and selection name the component's host, not the
 * editor inside it: these read them from the composer's own tree, the document or the shadow root.
 */

/** The document or shadow root `node` is in; null for a node in neither (detached). */
function treeOf(node: Node): Document | ShadowRoot | null {
  const root = node.getRootNode();
  return 'activeElement' in root ? (root as Document | ShadowRoot) : null;
}

/** Whether focus is on `el` or inside it, in its own tree. */
export function hasFocusWithin(el: Element): boolean {
  const active = treeOf(el)?.activeElement;
  return !!active && (active === el || el.contains(active));
}

/**
 * The selection as `node`'s tree sees it. Chromium's document selection shows a selection inside a
 * shadow root as the host; the root's own getSelection() shows the nodes inside.
 */
export function selectionAt(node: Node): Selection | null {
  const tree = treeOf(node) as (Document | (ShadowRoot & { getSelection?(): Selection | null })) | null;
  if (tree && typeof tree.getSelection === 'function') return tree.getSelection();
  return node.ownerDocument?.getSelection() ?? null;
}

/** The focused element, looked for inside open shadow roots too. */
export function deepActiveElement(doc: Document): Element | null {
  let el = doc.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}
