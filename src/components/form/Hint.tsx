/**
 * A hint under a label or legend.
 *
 * Must, for a user: be read with its field (its id goes into aria-describedby), in the secondary
 * text colour, which still meets 7:1 (AAA) in every display mode.
 * Proved by: tests/unit/components/form.test.ts; axe (wcag2aaa) on every journey state.
 */
export default function Hint({ id, text, class: extra }: { id: string; text: string; class?: string }) {
  return <p class={extra ? `hint ${extra}` : 'hint'} id={id}>{text}</p>;
}
