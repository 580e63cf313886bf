import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { fromValibot } from './content-schema-adapter.ts';
import { PolicySchema } from './domain/content/policy-schema.ts';
import { NewsSchema } from './domain/content/news-schema.ts';
import { BenefitSchema } from './domain/content/benefit-schema.ts';
import { SiteSchema } from './domain/content/site-schema.ts';
import { PageSchema } from './domain/content/page-schema.ts';

/**
 * Where the content lives. PORTAL_CONTENT_DIR exists for the test that proves a broken
 * file fails the build; deployments keep the default.
 */
const CONTENT_DIR = process.env['PORTAL_CONTENT_DIR'] ?? './content';

/** One file, one entry: the federation's own configuration. */
const site = defineCollection({
  loader: async () => {
    const raw = parseYaml(await readFile(`${CONTENT_DIR}/site.yaml`, 'utf8'));
    return [{ id: 'site', ...raw }];
  },
  schema: fromValibot(SiteSchema),
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

export const collections = { site, policies, news, benefits, pages };
