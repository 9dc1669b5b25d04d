/** A short notice at the bottom of the page with an Undo button (after turning a rule off or pausing a site). */
export interface ToastProps {
  message: string;
  onUndo(): void;
  onDismiss(): void;
}

export function Toast({ message, onUndo, onDismiss }: ToastProps) {
  return (
    <div class="toast" role="status" aria-live="polite">
      <span class="message">{message}</span>
      <button type="button" class="undo" onClick={onUndo}>
        Undo
      </button>
      <button type="button" class="dismiss" onClick={onDismiss} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}

export const TOAST_CSS = `
.toast { display: flex; align-items: center; gap: 10px; padding: 10px 12px 10px 16px; background: #1f2328; color: #fff; border-radius: 8px;
  box-shadow: 0 6px 20px rgba(0,0,0,.3); font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; max-width: min(480px, calc(100vw - 32px)); }
.message { flex: 1; }
button { font: inherit; cursor: pointer; border-radius: 6px; }
.undo { background: none; border: 1px solid #8ab4ff; color: #8ab4ff; font-weight: 600; padding: 3px 10px; }
.undo:hover { background: rgba(138,180,255,.15); }
.dismiss { background: none; border: none; color: #c9d1d9; font-size: 16px; line-height: 1; padding: 2px 6px; }
button:focus-visible { outline: 2px solid #8ab4ff; outline-offset: 2px; }
`;
