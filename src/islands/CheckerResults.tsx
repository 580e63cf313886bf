import type { Ref } from 'preact';
import type { Answers } from '../domain/benefits/answers.ts';
import type { BenefitResult } from '../domain/benefits/engine.ts';
import { toCheck, whyLikely, whyNot, type Explaining } from '../domain/benefits/explain.ts';
import type { ResultsView } from '../domain/benefits/results.ts';
import { formatDate } from '../lib/format.ts';
import type { CheckerBenefit, CheckerProps } from './BenefitsChecker.tsx';

/**
 * The checker's results area: rendered by the island on the server (no-JS POST) and in the
 * browser, from the same ResultsView, so both show the same thing.
 */
type Office = CheckerProps['office'];

interface Props {
  view: ResultsView<CheckerBenefit>;
  answers: Answers;
  wording: Explaining;
  office: Office;
  /** 您 or 他（她）. */
  who: string;
  /** Scripts run: the print button works. */
  ready: boolean;
  headingRef: Ref<HTMLHeadingElement>;
}

/** The one-line summary of a view, also what the polite live region announces ('' when nothing to say). */
export function resultsSummary(view: ResultsView<CheckerBenefit>, { say }: Explaining): string {
  switch (view.kind) {
    case 'empty':
      return '';
    case 'blocked':
      return say('checker.resultsBlocked');
    case 'allUnknown':
      return say('checker.resultsAllUnknown', { count: view.unknownCount });
    case 'results':
      return say('checker.summary', { likely: view.likely.length, maybe: view.maybe.length, no: view.no.length });
  }
}

export default function CheckerResults({ view, answers, wording, office, who, ready, headingRef }: Props) {
  const { say } = wording;
  return (
    <section aria-labelledby="results-heading" class="results">
      <h2 id="results-heading" ref={headingRef} tabindex={-1}>{say('checker.resultsHeading')}</h2>
      {view.kind === 'empty' && <p>{say('checker.resultsEmpty')}</p>}
      {view.kind === 'blocked' && (
        <>
          <p>{resultsSummary(view, wording)}</p>
          <ul>{view.errors.map((e) => <li key={e.field}><a href={`#f-${e.field}`}>{say(e.messageKey)}</a></li>)}</ul>
        </>
      )}
      {view.kind === 'allUnknown' && (
        <>
          <p>{resultsSummary(view, wording)}</p>
          <p>{say('checker.resultsAllUnknownNext', { office: office.name, phone: office.phone })}</p>
        </>
      )}
      {view.kind === 'results' && (
        <>
          <p>{resultsSummary(view, wording)} {say('checker.resultsNote')}</p>
          {ready && (
            <p class="no-print">
              <button type="button" class="button button--secondary" onClick={() => window.print()}>{say('checker.print')}</button>
              <span class="hint"> {say('checker.printHint')}</span>
            </p>
          )}
          <h3>{say('checker.likelyHeading', { count: view.likely.length })}</h3>
          <ResultList results={view.likely} answers={answers} wording={wording} office={office} />
          <h3>{say('checker.maybeHeading', { count: view.maybe.length })}</h3>
          <ResultList results={view.maybe} answers={answers} wording={wording} office={office} />
          <h3>{say('checker.noHeading', { count: view.no.length })}</h3>
          <details>
            <summary>{say('checker.showReasons')}</summary>
            {view.no.length === 0 ? <p>{say('checker.none')}</p> : (
              <ul>
                {view.no.map((r) => (
                  <li key={r.benefit.id}>
                    <a href={r.benefit.guideHref}>{r.benefit.title}</a>：{say('checker.whyNot')}{whyNot(r, answers, wording)}。
                  </li>
                ))}
              </ul>
            )}
          </details>
          {view.notApplicable > 0 && <p>{say('checker.notApplicable', { count: view.notApplicable, who })}</p>}
        </>
      )}
    </section>
  );
}

interface ResultListProps {
  results: BenefitResult<CheckerBenefit>[];
  answers: Answers;
  wording: Explaining;
  office: Office;
}

function ResultList({ results, answers, wording, office }: ResultListProps) {
  const { say } = wording;
  if (results.length === 0) return <p>{say('checker.none')}</p>;
  return (
    <ul class="result-list">
      {results.map((result) => {
        const { benefit, verdict } = result;
        const why = verdict === 'likely' ? whyLikely(result, wording) : '';
        const checks = verdict === 'maybe' ? toCheck(result, answers, wording) : [];
        return (
          <li key={benefit.id} class="result">
            <h4>{benefit.title}{benefit.scope === 'local' && <span class="hint">（{say('checker.localPolicy')}）</span>}</h4>
            <p>{say('checker.gives')}{benefit.gives}</p>
            {benefit.amount && (
              <p>
                <strong>{benefit.amount.text}</strong>
                <span class="hint">
                  （{say(`scope.${benefit.amount.scope}`)}，{formatDate(benefit.amount.effectiveFrom)}{say('amount.effectiveFrom')}；{say('amount.source')}：{benefit.amount.source}）
                </span>
              </p>
            )}
            {why && <p>{say('checker.whyLikely')}{why}。</p>}
            {checks.length > 0 && (
              <>
                <p>{say('checker.toCheck')}</p>
                <ul>{checks.map((text) => <li key={text}>{text}</li>)}</ul>
              </>
            )}
            <p>
              {say('checker.howToApply')}
              {benefit.howToApply ?? (benefit.online
                ? <a href={benefit.online.href}>{benefit.online.label}</a>
                : say('checker.applyOffice', { office: office.name, phone: office.phone }))}
            </p>
            <p>{say('checker.documents')}{benefit.documents.join('、')}</p>
            <p><a href={benefit.guideHref}>{say('checker.guideLink', { title: benefit.title })}</a></p>
          </li>
        );
      })}
    </ul>
  );
}
