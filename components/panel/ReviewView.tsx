/** After the conversation: review questions with pre-filled answers, and the follow-up note. */
import type { ReviewAnswer, FollowUpNote } from '../../lib/review/review';

export interface ReviewViewProps {
  answers: readonly ReviewAnswer[];
  note: FollowUpNote;
  onCopyNote: (text: string) => void;
  onInsertNote?: (text: string) => void;
}

export function ReviewView({ answers, note, onCopyNote, onInsertNote }: ReviewViewProps) {
  return (
    <div class="review">
      <h2>Review</h2>
      <dl>
        {answers.map((a) => (
          <div key={a.id} class="qa" data-question={a.id}>
            <dt>{a.question}</dt>
            <dd class={a.answer ? '' : 'muted'}>{a.answer ?? 'Not enough in this conversation to tell.'}</dd>
          </div>
        ))}
      </dl>
      <h3>Follow-up note</h3>
      <pre class="note" aria-label="Follow-up note">{note.plain}</pre>
      <div class="actions">
        <button type="button" onClick={() => onCopyNote(note.markdown)}>
          Copy follow-up note
        </button>
        {onInsertNote && (
          <button type="button" onClick={() => onInsertNote(note.plain)}>
            Insert as internal note
          </button>
        )}
      </div>
    </div>
  );
}
