/** Accessible tab strip (WAI-ARIA tabs pattern: arrow keys move between tabs). */
import type { ComponentChildren } from 'preact';

export interface TabDef<T extends string> {
  id: T;
  label: string;
}

export function Tabs<T extends string>({ tabs, current, onSelect, children }: { tabs: readonly TabDef<T>[]; current: T; onSelect: (id: T) => void; children: ComponentChildren }) {
  const onKeyDown = (e: KeyboardEvent) => {
    const i = tabs.findIndex((t) => t.id === current);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = tabs[(i + step + tabs.length) % tabs.length];
    onSelect(next.id);
    (e.currentTarget as HTMLElement).querySelector<HTMLElement>(`#tab-${next.id}`)?.focus();
  };
  return (
    <>
      <div role="tablist" class="tabs" onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button key={t.id} id={`tab-${t.id}`} role="tab" type="button" aria-selected={t.id === current} aria-controls={`panel-${t.id}`} tabIndex={t.id === current ? 0 : -1} onClick={() => onSelect(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      <section id={`panel-${current}`} role="tabpanel" aria-labelledby={`tab-${current}`} class="tab-panel">
        {children}
      </section>
    </>
  );
}
