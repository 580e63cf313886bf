import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import ErrorSummary from '../components/form/ErrorSummary.tsx';
import ChoiceField from '../components/form/ChoiceField.tsx';
import TextField from '../components/form/TextField.tsx';
import Button from '../components/form/Button.tsx';
import type { QuestionView } from '../domain/applications/view.ts';
import type { ComponentChildren } from 'preact';
import type { Benefit } from '../domain/benefits/rules-schema.ts';
import type { QuestionId } from '../domain/benefits/answers.ts';
import { isRelevant } from '../domain/benefits/engine.ts';
import type { Say } from '../domain/benefits/describe.ts';
import type { Explaining } from '../domain/benefits/explain.ts';
import { parseAnswers, type FormFields } from '../domain/benefits/parse-answers.ts';
import { resultsView } from '../domain/benefits/results.ts';
import CheckerResults, { resultsSummary } from './CheckerResults.tsx';

/**
 * The benefits checker. One component renders the same markup on the server (no-JS form
 * POST, results computed there) and in the browser (results update as answers change).
 * Nothing is stored: answers live in this component's state or in one POST body.
 */
/** A benefit as the checker shows it: the rule and its display text, not its citations. */
export interface CheckerBenefit
  extends Pick<Benefit, 'title' | 'gives' | 'amount' | 'documents' | 'howToApply' | 'alwaysCheck' | 'checks' | 'appliesTo' | 'conditions' | 'order' | 'scope'> {
  id: string;
  guideHref: string;
  online?: { href: string; label: string } | undefined;
}

export interface CheckerProps {
  benefits: CheckerBenefit[];
  strings: Record<string, string>;
  region: string;
  office: { name: string; phone: string };
  /** YYYY-MM-DD, for ages from certificate numbers. */
  today: string;
  action: string;
  initialFields: FormFields;
  /** True when the server renders the result of a POST. */
  submitted: boolean;
}

type Option = [value: string, label: string];

export default function BenefitsChecker(props: CheckerProps) {
  const { benefits, strings, region, office, today } = props;
  const [fields, setFields] = useState<FormFields>(props.initialFields);
  const [submitted, setSubmitted] = useState(props.submitted);
  const [ready, setReady] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const summaryRef = useRef<HTMLDivElement>(null);
  const resultsRef = useRef<HTMLHeadingElement>(null);

  const say: Say = (key, values) => {
    const template = strings[key] ?? key;
    return values ? template.replace(/\{(\w+)\}/g, (_m, n: string) => String(values[n] ?? '')) : template;
  };
  const who = say(fields['forWhom'] === 'other' ? 'checker.who.other' : 'checker.who.self');
  const ask = (key: string) => say(key, { who, region });

  const parsed = useMemo(() => parseAnswers(fields, today), [fields, today]);
  const { answers, errors, fromCertificate } = parsed;
  const view = useMemo(() => resultsView(parsed, benefits), [parsed, benefits]);
  const shownErrors = submitted ? errors : [];
  const wording: Explaining = { say, region, forWhom: answers.forWhom, fromCertificate };

  useEffect(() => setReady(true), []);

  // Announce the summary politely once the person pauses, not on every keystroke.
  const summaryText = resultsSummary(view, wording);
  useEffect(() => {
    if (!ready || !summaryText) return;
    const timer = setTimeout(() => setAnnouncement(summaryText), 1000);
    return () => clearTimeout(timer);
  }, [summaryText, ready]);

  const set = (name: string, value: string) => setFields((f) => ({ ...f, [name]: value }));

  /** Without JS every question shows; with JS, questions that cannot change any result hide. */
  const visible = (q: QuestionId | 'certificateNumber'): boolean => {
    if (q === 'certificateNumber') return answers.hasCertificate !== 'no';
    if ((q === 'category' || q === 'grade' || q === 'age') && fromCertificate) return false;
    if ((q === 'category' || q === 'grade') && answers.hasCertificate === 'no') return false;
    return !ready || isRelevant(q, answers, benefits);
  };


  const errorMap = Object.fromEntries(shownErrors.map((e) => [e.field, say(e.messageKey)]));
  const errorPrefix = say('checker.errorPrefix');

  /** The same question markup as every form of the site (src/components/form), answered live. */
  function radios(name: QuestionId | 'forWhom', legend: string, options: Option[], hint?: string, withUnknown = true) {
    const all = [...options, ...(withUnknown ? ([['unknown', say('checker.unknown')]] as Option[]) : [])];
    const question: Extract<QuestionView, { kind: 'radios' | 'checkboxes' }> = { kind: 'radios', name, legend, ...(hint ? { hint } : {}), options: all.map(([value, label]) => ({ value, label })) };
    return (
      <div class="question" hidden={name !== 'forWhom' && !visible(name)}>
        <ChoiceField question={question} values={fields as Record<string, string>} errors={errorMap} errorPrefix={errorPrefix} onChange={set} />
      </div>
    );
  }

  function textInput(name: 'age' | 'certificateNumber', label: string, hint: string, extra: { inputmode: 'text' | 'numeric'; maxlength: number; width: 'short' | 'long' }, after?: ComponentChildren) {
    const question: Extract<QuestionView, { kind: 'text' | 'textarea' }> = { kind: 'text', name, label, hint, width: extra.width, inputmode: extra.inputmode, maxlength: extra.maxlength, autocomplete: 'off', spellcheck: false };
    return (
      <div class="question" hidden={!visible(name)}>
        <TextField question={question} values={fields as Record<string, string>} errors={errorMap} errorPrefix={errorPrefix} onChange={set} />
        {after}
      </div>
    );
  }

  function onSubmit(event: Event) {
    event.preventDefault();
    setSubmitted(true);
    // Focus after the re-render: the error summary if there are errors, else the results.
    setTimeout(() => (errors.length ? summaryRef.current : resultsRef.current)?.focus(), 0);
  }

  const yesNo: Option[] = [['yes', say('checker.yes')], ['no', say('checker.no')]];
  const categoryOptions: Option[] = [1, 2, 3, 4, 5, 6, 7].map((c) => [String(c), say(`category.${c}`)]);
  const derived = fromCertificate && answers.category && answers.grade
    ? `${say(`category.${answers.category}`)} ${say(`checker.grade.${answers.grade}`)} · ${answers.age ?? ''}`
    : '';

  return (
    <div class="checker">
      <ErrorSummary title={say('checker.errorSummary')} errors={shownErrors.map((e) => ({ href: `#f-${e.field}`, text: say(e.messageKey) }))} containerRef={summaryRef} />

      <form method="post" action={props.action} novalidate onSubmit={onSubmit} class="checker-form no-print">
        <h2>{say('checker.questionsHeading')}</h2>
        {radios('forWhom', say('checker.forWhom'), [['self', say('checker.forWhomSelf')], ['other', say('checker.forWhomOther')]], undefined, false)}
        {radios('hasCertificate', ask('checker.q.hasCertificate'), [['yes', say('checker.a.hasCertificate.yes')], ['no', say('checker.a.hasCertificate.no')]], say('checker.q.hasCertificate.hint'))}
        {textInput('certificateNumber', say('checker.q.certificateNumber'), say('checker.q.certificateNumber.hint'), { inputmode: 'text', maxlength: 30, width: 'long' },
          derived ? <p class="derived">{derived}</p> : undefined)}
        {radios('category', ask('checker.q.category'), categoryOptions, say('checker.q.category.hint'))}
        {radios('grade', ask('checker.q.grade'), [1, 2, 3, 4].map((g) => [String(g), say(`checker.grade.${g}`)]), say('checker.q.grade.hint'))}
        {textInput('age', ask('checker.q.age'), say('checker.q.age.hint'), { inputmode: 'numeric', maxlength: 3, width: 'short' })}
        {radios('localHukou', ask('checker.q.localHukou'), yesNo, say('checker.q.localHukou.hint'))}
        {radios('household', ask('checker.q.household'), (['dibao', 'low-income', 'tekun', 'none'] as const).map((v) => [v, say(`checker.a.household.${v}`)]), say('checker.q.household.hint'))}
        {radios('disabledInHousehold', ask('checker.q.disabledInHousehold'), ['1', '2', '3'].map((v) => [v, say(`checker.a.disabledInHousehold.${v}`)]))}
        {radios('needsLongTermCare', ask('checker.q.needsLongTermCare'), yesNo, say('checker.q.needsLongTermCare.hint'))}
        {radios('education', ask('checker.q.education'), (['preschool', 'compulsory', 'high-school', 'vocational', 'college', 'none'] as const).map((v) => [v, say(`checker.a.education.${v}`)]))}
        {radios('work', ask('checker.q.work'), (['employed', 'seeking', 'self-employed', 'none'] as const).map((v) => [v, say(`checker.a.work.${v}`)]))}
        {radios('ownsMotorWheelchair', ask('checker.q.ownsMotorWheelchair'), yesNo, say('checker.q.ownsMotorWheelchair.hint'))}
        {radios('cataract', ask('checker.q.cataract'), yesNo)}
        {radios('psychiatricMedication', ask('checker.q.psychiatricMedication'), yesNo)}
        {radios('homeNeedsModification', ask('checker.q.homeNeedsModification'), yesNo, say('checker.q.homeNeedsModification.hint'))}
        <Button>{say('checker.submit')}</Button>
      </form>

      {/* For screen readers only: the same summary is visible above the results. */}
      <p role="status" class="visually-hidden">{announcement}</p>

      <CheckerResults view={view} answers={answers} wording={wording} office={office} who={who} ready={ready} headingRef={resultsRef} />
    </div>
  );
}
