import * as v from 'valibot';
import { fields, nonEmptyList, text } from './common.ts';
import { FIRST_ZHUCANRI_YEAR } from '../zhucanri.ts';

/** Known 全国助残日 themes (content/zhucanri.yaml). Dates are computed, not stored. */
export const ZhucanriSchema = fields({
  legalBasis: fields({
    title: text('依据法律'),
    article: text('条款'),
    text: text('条文'),
  }),
  themes: v.pipe(
    nonEmptyList(
      fields({
        year: v.pipe(
          v.number('年份必须是数字'),
          v.title('年份'),
          v.integer('年份必须是整数'),
          v.minValue(FIRST_ZHUCANRI_YEAR, `全国助残日从 ${FIRST_ZHUCANRI_YEAR} 年开始，年份不能更早`),
        ),
        theme: text('主题'),
      }),
      '历年主题',
    ),
    v.check((themes) => new Set(themes.map((t) => t.year)).size === themes.length, '历年主题中有重复的年份'),
  ),
});

export type ZhucanriContent = v.InferOutput<typeof ZhucanriSchema>;
