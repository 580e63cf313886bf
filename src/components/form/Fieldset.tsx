import type { ComponentChildren } from 'preact';

/**
 * A group of controls with its question as the legend (GOV.UK's fieldset). When the page asks
 * only this question, the legend holds the page's h1, so the heading and the question are one
 * thing to a screen reader.
 *
 * Must, for a user: name the group (screen readers read the legend with each radio), tie the
 * hint and the error message to the group with aria-describedby.
 * Proved by: the journey tests find every group by its name (getByRole('group', { name })).
 */
export default function Fieldset(props: { legend: string; heading?: boolean; describedBy?: string | undefined; children: ComponentChildren }) {
  return (
    <fieldset aria-describedby={props.describedBy}>
      <legend class={props.heading ? 'field-legend field-legend--heading' : 'field-legend'}>
        {props.heading ? <h1>{props.legend}</h1> : props.legend}
      </legend>
      {props.children}
    </fieldset>
  );
}
