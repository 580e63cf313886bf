import { getEntry } from 'astro:content';
import { toBrf, type TextBlock } from '../../domain/formats/brf.ts';
import { markdownBlocks } from '../../domain/formats/markdown-text.ts';
import { termsUsedIn, type Glossary } from '../../domain/content/glossary-schema.ts';
import type { SiteConfig } from '../../domain/content/site-schema.ts';
import { useTranslations } from '../../i18n/index.ts';
import { formatDate } from '../format.ts';
import { getNews, getPolicies, getSite, type NewsEntry, type PolicyEntry } from '../content.ts';

/**
 * The braille-ready file of each guide, easy-read page and news item, made at build time from
 * the same content and headings as the page. Chinese braille spells sounds, not characters,
 * so the Traditional page's file is this same file, made from the Simplified source.
 */
export type BrailleKind = 'guide' | 'easy-read' | 'news';

const t = useTranslations('zh-Hans');

function contactBlocks(site: SiteConfig): TextBlock[] {
  const { office } = site;
  return [
    { kind: 'heading', text: t('policy.contact') },
    { kind: 'paragraph', text: site.federation.name },
    { kind: 'paragraph', text: `${t('contact.addressHeading')}：${office.address}` },
    ...office.hours.map((h): TextBlock => ({ kind: 'item', text: `${h.days}：${h.time}` })),
    ...office.phones.map((p): TextBlock => ({ kind: 'item', text: `${p.label}：${p.number}` })),
  ];
}

const items = (lines: readonly string[]): TextBlock[] => lines.map((text) => ({ kind: 'item', text }));

export function guideBlocks(policy: PolicyEntry, site: SiteConfig): TextBlock[] {
  const d = policy.data;
  const offline = d.apply.offline;
  return [
    { kind: 'heading', text: d.title },
    { kind: 'paragraph', text: d.summary },
    { kind: 'paragraph', text: `${t('policy.lastReviewed')}：${formatDate(d.lastReviewed)}` },
    { kind: 'heading', text: t('policy.whatItIs') },
    ...markdownBlocks(policy.body ?? ''),
    { kind: 'heading', text: t('policy.whoCanGet') },
    ...items(d.eligibility),
    { kind: 'heading', text: t('policy.whatYouGet') },
    ...items(d.whatYouGet.map((g) => (g.amount ? `${g.item}${g.amount.text}（${t(`scope.${g.amount.scope}`)}）` : g.item))),
    { kind: 'heading', text: t('policy.howToApply') },
    ...(d.apply.online ? [{ kind: 'paragraph', text: `${t('policy.applyOnline')}：${d.apply.online.label}` } as TextBlock] : []),
    ...(offline ? [{ kind: 'paragraph', text: `${t('policy.applyOffline')}：${offline.where}` } as TextBlock, ...items(offline.steps)] : []),
    ...(d.apply.agents ? [{ kind: 'paragraph', text: `${t('policy.agents')}：${d.apply.agents}` } as TextBlock] : []),
    { kind: 'heading', text: t('policy.documents') },
    ...items(d.documents.map((doc) => `${doc.name}${doc.required ? '' : t('policy.documentOptional')}${doc.note ? `：${doc.note}` : ''}`)),
    { kind: 'heading', text: t('policy.timeline') },
    { kind: 'paragraph', text: d.timeline.duration },
    ...items(d.timeline.nextSteps),
    { kind: 'heading', text: t('policy.fees') },
    { kind: 'paragraph', text: d.fees },
    { kind: 'heading', text: t('policy.legalBasis') },
    ...items(d.legalBasis.map((l) => `${l.title}${l.number ? `（${l.number}）` : ''}${l.article ?? ''}`)),
    ...contactBlocks(site),
  ];
}

export function easyReadBlocks(policy: PolicyEntry, site: SiteConfig, glossary: Glossary | undefined): TextBlock[] {
  const d = policy.data;
  const all = d.easyRead.flatMap((s) => [s.heading, ...s.points]).join('\n');
  const words = glossary ? termsUsedIn(all, glossary.terms) : [];
  return [
    { kind: 'heading', text: `${d.title}${t('policy.easyReadTitleSuffix')}` },
    { kind: 'paragraph', text: t('policy.easyReadIntro') },
    ...(words.length ? [{ kind: 'heading', text: t('policy.easyReadWords') } as TextBlock, ...items(words.map((w) => `${w.term}：${w.plain}`))] : []),
    ...d.easyRead.flatMap((s): TextBlock[] => [{ kind: 'heading', text: s.heading }, ...items(s.points)]),
    ...contactBlocks(site),
  ];
}

export function newsBlocks(item: NewsEntry): TextBlock[] {
  const d = item.data;
  return [
    { kind: 'heading', text: d.title },
    { kind: 'paragraph', text: `${t('news.published')}：${formatDate(d.date)}` },
    { kind: 'paragraph', text: d.summary },
    ...d.images.map((img): TextBlock => ({ kind: 'paragraph', text: img.caption ?? img.alt })),
    ...markdownBlocks(item.body ?? ''),
    ...(d.source ? [{ kind: 'paragraph', text: `${t('news.source')}：${d.source}` } as TextBlock] : []),
  ];
}

export interface BrailleFile {
  body: string;
  bytes: number;
  pages: number;
}

const cache = new Map<string, Promise<BrailleFile>>();

async function make(kind: BrailleKind, slug: string): Promise<BrailleFile> {
  const site = await getSite();
  let blocks: TextBlock[];
  if (kind === 'news') {
    const item = (await getNews()).find((n) => n.id === slug);
    if (!item) throw new Error(`no news item ${slug}`);
    blocks = newsBlocks(item);
  } else {
    const policy = (await getPolicies()).find((p) => p.id === slug);
    if (!policy) throw new Error(`no guide ${slug}`);
    const glossary = (await getEntry('glossary', 'glossary'))?.data as Glossary | undefined;
    blocks = kind === 'guide' ? guideBlocks(policy, site) : easyReadBlocks(policy, site, glossary);
  }
  const body = toBrf(blocks);
  return { body, bytes: Buffer.byteLength(body), pages: body.split('\f').length - 1 };
}

/** The file for one page, made once per build and shared by the page (its size) and the route. */
export function brailleFile(kind: BrailleKind, slug: string): Promise<BrailleFile> {
  const key = `${kind}:${slug}`;
  let file = cache.get(key);
  if (!file) cache.set(key, (file = make(kind, slug)));
  return file;
}

export const braillePath = (kind: BrailleKind, slug: string) =>
  kind === 'news' ? `/news/${slug}/braille.brf` : kind === 'guide' ? `/policies/${slug}/braille.brf` : `/policies/${slug}/easy-read/braille.brf`;
