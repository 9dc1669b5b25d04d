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
