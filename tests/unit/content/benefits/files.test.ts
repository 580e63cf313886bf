import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { BenefitSchema, type Benefit } from '../../../../src/domain/benefits/rules-schema.ts';
import { formatIssues } from '../../../../src/domain/content/common.ts';
import { CONTENT_DIR, readMarkdown } from '../../../content-files.ts';

/**
 * The shipped eligibility rules (content/benefits/*.yaml): each file passes the schema,
 * is sourced and dated, links an existing guide, and agrees with that guide's amounts.
 */
const BENEFITS_DIR = `${CONTENT_DIR}benefits/`;
const POLICIES_DIR = `${CONTENT_DIR}policies/`;

const files = readdirSync(BENEFITS_DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

const raw = files.map((file) => ({ file, id: file.replace(/\.yaml$/, ''), data: parseYaml(readFileSync(`${BENEFITS_DIR}${file}`, 'utf8')) as unknown }));

function parsed(): { id: string; benefit: Benefit }[] {
  return raw.map(({ id, data }) => ({ id, benefit: v.parse(BenefitSchema, data) }));
}

/**
 * Every guide under content/policies is a service the checker can state a rule for, except
 * these (employers' quota employment has none): read from the folder, so a new guide without a
 * rule fails here instead of being missing from a hand-kept list.
 */
const GUIDES_WITHOUT_RULE = ['quota-employment'];
const SERVICE_GUIDES = readdirSync(POLICIES_DIR)
  .filter((f) => f.endsWith('.md'))
  .map((f) => f.replace(/\.md$/, ''))
  .filter((slug) => !GUIDES_WITHOUT_RULE.includes(slug));

interface GuideAmount {
  text: string;
  scope: string;
  effectiveFrom: string;
  source: string;
}

function guideAmounts(slug: string): GuideAmount[] {
  const { data } = readMarkdown(`${POLICIES_DIR}${slug}.md`);
  const items = ((data as { whatYouGet?: { amount?: GuideAmount }[] }).whatYouGet ?? []);
  return items.flatMap((item) => (item.amount ? [item.amount] : []));
}

describe('content/benefits', () => {
  it('there are benefit files, with ids that are lowercase ASCII', () => {
    expect(files.length).toBeGreaterThan(0);
    for (const { id } of raw) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  for (const { file, data } of raw) {
    describe(file, () => {
      it('passes BenefitSchema', () => {
        const result = v.safeParse(BenefitSchema, data);
        expect(result.success ? [] : formatIssues(result.issues)).toEqual([]);
      });

      it('is sourced and dated', () => {
        const benefit = v.parse(BenefitSchema, data);
        expect(benefit.citations.length).toBeGreaterThanOrEqual(1);
        expect(benefit.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        // Dates must be quoted in the YAML, or the parser turns them into Date objects.
        expect(typeof (data as { effectiveFrom: unknown }).effectiveFrom).toBe('string');
      });

      it('links an existing guide', () => {
        const benefit = v.parse(BenefitSchema, data);
        expect(existsSync(`${POLICIES_DIR}${benefit.guide}.md`), `content/policies/${benefit.guide}.md`).toBe(true);
      });

      it('copies its amount from the guide, never inventing one', () => {
        const benefit = v.parse(BenefitSchema, data);
        if (!benefit.amount) return;
        expect(guideAmounts(benefit.guide)).toContainEqual({ ...benefit.amount });
      });

      it('has a results order', () => {
        const benefit = v.parse(BenefitSchema, data);
        expect(Number.isInteger(benefit.order)).toBe(true);
      });
    });
  }

  it('has both national baselines and local extensions', () => {
    const scopes = new Set(parsed().map(({ benefit }) => benefit.scope));
    expect(scopes.has('national')).toBe(true);
    expect(scopes.has('local')).toBe(true);
  });

  it('local extensions of the two national subsidies are separate, local files', () => {
    const byId = new Map(parsed().map(({ id, benefit }) => [id, benefit]));
    expect(byId.get('living-subsidy')?.scope).toBe('national');
    expect(byId.get('nursing-subsidy')?.scope).toBe('national');
    expect(byId.get('living-subsidy-low-income')?.scope).toBe('local');
    expect(byId.get('nursing-subsidy-intellectual-mental')?.scope).toBe('local');
  });

  it('every service guide has at least one benefit', () => {
    const guides = new Set(parsed().map(({ benefit }) => benefit.guide));
    expect(SERVICE_GUIDES.length).toBeGreaterThan(20);
    for (const slug of GUIDES_WITHOUT_RULE) {
      expect(existsSync(`${POLICIES_DIR}${slug}.md`), `content/policies/${slug}.md`).toBe(true);
      expect(guides.has(slug), `no benefit for guide ${slug}`).toBe(false);
    }
    for (const slug of SERVICE_GUIDES) expect(guides.has(slug), `a benefit for guide ${slug}`).toBe(true);
  });

  it('every benefit has at least one condition, so nothing is "likely" when nothing is known', () => {
    for (const { id, benefit } of parsed()) expect(benefit.conditions.length + (benefit.appliesTo?.length ?? 0), id).toBeGreaterThan(0);
  });

  it('the two national subsidies: guide, easy-read and checker give the configured amount, not only "由本省规定"', () => {
    const byId = new Map(parsed().map(({ id, benefit }) => [id, benefit]));
    for (const slug of ['living-subsidy', 'nursing-subsidy']) {
      const [amount, ...more] = guideAmounts(slug);
      expect(more, slug).toEqual([]);
      expect(amount, `${slug}: an amount in whatYouGet`).toMatchObject({ scope: 'provincial', text: expect.stringMatching(/\d+ 元/) });
      expect(amount!.source, `${slug}: example data, said so`).toContain('示例数据');
      expect(byId.get(slug)?.amount, `content/benefits/${slug}.yaml`).toEqual(amount);
      expect(byId.get(slug)?.gives).not.toContain('由本省规定');
      const { data } = readMarkdown(`${POLICIES_DIR}${slug}.md`);
      const easyRead = (data as { easyRead: { heading: string; points: string[] }[] }).easyRead;
      const howMuch = easyRead.find((s) => s.heading === '能领多少');
      expect(howMuch?.points.join(''), `${slug}: easy-read 能领多少`).toContain(amount!.text.replace(/^每人/, ''));
      expect(howMuch?.points.join(''), `${slug}: easy-read says it is an example`).toContain('示例');
    }
  });

  it('every benefit has its own name: none is another with words added, so two results never look alike', () => {
    const titles = parsed().map(({ benefit }) => benefit.title);
    for (const a of titles) {
      for (const b of titles) if (a !== b) expect(b.startsWith(a), `“${b}” starts with “${a}”`).toBe(false);
    }
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('the big national subsidies come first in the results order', () => {
    const all = parsed();
    const orderOf = (id: string) => all.find((b) => b.id === id)?.benefit.order ?? Infinity;
    const first = Math.max(orderOf('living-subsidy'), orderOf('nursing-subsidy'));
    for (const { id, benefit } of all) {
      if (id === 'living-subsidy' || id === 'nursing-subsidy') continue;
      expect(benefit.order, id).toBeGreaterThan(first);
    }
  });
});
