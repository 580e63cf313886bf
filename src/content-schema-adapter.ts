import { z } from 'astro/zod';
import * as v from 'valibot';

/**
 * Astro's content collections take zod schemas; ours are valibot (shared with the
 * server and tests). This wraps a valibot schema so Astro runs it at build time and
 * a broken content file fails the build with the field and the Chinese reason.
 */
export function fromValibot<S extends v.GenericSchema>(schema: S) {
  return z.unknown().transform((input, ctx): v.InferOutput<S> => {
    const result = v.safeParse(schema, input);
    if (result.success) return result.output;
    for (const issue of result.issues) {
      // The path makes Astro print "field.sub: message" next to the file's name.
      const path = (issue.path ?? []).map((item) => item.key as string | number);
      ctx.addIssue({ code: 'custom', message: issue.message, path });
    }
    return z.NEVER;
  });
}
