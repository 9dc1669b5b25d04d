/** A small pill on the composer's corner: how many suggestions are open. */
export interface ComposerBadgeProps {
  count: number;
  onOpen(): void;
}

export function ComposerBadge({ count, onOpen }: ComposerBadgeProps) {
  if (count === 0) return null;
  const text = `${count} suggestion${count === 1 ? '' : 's'}`;
  return (
    <button type="button" class="badge" aria-label={`Steady: ${text}. Open the first one`} title={text} onClick={onOpen}>
      {count}
    </button>
  );
}

export const COMPOSER_BADGE_CSS = `
.badge { pointer-events: auto; min-width: 22px; height: 22px; padding: 0 6px; border-radius: 11px; border: none; cursor: pointer;
  background: #c5221f; color: #fff; font: 600 12px/22px system-ui, -apple-system, "Segoe UI", sans-serif; box-shadow: 0 1px 3px rgba(0,0,0,.3); }
.badge:focus-visible { outline: 2px solid #1a73e8; outline-offset: 2px; }
`;
