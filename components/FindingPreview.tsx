/** A glance at a finding while the pointer rests on its underline: what it is and the first rewrite. The card has the rest. */
import type { Severity } from '../lib/engine/types';
import { SEVERITY_LABEL_CSS } from './severity';

export interface FindingPreviewProps {
  /** The rule's human name. */
  title: string;
  severity: Severity;
  /** The first rewrite; the finding's message when it has none. */
  rewrite?: string;
  message: string;
}

const SEVERITY_WORDS: Record<Severity, string> = { problem: 'Problem', warning: 'Warning', suggestion: 'Suggestion' };

export function FindingPreview({ title, severity, rewrite, message }: FindingPreviewProps) {
  return (
    <div class="preview" role="tooltip">
      <div class="head">
        <span class={`severity ${severity}`}>{SEVERITY_WORDS[severity]}</span>
        <span class="title">{title}</span>
      </div>
      {rewrite ? <p class="rewrite">Try: “{rewrite}”</p> : <p class="why">{message}</p>}
      <p class="hint">Click the phrase for more</p>
    </div>
  );
}

export const FINDING_PREVIEW_CSS = `
.preview { box-sizing: border-box; max-width: min(300px, calc(100vw - 16px)); padding: 7px 10px; background: #fff; color: #1f2328; pointer-events: none;
  border: 1px solid #d0d7de; border-radius: 8px; box-shadow: 0 4px 14px rgba(0,0,0,.18); font: 12px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; }
.head { display: flex; gap: 6px; align-items: baseline; }
.severity { font-size: 10px; font-weight: 700; letter-spacing: .04em; text-transform: uppercase; padding: 0 5px; border-radius: 4px; color: #fff; }
${SEVERITY_LABEL_CSS}
.title { font-weight: 600; }
.rewrite, .why { margin: 4px 0 0; }
.rewrite { color: #0f5132; }
.hint { margin: 3px 0 0; font-size: 11px; color: #57606a; }
`;
