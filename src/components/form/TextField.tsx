import type { QuestionView } from '../../domain/applications/view.ts';
import ErrorMessage from './ErrorMessage.tsx';
import Hint from './Hint.tsx';
import { fieldIds, type FieldProps } from './FieldParts.ts';

/**
 * A typed answer: label (the page's h1 when it is the only question), hint, error message, input.
 *
 * Must, for a user: have a visible label that is the input's accessible name; show what they
 * typed before (never ask twice); be marked invalid with its message; show a long number whole
 * (width 'code': a one-row box that wraps, also at 200% text on 320 px). Proved by: the journey
 * tests (every field by its label, values read back after errors); tests/unit/components;
 * tests/browser/layout.test.ts.
 */
type Text = Extract<QuestionView, { kind: 'text' | 'textarea' }>;

export default function TextField({ question: q, values, errors, heading, errorPrefix, onChange }: FieldProps & { question: Text }) {
  const error = errors[q.name];
  const { id, hintId, errorId, describedBy } = fieldIds(q.name, !!q.hint, !!error);
  const text = typeof values[q.name] === 'string' ? (values[q.name] as string) : '';
  const common = {
    id, name: q.name, 'aria-describedby': describedBy, 'aria-invalid': error ? ('true' as const) : undefined,
    autocomplete: q.autocomplete, spellcheck: q.spellcheck === false ? false : undefined, maxLength: q.maxlength,
    onInput: onChange && ((e: Event) => onChange(q.name, (e.currentTarget as HTMLInputElement).value)),
  };
  return (
    <div class={error ? 'field field--error' : 'field'}>
      {heading ? <h1 class="field-label-heading"><label for={id}>{q.label}</label></h1> : <label class="field-label" for={id}>{q.label}</label>}
      {hintId && <Hint id={hintId} text={q.hint!} />}
      {errorId && <ErrorMessage id={errorId} text={error!} hiddenPrefix={errorPrefix} />}
      {q.kind === 'textarea' || q.width === 'code' ? (
        // A 'code' (a 20-character number) cannot fit one line at 200% text on 320 px: a one-row
        // box that wraps (the server drops line breaks; with JavaScript, Enter still continues).
        <textarea {...common} rows={q.width === 'code' ? 1 : 4} class={`input input--${q.width}`} inputMode={q.inputmode} data-single-line={q.width === 'code' || undefined}>{text}</textarea>
      ) : (
        <input {...common} type={q.type ?? 'text'} value={q.type === 'password' ? '' : text} class={`input input--${q.width}`} inputMode={q.inputmode} />
      )}
    </div>
  );
}
