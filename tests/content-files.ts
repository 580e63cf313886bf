import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import * as v from 'valibot';
import { BenefitSchema, type Benefit } from '../src/domain/benefits/rules-schema.ts';

export const CONTENT_DIR = new URL('../content/', import.meta.url).pathname;

export interface ContentFile {
  file: string;
  slug: string;
  data: unknown;
  body: string;
}

/** Split a markdown file into YAML front matter and body, as Astro does. */
export function readMarkdown(path: string): { data: unknown; body: string } {
  const source = readFileSync(path, 'utf8');
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  if (!match) throw new Error(`${path}: no front matter`);
  return { data: parseYaml(match[1] ?? ''), body: match[2] ?? '' };
}

/** Every markdown file of a collection folder under content/. */
export function readCollection(folder: string): ContentFile[] {
  const dir = join(CONTENT_DIR, folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((file) => ({ file: join(dir, file), slug: file.replace(/\.md$/, ''), ...readMarkdown(join(dir, file)) }));
}

/** The benefit rules (content/benefits/*.yaml), parsed by their schema, with their ids. */
export function readBenefits(): (Benefit & { id: string })[] {
  const dir = join(CONTENT_DIR, 'benefits');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => ({ ...v.parse(BenefitSchema, parseYaml(readFileSync(join(dir, file), 'utf8'))), id: file.replace(/\.yaml$/, '') }));
}
