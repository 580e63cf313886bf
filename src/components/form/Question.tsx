import type { QuestionView } from '../../domain/applications/view.ts';
import ChoiceField from './ChoiceField.tsx';
import ErrorMessage from './ErrorMessage.tsx';
import TextField from './TextField.tsx';
import { fieldIds, type FieldProps } from './FieldParts.ts';

/**
 * One question of any kind, GOV.UK style (ChoiceField, TextField, or a single checkbox such as a
 * pledge), with its follow-ups under their option.
 *
 * Must, for a user: what each field component promises. Proved by: the journey tests drive every
 * field by its label with the keyboard, JavaScript on and off, and read values back after an
 * error; axe on every state; tests/unit/components/form.test.tsx.
 */
export type QuestionProps = FieldProps & { question: QuestionView };

export default function Question(props: QuestionProps) {
  const q = props.question;
  if (q.kind === 'radios' || q.kind === 'checkboxes') {
    return <ChoiceField {...props} question={q} followUp={(f) => <Question {...props} heading={false} question={f} />} />;
  }
  if (q.kind === 'text' || q.kind === 'textarea') return <TextField {...props} question={q} />;
  if (q.kind !== 'checkbox') return null;
  const error = props.errors[q.name];
  const { id, errorId, describedBy } = fieldIds(q.name, false, !!error);
  return (
    <div class={error ? 'field field--error' : 'field'}>
      {errorId && <ErrorMessage id={errorId} text={error!} hiddenPrefix={props.errorPrefix} />}
      <div class="choice">
        <input type="checkbox" id={id} name={q.name} value={q.value} checked={props.values[q.name] === q.value} aria-describedby={describedBy} aria-invalid={error ? 'true' : undefined} />
        <label for={id}>{q.label}</label>
      </div>
    </div>
  );
}
