import type { ComponentChildren } from 'preact';
import type { QuestionView } from '../../domain/applications/view.ts';
import ErrorMessage from './ErrorMessage.tsx';
import Fieldset from './Fieldset.tsx';
import Hint from './Hint.tsx';
import { fieldIds, type FieldProps } from './FieldParts.ts';

/**
 * Radios or checkboxes (GOV.UK's pattern): a fieldset named by its question, a hint per option,
 * follow-up questions shown under their option (no script needed to reveal them).
 *
 * Must, for a user: be one named group (screen readers read the legend with each control); show
 * what was chosen before; keep every target 44 px high; be unmistakable in every display mode
 * (drawn from the text colour, forms.css). Proved by: the journey and checker tests (driven by
 * label with the keyboard, JS on and off); tests/unit/components; tests/browser/layout.test.ts.
 */
type Choice = Extract<QuestionView, { kind: 'radios' | 'checkboxes' }>;

const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? [v] : []);

export default function ChoiceField(props: FieldProps & { question: Choice; followUp?: (q: QuestionView) => ComponentChildren }) {
  const { question: q, values, errors, heading, errorPrefix, onChange, followUp } = props;
  const error = errors[q.name];
  const { id, hintId, errorId, describedBy } = fieldIds(q.name, !!q.hint, !!error);
  const chosen = list(values[q.name]);
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <Fieldset legend={q.legend} heading={heading} describedBy={describedBy}>
        {hintId && <Hint id={hintId} text={q.hint!} />}
        {errorId && <ErrorMessage id={errorId} text={error!} hiddenPrefix={errorPrefix} />}
        <div class="choices">
          {q.options.map((o, i) => {
            const optionId = i === 0 ? id : `${id}-${i + 1}`;
            return (
              <div class="choice-block">
                <div class="choice">
                  <input
                    type={q.kind === 'radios' ? 'radio' : 'checkbox'} id={optionId} name={q.name} value={o.value} checked={chosen.includes(o.value)}
                    aria-describedby={o.hint ? `${optionId}-hint` : undefined} onChange={onChange && (() => onChange(q.name, o.value))}
                  />
                  <label for={optionId}>{o.label}</label>
                </div>
                {o.hint && <Hint id={`${optionId}-hint`} text={o.hint} class="choice-hint" />}
                {o.conditional && followUp && <div class="conditional">{o.conditional.map(followUp)}</div>}
              </div>
            );
          })}
        </div>
      </Fieldset>
    </div>
  );
}
