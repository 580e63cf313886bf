import { expect } from 'vitest';
import { tags } from './html-tags.ts';

/**
 * A browser without JavaScript, over plain HTTP: it reads the form a page really serves (its
 * action, its text fields, the values of its radios and checkboxes) and posts it back as a browser
 * would, with the page's Origin and the cookies it was given. So a journey walked by this robot
 * sends exactly what the served HTML offers: an option value the server would not accept, in
 * either script, fails here.
 */
export class CookieJar {
  private cookies = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      if (eq <= 0) continue;
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      // Astro deletes a cookie by setting it empty with an expiry in the past.
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0\b/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  names(): string[] {
    return [...this.cookies.keys()];
  }
}

export interface FormControl {
  name: string;
  kind: 'text' | 'textarea' | 'radio' | 'checkbox' | 'hidden' | 'submit';
  value: string;
  checked: boolean;
}

export interface ServedForm {
  action: string;
  controls: FormControl[];
}

/** Unescape what an HTML serializer escapes in attribute values and text. */
export function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');
}

/** The page's POST form (the first one inside <main>), as a browser sees it. */
export function servedForm(html: string, pageUrl: string): ServedForm | null {
  const main = html.slice(Math.max(0, html.indexOf('<main')));
  const start = main.search(/<form\b[^>]*method="post"/i);
  if (start < 0) return null;
  const end = main.indexOf('</form>', start);
  const formHtml = main.slice(start, end < 0 ? undefined : end);
  const all = tags(formHtml);
  const attrs = (t: (typeof all)[number]) => Object.fromEntries(t.attributes.map(([k, v]) => [k, unescapeHtml(v)]));
  const form = attrs(all[0]!);
  const controls: FormControl[] = [];
  for (const tag of all.slice(1)) {
    const a = attrs(tag);
    if (!a['name']) continue;
    if (tag.name === 'textarea') controls.push({ name: a['name'], kind: 'textarea', value: unescapeHtml(tag.raw ?? ''), checked: false });
    else if (tag.name === 'button') controls.push({ name: a['name'], kind: 'submit', value: a['value'] ?? '', checked: false });
    else if (tag.name === 'input') {
      const type = (a['type'] ?? 'text').toLowerCase();
      const kind = type === 'radio' || type === 'checkbox' || type === 'hidden' ? type : 'text';
      controls.push({ name: a['name'], kind, value: a['value'] ?? (kind === 'checkbox' || kind === 'radio' ? 'on' : ''), checked: 'checked' in a });
    }
  }
  return { action: new URL(form['action'] ?? '', pageUrl).pathname + new URL(form['action'] ?? '', pageUrl).search, controls };
}

/**
 * What a person answers, by field name. A string for a text field or the radio to choose; a list
 * for checkboxes. For a radio group not listed, the first option offered is chosen. A choice that
 * the page does not offer fails the test (that is the point: the robot sends only what is served).
 */
export type Answers = Record<string, string | string[]>;

/** The body a browser would send when the person answers `answers` and presses `intent`. */
export function fillForm(form: ServedForm, answers: Answers, intent = 'continue'): URLSearchParams {
  const body = new URLSearchParams();
  const groups = new Map<string, FormControl[]>();
  for (const c of form.controls) groups.set(c.name, [...(groups.get(c.name) ?? []), c]);
  for (const [name, controls] of groups) {
    const kind = controls[0]!.kind;
    const wanted = answers[name];
    if (kind === 'hidden') body.append(name, controls[0]!.value);
    else if (kind === 'submit') {
      if (controls.some((c) => c.value === intent)) body.append(name, intent);
    } else if (kind === 'text' || kind === 'textarea') {
      body.append(name, typeof wanted === 'string' ? wanted : controls[0]!.value);
    } else if (kind === 'radio') {
      const offered = controls.map((c) => c.value);
      const choice = typeof wanted === 'string' ? wanted : offered[0]!;
      expect(offered, `radio ${name}: the page offers these values`).toContain(choice);
      body.append(name, choice);
    } else {
      const offered = controls.map((c) => c.value);
      const ticks = wanted === undefined ? controls.filter((c) => c.checked).map((c) => c.value) : Array.isArray(wanted) ? wanted : [wanted];
      for (const t of ticks) {
        expect(offered, `checkbox ${name}: the page offers these values`).toContain(t);
        body.append(name, t);
      }
    }
  }
  return body;
}

/**
 * One browser: a cookie jar, the base URL, and a client address of its own (as
 * X-Nf-Client-Connection-Ip), so the hourly limits per client meet only the tests about them.
 */
export class Robot {
  readonly jar = new CookieJar();
  readonly headers: Record<string, string>;
  constructor(readonly baseUrl: string, headers: Record<string, string> = {}) {
    this.headers = { 'X-Nf-Client-Connection-Ip': `192.0.2.7-${Math.random().toString(16).slice(2, 10)}`, ...headers };
  }

  async get(path: string): Promise<{ response: Response; html: string }> {
    const response = await fetch(new URL(path, this.baseUrl), { headers: { Cookie: this.jar.header(), ...this.headers }, redirect: 'manual' });
    this.jar.take(response);
    return { response, html: await response.text() };
  }

  async post(path: string, body: URLSearchParams): Promise<{ response: Response; html: string }> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method: 'POST',
      headers: { Origin: this.baseUrl, Cookie: this.jar.header(), 'Content-Type': 'application/x-www-form-urlencoded', ...this.headers },
      body,
      redirect: 'manual',
    });
    this.jar.take(response);
    return { response, html: await response.text() };
  }
}
