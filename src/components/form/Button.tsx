import type { ComponentChildren } from 'preact';

/**
 * The one button style: a <button> for actions, an <a class="button"> for a link that starts
 * something ("开始申请" is a link, so it works as one: open in a new tab, bookmark).
 *
 * Must, for a user: be at least 44 × 44 px, white on green at 7.6:1 (AAA), show focus in every
 * display mode, and work from the keyboard (Enter; Space for a button).
 * Proved by: tests/browser/keyboard.test.ts and the journey tests (driven by the keyboard);
 * axe with wcag2aaa; tests/browser/layout.test.ts (targets, forced colours).
 */
export type ButtonProps = {
  children: ComponentChildren;
  secondary?: boolean;
} & (
  | { href: string; name?: never; value?: never; form?: never; formAction?: never; busyLabel?: never }
  | { href?: never; name?: string; value?: string; form?: string; formAction?: string; busyLabel?: string }
);

export default function Button(props: ButtonProps) {
  const cls = props.secondary ? 'button button--secondary' : 'button';
  if (props.href !== undefined) return <a class={cls} href={props.href}>{props.children}</a>;
  return (
    <button type="submit" class={cls} name={props.name} value={props.value} form={props.form} formAction={props.formAction} data-busy-label={props.busyLabel}>
      {props.children}
    </button>
  );
}
