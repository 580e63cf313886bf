import { getNews, getPolicies } from '../content.ts';

/** The titles of content pages by path (as feedback stores them), for the dashboard's list; unknown paths are left out. */
export async function pageTitles(paths: readonly string[], easyReadSuffix: string): Promise<Record<string, string>> {
  if (paths.length === 0) return {};
  const titles: Record<string, string> = {};
  for (const p of await getPolicies()) {
    titles[`/policies/${p.id}/`] = p.data.title;
    titles[`/policies/${p.id}/easy-read/`] = `${p.data.title}${easyReadSuffix}`;
  }
  for (const n of await getNews()) titles[`/news/${n.id}/`] = n.data.title;
  return Object.fromEntries(paths.filter((p) => titles[p]).map((p) => [p, titles[p]!]));
}
