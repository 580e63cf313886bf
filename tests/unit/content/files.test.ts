import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { PolicySchema } from '../../../src/domain/content/policy-schema.ts';
import { NewsSchema } from '../../../src/domain/content/news-schema.ts';
import { SiteSchema } from '../../../src/domain/content/site-schema.ts';
import { formatIssues } from '../../../src/domain/content/common.ts';
import { CONTENT_DIR, readCollection } from '../../content-files.ts';

function problems(schema: v.GenericSchema, data: unknown): string[] {
  const result = v.safeParse(schema, data);
  return result.success ? [] : formatIssues(result.issues);
}

describe('the shipped content passes its schemas', () => {
  it('site.yaml', () => {
    const data = parseYaml(readFileSync(`${CONTENT_DIR}site.yaml`, 'utf8'));
    expect(problems(SiteSchema, data)).toEqual([]);
  });

  for (const entry of readCollection('policies')) {
    it(`policies/${entry.slug}`, () => {
      expect(problems(PolicySchema, entry.data)).toEqual([]);
      expect(entry.body.trim().length, 'the body says what the service is').toBeGreaterThan(0);
    });
  }

  for (const entry of readCollection('news')) {
    it(`news/${entry.slug}`, () => {
      expect(problems(NewsSchema, entry.data)).toEqual([]);
      expect(entry.body.trim().length, 'a news item has a body').toBeGreaterThan(0);
    });
  }

  it('slugs are lowercase ASCII so URLs carry no Chinese text', () => {
    for (const entry of [...readCollection('policies'), ...readCollection('news')]) {
      expect(entry.slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    }
  });

  it('markdown images always have alt text', () => {
    for (const entry of [...readCollection('policies'), ...readCollection('news')]) {
      expect(entry.body, entry.file).not.toMatch(/!\[\s*\]\(/);
    }
  });
});
