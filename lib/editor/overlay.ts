/**
 * Where the card and badge of a composer go. A composer inside an iframe
 * (TinyMCE and CKEditor 4 in classic mode: an about:blank / srcdoc body) would
 * clip them to the frame, so they go into the topmost same-origin document
 * above it, with the frame's screen boxes translated into that document.
 */
export interface Overlay {
  doc: Document;
  /** The outermost iframe element between the composer's document and `doc`; null when they are the same. */
  frame: Element | null;
  /** A box in the composer's viewport, as a box in the overlay document's viewport. */
  toOverlay(rect: DOMRect): DOMRect;
  /** The composer's box in the overlay document; an iframe editor's body is the whole frame the agent sees. */
  boxOf(composer: Element): DOMRect;
}

/** The iframe element that holds `doc`, when its parent document is reachable (same origin). */
function frameOf(doc: Document): Element | null {
  try {
    const frame = doc.defaultView?.frameElement ?? null;
    // Reading the parent document throws or yields null across origins.
    return frame?.ownerDocument?.documentElement ? frame : null;
  } catch {
    return null;
  }
}

export function overlayFor(doc: Document): Overlay {
  const frames: Element[] = [];
  let top = doc;
  for (let frame = frameOf(top); frame; frame = frameOf(top)) {
    frames.push(frame);
    top = frame.ownerDocument;
  }
  const toOverlay = (rect: DOMRect) => {
    let { left, top: y } = rect;
    for (const frame of frames) {
      const box = frame.getBoundingClientRect();
      const style = frame.ownerDocument.defaultView!.getComputedStyle(frame);
      left += box.left + frame.clientLeft + Number.parseFloat(style.paddingLeft || '0');
      y += box.top + frame.clientTop + Number.parseFloat(style.paddingTop || '0');
    }
    return new DOMRect(left, y, rect.width, rect.height);
  };
  return {
    doc: top,
    frame: frames[frames.length - 1] ?? null,
    toOverlay,
    boxOf(composer) {
      const win = doc.defaultView!;
      const box = frames.length && composer === doc.body ? new DOMRect(0, 0, win.innerWidth, win.innerHeight) : composer.getBoundingClientRect();
      return toOverlay(box);
    },
  };
}
