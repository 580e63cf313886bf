import * as v from 'valibot';
import { SignLanguage, Video, countSentences, fields, isoDate, link, nonEmptyList, text } from './common.ts';
import { NEWS_TAG_LABELS } from './news-tags.ts';

/** An image must say what it shows: alt text is required and must not be a file name. */
export const NewsImage = fields({
  src: link('图片地址'),
  alt: v.pipe(
    text('图片替代文字 alt'),
    v.minLength(4, '图片替代文字 alt 太短，请描述图片内容'),
    v.check((alt) => !/\.(jpe?g|png|gif|webp|avif|svg)$/i.test(alt), '图片替代文字 alt 不能是文件名'),
    v.check((alt) => !/^(图片|照片|image|photo)$/i.test(alt), '图片替代文字 alt 要描述图片内容，不能只写“图片”'),
  ),
  caption: v.optional(text('图片说明')),
  width: v.pipe(v.number('图片宽度必须是数字'), v.title('图片宽度'), v.integer('图片宽度必须是整数'), v.minValue(1, '图片宽度必须大于 0')),
  height: v.pipe(v.number('图片高度必须是数字'), v.title('图片高度'), v.integer('图片高度必须是整数'), v.minValue(1, '图片高度必须大于 0')),
});

export const NewsSchema = fields({
  title: text('标题'),
  date: isoDate('发布日期'),
  summary: v.pipe(
    text('摘要'),
    v.check((s) => countSentences(s) <= 2, '摘要最多两句话'),
  ),
  tags: nonEmptyList(v.picklist(NEWS_TAG_LABELS, `标签必须是以下之一：${NEWS_TAG_LABELS.join('、')}`), '标签'),
  images: v.optional(v.array(NewsImage, '图片必须是列表'), []),
  /** Videos shown on the page; each must have captions. */
  videos: v.optional(v.array(Video, '视频必须是列表'), []),
  /** A sign-language version of this page, linked among its other formats. */
  signLanguage: v.optional(SignLanguage),
  /** Where the facts come from (a report, a notice); shown under the article. */
  source: v.optional(text('消息来源')),
});

export type News = v.InferOutput<typeof NewsSchema>;
