import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { fromValibot } from './content-schema-adapter.ts';
import { PolicySchema } from './domain/content/policy-schema.ts';
import { NewsSchema } from './domain/content/news-schema.ts';
import { BenefitSchema } from './domain/benefits/rules-schema.ts';
import { SiteSchema } from './domain/content/site-schema.ts';
import { PageSchema } from './domain/content/page-schema.ts';
import { ZhucanriSchema } from './domain/content/zhucanri-schema.ts';
import { GlossarySchema } from './domain/content/glossary-schema.ts';
import { CalendarSchema } from './domain/content/calendar-schema.ts';

/**
 * Where the content lives. PORTAL_CONTENT_DIR exists for the test that proves a broken
 * file fails the build; deployments keep the default.
 */
const CONTENT_DIR = process.env['PORTAL_CONTENT_DIR'] ?? './content';

/** A collection made of one YAML file: one entry, named after the file. */
function singleFile(name: string) {
  return async () => [{ id: name, ...parseYaml(await readFile(`${CONTENT_DIR}/${name}.yaml`, 'utf8')) }];
}

/** The federation's own configuration. */
const site = defineCollection({ loader: singleFile('site'), schema: fromValibot(SiteSchema) });

/** Known 全国助残日 themes. */
const zhucanri = defineCollection({ loader: singleFile('zhucanri'), schema: fromValibot(ZhucanriSchema) });

/** Plain explanations of the words easy-read pages use. */
const glossary = defineCollection({ loader: singleFile('glossary'), schema: fromValibot(GlossarySchema) });

/**
 * China's public holidays and 调休 days (content/calendar.json): validated here with the rest of the
 * content, so a broken file fails the build; the pages read it through src/domain/china-calendar.ts.
 */
const calendar = defineCollection({
  loader: async () => [{ id: 'calendar', ...JSON.parse(await readFile(`${CONTENT_DIR}/calendar.json`, 'utf8')) }],
  schema: fromValibot(CalendarSchema),
});

const policies = defineCollection({
  loader: glob({ pattern: '*.md', base: `${CONTENT_DIR}/policies` }),
  schema: fromValibot(PolicySchema),
});

const news = defineCollection({
  loader: glob({ pattern: '*.md', base: `${CONTENT_DIR}/news` }),
  schema: fromValibot(NewsSchema),
});

const benefits = defineCollection({
  loader: glob({ pattern: '*.yaml', base: `${CONTENT_DIR}/benefits` }),
  schema: fromValibot(BenefitSchema),
});

const pages = defineCollection({
  loader: glob({ pattern: '*.md', base: `${CONTENT_DIR}/pages` }),
  schema: fromValibot(PageSchema),
});

export const collections = { site, zhucanri, glossary, calendar, policies, news, benefits, pages };
