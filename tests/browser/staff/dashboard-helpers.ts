import type { Page } from 'playwright-core';
import { open } from '../journeys/helpers.ts';

/**
 * The service dashboard's figures as a reader finds them: each table by its caption, each row by
 * its header cell, the cells' text. And the chart beside it, as drawn (its labels).
 */
export type Table = Record<string, string[]>;

export async function tableOf(page: Page, caption: string): Promise<Table> {
  return page.evaluate((caption) => {
    const table = [...document.querySelectorAll('table')].find((t) => t.caption?.textContent?.trim() === caption);
    if (!table) return {};
    return Object.fromEntries([...table.tBodies[0]!.rows].map((r) => [
      r.cells[0]!.textContent!.trim(), [...r.cells].slice(1).map((c) => c.textContent!.trim()),
    ]));
  }, caption);
}

/** The bar labels of the chart whose title is `caption`, with each bar's drawn width (percent of the row). */
export async function chartOf(page: Page, caption: string): Promise<{ label: string; width: number }[]> {
  return page.evaluate((caption) => {
    const chart = [...document.querySelectorAll('.chart')].find((c) => c.querySelector('.chart__title')?.textContent?.trim() === caption);
    if (!chart) return [];
    return [...chart.querySelectorAll('li')].map((li) => ({
      label: li.querySelector('.chart__label')!.textContent!.trim(),
      width: Number.parseFloat(li.querySelector('rect')!.getAttribute('width')!),
    }));
  }, caption);
}

/** The first number in a cell ("12 件" → 12). */
export const n = (cell: string | undefined) => Number((cell ?? '').match(/\d+/)?.[0] ?? Number.NaN);

/** Every table of the dashboard (the last 30 days), read at once. */
export async function readDashboard(page: Page, captions: readonly string[]): Promise<Record<string, Table>> {
  await open(page, '/staff/dashboard/');
  const out: Record<string, Table> = {};
  for (const c of captions) out[c] = await tableOf(page, c);
  return out;
}
