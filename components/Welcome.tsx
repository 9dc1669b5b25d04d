/** The first-run page: what Steady does, how to open it, the privacy promise, where to try it. Props only. */
export interface WelcomeProps {
  /** The keyboard shortcut for the side panel, as the browser has it (absent when none is set). */
  shortcut?: string;
  /** The local demo's start page, when Steady runs in `npm start`. */
  demoUrl?: string;
  onOpenSettings: () => void;
}

export function Welcome({ shortcut, demoUrl, onOpenSettings }: WelcomeProps) {
  return (
    <main class="welcome">
      <h1>Welcome to Steady</h1>
      <p class="lead">Steady coaches your support replies while you write them, right in the helpdesk you already use.</p>

      <h2>What it does</h2>
      <ul>
        <li>
          <strong>Checks your draft as you type.</strong> Phrases that tend to make an upset customer angrier (“calm down”, “that is our policy”, “I guarantee
          it's fixed today”) get an underline; click it for a better way to say it, applied in one click.
        </li>
        <li>
          <strong>Reads the conversation.</strong> The side panel shows how the customer feels, message by message, what set them off, and a checklist before you send.
        </li>
        <li>
          <strong>Helps you decide.</strong> Scripts for hard moments (refunds, delays, cancellations), a decision map per ticket and a short review after it.
        </li>
      </ul>
      <p>
        It works in <strong>Zendesk, Intercom, Freshdesk, Help Scout, HubSpot</strong> and <strong>Gmail</strong>. Another helpdesk on its own domain?{' '}
        <button type="button" class="link" onClick={onOpenSettings}>
          Add it in the settings
        </button>
        .
      </p>

      <h2>Open the side panel</h2>
      <ul>
        <li>
          Press <kbd data-testid="shortcut">{shortcut ?? 'Alt+Shift+S'}</kbd>
          {!shortcut && ' (set it at chrome://extensions/shortcuts if your browser has not)'}, or click the Steady button in the toolbar.
        </li>
        <li>
          <strong>Pin the button</strong> so it is always there: click the puzzle-piece <em>Extensions</em> icon at the right of the address bar, then the pin
          next to <em>Steady</em>.
        </li>
      </ul>

      <h2>Private by design</h2>
      <p>
        Everything stays in this browser. Steady makes no network requests at all: your tickets, drafts, decision maps and coaching figures never leave your
        device, and you can export or delete them at any time.
      </p>

      <h2>Try it</h2>
      {demoUrl ? (
        <p>
          <a href={demoUrl}>Open the demo helpdesk pages</a> and write a reply in any of them.
        </p>
      ) : (
        <p>
          Open a ticket in your helpdesk and start a reply. To try Steady on practice tickets first, run <code>npm start</code> in Steady's source folder: it opens
          a demo browser with sample Zendesk, Intercom, Freshdesk, Help Scout, HubSpot and Gmail tickets.
        </p>
      )}
    </main>
  );
}
