/** The scenario script library: search, read, insert into the draft, copy. */
import type { Script } from '../../lib/scripts/library';

export interface ScriptLine {
  text: string;
  /** Placeholders still to fill, e.g. "date". */
  open: readonly string[];
  /** When to use the line ("If it continues"): shown, never inserted. */
  guidance?: string;
}

export interface ScriptLibraryProps {
  query: string;
  onQuery: (q: string) => void;
  /** `avoid`: the kinds of phrase to steer clear of, by name with an example. */
  results: readonly { script: Script; lines: readonly ScriptLine[]; suggested: boolean; avoid: readonly { name: string; example?: string }[] }[];
  focusedId?: string;
  onInsert: (text: string) => void;
  onCopy: (text: string) => void;
  canInsert: boolean;
}

export function ScriptLibrary({ query, onQuery, results, focusedId, onInsert, onCopy, canInsert }: ScriptLibraryProps) {
  return (
    <div class="scripts">
      <label class="search">
        <span>Search scripts</span>
        <input type="search" value={query} onInput={(e) => onQuery((e.currentTarget as HTMLInputElement).value)} placeholder="refund, leaving, rude…" />
      </label>
      {results.length === 0 && <p class="muted">No script matches “{query}”.</p>}
      {results.map(({ script, lines, suggested, avoid }) => (
        <article key={script.id} id={`script-${script.id}`} class={`script${script.id === focusedId ? ' focused' : ''}`} aria-labelledby={`script-title-${script.id}`}>
          <h3 id={`script-title-${script.id}`}>
            {script.title} {suggested && <span class="tag">Suggested</span>}
          </h3>
          <p class="when">
            <strong>When:</strong> {script.when}
          </p>
          <ol class="lines">
            {lines.map((line, i) => (
              <li key={i}>
                {line.guidance && <p class="guidance">{line.guidance}:</p>}
                <p class="line">{withPlaceholders(line.text)}</p>
                <div class="actions">
                  <button type="button" onClick={() => onInsert(line.text)} disabled={!canInsert} title={canInsert ? 'Insert at the caret in the reply' : 'Open a ticket with a reply box to insert'}>
                    Insert
                  </button>
                  <button type="button" onClick={() => onCopy(line.text)}>
                    Copy
                  </button>
                </div>
              </li>
            ))}
          </ol>
          <p class="why">
            <strong>Why it works:</strong> {script.why}
          </p>
          <div class="avoid">
            <strong>Avoid:</strong>
            <ul>
              {avoid.map((a) => (
                <li key={a.name}>
                  {a.name}
                  {a.example && <span class="muted"> (“{a.example.replace(/[.!?]$/, '')}”)</span>}
                </li>
              ))}
            </ul>
          </div>
        </article>
      ))}
    </div>
  );
}

/** Render [placeholders] as highlighted marks (text only, never HTML). */
function withPlaceholders(text: string) {
  return text.split(/(\[[^\]]+\])/).map((part, i) => (part.startsWith('[') && part.endsWith(']') ? <mark key={i} class="placeholder">{part}</mark> : part));
}
