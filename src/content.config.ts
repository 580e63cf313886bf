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

/** One file, one entry: the federation's own configuration. */
const site = defineCollection({
  loader: async () => {
    const raw = parseYaml(await readFile(new URL('../content/site.yaml', import.meta.url), 'utf8'));
    return [{ id: 'site', ...raw }];
  },
  schema: fromValibot(SiteSchema),
});

const policies = defineCollection({
  loader: glob({ pattern: '*.md', base: './content/policies' }),
  schema: fromValibot(PolicySchema),
});

const news = defineCollection({
  loader: glob({ pattern: '*.md', base: './content/news' }),
  schema: fromValibot(NewsSchema),
});

const benefits = defineCollection({
  loader: glob({ pattern: '*.yaml', base: './content/benefits' }),
  schema: fromValibot(BenefitSchema),
});

const pages = defineCollection({
  loader: glob({ pattern: '*.md', base: './content/pages' }),
  schema: fromValibot(PageSchema),
});

export const collections = { site, policies, news, benefits, pages };
