import { z } from 'astro/zod';
import * as v from 'valibot';
import { formatIssues } from './domain/content/common.ts';

/**
 * Astro's content collections take zod schemas; ours are valibot (shared with the
 * server and tests). This wraps a valibot schema so Astro runs it at build time and
 * a broken content file fails the build with the field and the Chinese reason.
 */
export function fromValibot<S extends v.GenericSchema>(schema: S) {
  return z.unknown().transform((input, ctx): v.InferOutput<S> => {
    const result = v.safeParse(schema, input);
    if (result.success) return result.output;
    for (const message of formatIssues(result.issues)) {
      ctx.addIssue({ code: 'custom', message });
    }
    return z.NEVER;
  });
}
