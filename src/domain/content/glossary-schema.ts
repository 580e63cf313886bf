import * as v from 'valibot';
import { fields, nonEmptyList, text } from './common.ts';

/** Plain explanations of hard words, shown on easy-read pages that use them. */
export const GlossarySchema = fields({
  terms: nonEmptyList(
    fields({
      term: text('词语'),
      aliases: v.optional(v.array(text('别名'), '别名必须是列表'), []),
      plain: text('通俗解释'),
    }),
    '词语表',
  ),
});

export type Glossary = v.InferOutput<typeof GlossarySchema>;
export type GlossaryTerm = Glossary['terms'][number];

/** The terms a text mentions (by the term or any alias), in glossary order. */
export function termsUsedIn(text: string, glossary: readonly GlossaryTerm[]): GlossaryTerm[] {
  return glossary.filter((entry) => [entry.term, ...entry.aliases].some((word) => text.includes(word)));
}
