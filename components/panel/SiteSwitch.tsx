/** This site's coaching state in the panel header, with a pause / resume switch. */
export function SiteSwitch({ host, paused, onToggle }: { host: string; paused: boolean; onToggle: () => void }) {
  return (
    <div class={`site-switch${paused ? ' paused' : ''}`}>
      <button type="button" role="switch" aria-checked={!paused} onClick={onToggle} aria-label={`Coaching on ${host}`}>
        <span class="track" aria-hidden="true">
          <span class="thumb" />
        </span>
        <span class="state" data-testid="site-state">{paused ? `Paused on ${host}` : `On for ${host}`}</span>
      </button>
    </div>
  );
}
