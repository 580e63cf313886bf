/**
 * The message next to a field with a problem.
 *
 * Must, for a user: be read with the field (its id is in the field's aria-describedby), and say
 * "错误：" to someone who cannot see its colour and weight (a visually hidden prefix).
 * Proved by: tests/unit/components/form.test.ts (markup); the journey tests read each message by
 * its field's accessible description.
 */
export default function ErrorMessage({ id, text, hiddenPrefix }: { id: string; text: string; hiddenPrefix: string }) {
  return (
    <p class="error-message" id={id}>
      <span class="visually-hidden">{hiddenPrefix}</span>{text}
    </p>
  );
}
