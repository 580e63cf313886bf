import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const DIST = new URL('../../dist/', import.meta.url).pathname;

/** Every HTML page in dist/, as its URL path ("/news/", "/404.html"). */
export function builtPages(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.html')) out.push(`/${relative(DIST, full)}`.replace(/index\.html$/, ''));
    }
  };
  walk(DIST);
  return out.sort();
}

export function readPage(path: string): string {
  const file = path.endsWith('.html') ? path : `${path}index.html`;
  return readFileSync(join(DIST, file), 'utf8');
}

/** Page paths listed in the sitemap, relative to the site origin. */
export function sitemapPaths(): string[] {
  const index = readFileSync(join(DIST, 'sitemap-index.xml'), 'utf8');
  const maps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
  return maps.flatMap((map) => {
    const xml = readFileSync(join(DIST, map), 'utf8');
    return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => decodeURI(new URL(m[1]!).pathname));
  });
}

/** Interactive tools: pages whose purpose needs client JS and so are exempt from the content-page budgets. */
export const TOOL_PAGES = new Set(['/search/', '/settings/', '/benefits/', '/zh-hant/search/', '/zh-hant/settings/', '/zh-hant/benefits/']);

/** Pages rendered on demand by the SSR function (not files in dist/): form handlers. */
const ON_DEMAND = [
  '/benefits/results/',
  '/status/',
  '/apply/resume/',
  '/apply/receipt/',
  // 公示: today's notices and their feed.
  '/notices/',
  '/notices/rss.xml',
  // Where "这个页面有用吗？" and the receipt's satisfaction question are posted.
  '/feedback/',
  '/feedback/satisfaction/',
  ...['certificate', 'assistive-devices', 'transit-card'].flatMap((service) =>
    ['action', 'who', 'agent', 'certificate', 'applicant', 'category', 'change', 'transfer', 'diagnosis', 'device',
      'previous', 'household', 'assessment', 'delivery', 'pickup', 'declaration', 'check'].map((page) => `/apply/${service}/${page}/`)),
];
export const ON_DEMAND_PATHS = new Set([...ON_DEMAND, ...ON_DEMAND.map((path) => `/zh-hant${path}`)]);
