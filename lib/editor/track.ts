/**
 * Calls back (once per frame at most) whenever an element may have moved or
 * changed size on screen: page or container scroll, window resize or zoom,
 * element resize, web-font loads.
 */
export function trackBox(target: Element, onChange: () => void): () => void {
  const win = target.ownerDocument.defaultView!;
  let frame = 0;
  const schedule = () => {
    if (frame) return;
    frame = win.requestAnimationFrame(() => {
      frame = 0;
      onChange();
    });
  };
  const resize = new win.ResizeObserver(schedule);
  resize.observe(target);
  win.addEventListener('scroll', schedule, { capture: true, passive: true });
  win.addEventListener('resize', schedule, { passive: true });
  const fonts = target.ownerDocument.fonts;
  fonts?.addEventListener?.('loadingdone', schedule);
  return () => {
    if (frame) win.cancelAnimationFrame(frame);
    resize.disconnect();
    win.removeEventListener('scroll', schedule, { capture: true });
    win.removeEventListener('resize', schedule);
    fonts?.removeEventListener?.('loadingdone', schedule);
  };
}

/** A stacking level just above the element's own, so page popups that cover it also cover our overlay. */
export function zIndexAbove(el: Element): number {
  let top = 0;
  const win = el.ownerDocument.defaultView!;
  for (let node: Element | null = el; node; node = node.parentElement) {
    const z = Number.parseInt(win.getComputedStyle(node).zIndex, 10);
    if (Number.isFinite(z)) top = Math.max(top, z);
  }
  return top + 1;
}
