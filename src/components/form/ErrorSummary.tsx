import type { Ref } from 'preact';

/**
 * Error summary (GOV.UK's pattern), first in <main> when a form comes back with problems.
 *
 * Must, for a user: take focus when the page loads, so a screen reader reads the problems first
 * and a keyboard user starts from them (autofocus on the container: no script needed); list
 * every problem in the order of the fields, each a link that moves to its field.
 * Proved by: the journey tests (tests/browser/journeys/applicant-errors.test.ts) — focus on the
 * summary after a failed post, JavaScript on and off; each link focuses its field; axe on every
 * error state.
 *
 * role="alert" sits on an inner element, not on the focused container: govuk-frontend found that
 * with both on one element, focusing it races the alert, and screen readers (NVDA, JAWS,
 * VoiceOver in their testing) can miss part of the announcement. Not re-tested here with a
 * screen reader; the markup follows theirs.
 */
export interface ErrorSummaryProps {
  title: string;
  description?: string | undefined;
  errors: { href: string; text: string }[];
  /** In an island, the summary appears after a submit in the page: the island focuses it (autofocus only works on load). */
  containerRef?: Ref<HTMLDivElement> | undefined;
}

export default function ErrorSummary({ title, description, errors, containerRef }: ErrorSummaryProps) {
  if (errors.length === 0 && !description) return null;
  return (
    <div class="error-summary" tabIndex={-1} autofocus aria-labelledby="error-summary-title" ref={containerRef}>
      <div role="alert">
        <h2 id="error-summary-title">{title}</h2>
        {description && <p>{description}</p>}
        {errors.length > 0 && (
          <ul>
            {errors.map((e) => <li><a href={e.href}>{e.text}</a></li>)}
          </ul>
        )}
      </div>
    </div>
  );
}
