import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { parse } from 'yaml';
import { SiteSchema } from '../../src/domain/content/site-schema.ts';
import { journeyContext } from '../../src/domain/applications/context.ts';

/** The shipped configuration, validated, and a journey context for tests (the migrations' default policy). */
export const site = v.parse(SiteSchema, parse(readFileSync(new URL('../../content/site.yaml', import.meta.url), 'utf8')));
export const TEST_POLICY = { draftRetentionDays: 30, lookupWindowMinutes: 15 };
export const testContext = (today = '2026-11-22') => journeyContext(site, today, TEST_POLICY);
