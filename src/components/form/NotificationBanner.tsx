import type { ComponentChildren } from 'preact';

/**
 * A banner above the page's content: something went wrong on our side ('problem': the system is
 * unavailable, nothing typed was lost), or something the person needs to know first ('notice').
 *
 * Must, for a user: be announced and focused when it explains why the page came back (a
 * problem: role="alert" inside a focused container, as in ErrorSummary), be plain otherwise,
 * and never be the only place a field's error is said.
 * Proved by: the fault tests (tests/api/*: 503 pages keep every answer) and the journey tests
 * (axe on the unavailable and saved states).
 */
export default function NotificationBanner({ kind, title, children }: { kind: 'problem' | 'notice' | 'success'; title: string; children: ComponentChildren }) {
  if (kind === 'problem') {
    return (
      <div class="banner banner--problem" tabIndex={-1} autofocus aria-labelledby="banner-title">
        <div role="alert">
          <h2 id="banner-title">{title}</h2>
          {children}
        </div>
      </div>
    );
  }
  return (
    <div class={`banner banner--${kind}`} role={kind === 'success' ? 'status' : 'region'} aria-labelledby="banner-title">
      <h2 id="banner-title">{title}</h2>
      {children}
    </div>
  );
}
