/** An editable list, item by item: edit in place, remove, add; children (suggestions) below. */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

export interface ListFieldProps {
  id: string;
  label: string;
  items: readonly string[];
  onChange: (items: string[]) => void;
  children?: ComponentChildren;
}

export function ListField({ id, label, items, onChange, children }: ListFieldProps) {
  const [draft, setDraft] = useState('');
  const add = (text: string) => {
    const value = text.trim();
    if (value && !items.includes(value)) onChange([...items, value]);
  };
  return (
    <fieldset class="list-field" aria-labelledby={`${id}-label`}>
      <legend id={`${id}-label`}>{label}</legend>
      <ul>
        {items.map((item, i) => (
          <li key={i}>
            <input
              aria-label={`${label} ${i + 1}`}
              value={item}
              onInput={(e) => onChange(items.map((x, j) => (j === i ? (e.currentTarget as HTMLInputElement).value : x)))}
            />
            <button type="button" class="icon" aria-label={`Remove ${label.toLowerCase()} ${i + 1}`} onClick={() => onChange(items.filter((_, j) => j !== i))}>
              ×
            </button>
          </li>
        ))}
      </ul>
      {children}
      <form
        class="add"
        onSubmit={(e) => {
          e.preventDefault();
          add(draft);
          setDraft('');
        }}
      >
        <input aria-label={`Add to ${label.toLowerCase()}`} placeholder="Add…" value={draft} onInput={(e) => setDraft((e.currentTarget as HTMLInputElement).value)} />
        <button type="submit">Add</button>
      </form>
    </fieldset>
  );
}
