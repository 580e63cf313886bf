import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * Site search over the Pagefind index built at build time (works offline, no server).
 * Pagefind picks the index matching <html lang>, so Traditional pages search Traditional text.
 * Without JS the server-rendered markup offers the topic index and site map instead of a
 * search box that could not work.
 */
export interface SiteSearchStrings {
  noJs: string;
  noJsTopics: string;
  noJsIndex: string;
  label: string;
  hint: string;
  button: string;
  loading: string;
  /** Contains {count}. */
  resultsCount: string;
  noResults: string;
  error: string;
}

interface Result {
  url: string;
  title: string;
  excerpt: string;
}

interface PagefindApi {
  search: (term: string) => Promise<{ results: { data: () => Promise<{ url: string; meta: { title?: string }; excerpt: string }> }[] }>;
}

const PAGE_SIZE = 20;

/** Pagefind excerpts carry <mark> tags; show plain text only (never inject HTML). */
function plainText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return doc.body.textContent ?? '';
}

async function loadPagefind(): Promise<PagefindApi> {
  const url = '/pagefind/pagefind.js';
  return (await import(/* @vite-ignore */ url)) as PagefindApi;
}

export default function SiteSearch({ strings, topicsHref, indexHref }: { strings: SiteSearchStrings; topicsHref: string; indexHref: string }) {
  const [ready, setReady] = useState(false);
  const [results, setResults] = useState<Result[] | null>(null);
  const [status, setStatus] = useState('');
  const [failed, setFailed] = useState(false);
  const pagefind = useRef<Promise<PagefindApi> | null>(null);

  useEffect(() => setReady(true), []);

  if (!ready) {
    return (
      <div class="notice">
        <p>{strings.noJs}</p>
        <ul>
          <li><a href={topicsHref}>{strings.noJsTopics}</a></li>
          <li><a href={indexHref}>{strings.noJsIndex}</a></li>
        </ul>
      </div>
    );
  }

  async function onSubmit(event: Event) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const term = String(new FormData(form).get('q') ?? '').trim();
    if (!term) return;
    setStatus(strings.loading);
    try {
      pagefind.current ??= loadPagefind();
      const api = await pagefind.current;
      const search = await api.search(term);
      const data = await Promise.all(search.results.slice(0, PAGE_SIZE).map((r) => r.data()));
      const found = data.map((d) => ({ url: d.url, title: d.meta.title ?? d.url, excerpt: plainText(d.excerpt) }));
      setResults(found);
      setFailed(false);
      setStatus(found.length ? strings.resultsCount.replace('{count}', String(search.results.length)) : strings.noResults);
    } catch {
      pagefind.current = null;
      setFailed(true);
      setResults(null);
      setStatus(strings.error);
    }
  }

  return (
    <div class="site-search">
      <form role="search" onSubmit={onSubmit}>
        <label for="search-q" class="search-label">{strings.label}</label>
        <p id="search-hint" class="meta">{strings.hint}</p>
        <div class="search-row">
          <input id="search-q" name="q" type="search" aria-describedby="search-hint" autocomplete="off" />
          <button type="submit" class="button">{strings.button}</button>
        </div>
      </form>
      <p role="status" class="search-status">{status}</p>
      {failed && (
        <ul>
          <li><a href={topicsHref}>{strings.noJsTopics}</a></li>
          <li><a href={indexHref}>{strings.noJsIndex}</a></li>
        </ul>
      )}
      {results && results.length > 0 && (
        <ol class="link-list search-results">
          {results.map((r) => (
            <li key={r.url}>
              <a href={r.url}>{r.title}</a>
              <p>{r.excerpt}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
