import type { ComponentChildren } from 'preact';
import type { QuestionView } from '../../domain/applications/view.ts';
import ErrorMessage from './ErrorMessage.tsx';
import Fieldset from './Fieldset.tsx';
import Hint from './Hint.tsx';

/**
 * One question, GOV.UK style: label or legend (the page's h1 when it is the only question), hint,
 * error message, the control; all tied together by ids and aria-describedby. Follow-up questions
 * of an option are shown under it, so no script is needed to reveal them.
 *
 * Must, for a user: have a visible label that is the control's accessible name; show what they
 * typed or chose before (never ask twice); mark the field with its error (aria-invalid and the
 * message); keep every target at least 44 px high.
 * Proved by: the journey tests drive every field by its label with the keyboard, JavaScript on
 * and off, and read values back after an error; axe on every state; tests/unit/components.
 */
export interface QuestionProps {
  question: QuestionView;
  values: Record<string, string | string[]>;
  errors: Record<string, string>;
  heading?: boolean;
  /** "错误：", read before each message by screen readers. */
  errorPrefix: string;
}

const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? [v] : []);

export default function Question({ question: q, values, errors, heading = false, errorPrefix }: QuestionProps) {
  const id = `f-${q.name}`;
  const error = errors[q.name];
  const hintId = 'hint' in q && q.hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const message = error ? <ErrorMessage id={errorId!} text={error} hiddenPrefix={errorPrefix} /> : null;
  const wrap = (children: ComponentChildren) => <div class={error ? 'field field--error' : 'field'}>{children}</div>;

  if (q.kind === 'radios' || q.kind === 'checkboxes') {
    const chosen = list(values[q.name]);
    return wrap(
      <Fieldset legend={q.legend} heading={heading} describedBy={describedBy}>
        {hintId && <Hint id={hintId} text={q.hint!} />}
        {message}
        <div class="choices">
          {q.options.map((o, i) => {
            const optionId = i === 0 ? id : `${id}-${i + 1}`;
            return (
              <div class="choice-block">
                <div class="choice">
                  <input type={q.kind === 'radios' ? 'radio' : 'checkbox'} id={optionId} name={q.name} value={o.value} checked={chosen.includes(o.value)} aria-describedby={o.hint ? `${optionId}-hint` : undefined} />
                  <label for={optionId}>{o.label}</label>
                </div>
                {o.hint && <Hint id={`${optionId}-hint`} text={o.hint} class="choice-hint" />}
                {o.conditional && (
                  <div class="conditional">
                    {o.conditional.map((f) => <Question question={f} values={values} errors={errors} errorPrefix={errorPrefix} />)}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </Fieldset>,
    );
  }

  if (q.kind === 'checkbox') {
    const checked = values[q.name] === q.value;
    return wrap(
      <>
        {message}
        <div class="choice">
          <input type="checkbox" id={id} name={q.name} value={q.value} checked={checked} aria-describedby={describedBy} aria-invalid={error ? 'true' : undefined} />
          <label for={id}>{q.label}</label>
        </div>
      </>,
    );
  }

  if (q.kind !== 'text' && q.kind !== 'textarea') return null;
  const text = typeof values[q.name] === 'string' ? (values[q.name] as string) : '';
  const common = {
    id, name: q.name, 'aria-describedby': describedBy, 'aria-invalid': error ? ('true' as const) : undefined,
    autocomplete: q.autocomplete, spellcheck: q.spellcheck === false ? false : undefined,
  };
  return wrap(
    <>
      {heading ? <h1 class="field-label-heading"><label for={id}>{q.label}</label></h1> : <label class="field-label" for={id}>{q.label}</label>}
      {hintId && <Hint id={hintId} text={q.hint!} />}
      {message}
      {q.kind === 'textarea' ? (
        <textarea {...common} rows={4} class="input input--long">{text}</textarea>
      ) : q.width === 'code' ? (
        // A 20-character number must be seen whole, also at 200% text on a 320 px screen, where
        // one line cannot hold it: a one-row textarea that wraps (the server drops line breaks).
        <textarea {...common} rows={1} class="input input--code" inputMode={q.inputmode ?? 'text'} data-single-line>{text}</textarea>
      ) : (
        <input {...common} type="text" value={text} class={`input input--${q.width}`} inputMode={q.inputmode} />
      )}
    </>,
  );
}
