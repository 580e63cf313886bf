import * as v from 'valibot';
import { fields, isoDate, text } from './common.ts';

/** Stand-alone prose pages edited by staff, such as the accessibility statement. */
export const PageSchema = fields({
  title: text('标题'),
  description: text('页面说明'),
  lastReviewed: isoDate('最后审核日期'),
});

export type Page = v.InferOutput<typeof PageSchema>;
