import axe from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * Every rule set the portal promises; no rule is ever disabled. wcag2aaa holds the enhanced
 * contrast of text (1.4.6, 7:1) that design.md targets, so it stays true on every page state.
 */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag2aaa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * A context whose pages carry axe-core from the first script. Injecting once per
 * navigation this way is several times faster than @axe-core/playwright's per-call
 * injection, which keeps "axe on every page" affordable on two cores.
 */
export async function axeContext(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await context.addInitScript({ content: axe.source });
  return context;
}

/**
 * The page as a reader without JavaScript gets it: every <script> removed from the
 * HTML before it reaches the browser. axe itself still runs, injected by the context.
 */
export async function noJsAxeContext(browser: Browser): Promise<BrowserContext> {
  const context = await axeContext(browser);
  await context.route('**/*', async (route) => {
    const request = route.request();
    if (request.resourceType() === 'script') return route.abort();
    if (request.resourceType() !== 'document') return route.continue();
    // route.fetch() re-sends the request from Playwright's own client; pass the browser's
    // headers through so a form POST keeps its Origin (Astro refuses cross-site POSTs).
    const response = await route.fetch({ headers: await request.allHeaders() });
    const body = (await response.text()).replace(/<script\b[\s\S]*?<\/script>/g, '');
    return route.fulfill({ response, body });
  });
  return context;
}

export interface Violation {
  id: string;
  help: string;
  nodes: { target: unknown[] }[];
}

/** Run axe on the loaded page; returns readable lines, one per violation. */
export async function axeViolations(page: Page): Promise<string[]> {
  const violations = await page.evaluate(
    async (tags) =>
      (
        await (window as unknown as { axe: typeof axe }).axe.run(document, {
          runOnly: { type: 'tag', values: tags },
          resultTypes: ['violations'],
        })
      ).violations,
    AXE_TAGS,
  );
  return (violations as Violation[]).map(
    (v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
  );
}
