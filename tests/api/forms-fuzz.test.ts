import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baseUrl, newClientIp } from './support.ts';
import { injectedMarkup } from './html-tags.ts';
import { ADULT_ID, makeCertificate } from '../support/identities.ts';

/**
 * Hostile HTML form posts to the on-demand pages (urlencoded and multipart, with a matching
 * Origin, as a browser sends them): never a 5xx, and an injected script never comes back
 * unescaped (as an element, an event handler or a javascript: URL; html-tags.ts reads the page
 * as a browser would). A page this build does not have yet (404) is skipped, saying so.
 */
const SCRIPT = '<script>alert(1)</script>';
const HOSTILE = [
  SCRIPT,
  `"><script>alert(1)</script>`,
  `'><script>alert(1)</script><'`,
  `</textarea>${SCRIPT}`,
  `</title>${SCRIPT}`,
  "'; drop table intake.applications; --",
  '$$; delete from intake.drafts; $$',
  'a\u0000b',
  '\u202e\u200b\ufeff',
  '%ED%A0%80',
  '{{7*7}}${7*7}',
  '𠮷'.repeat(50),
  '长'.repeat(3000),
];

interface FormPage {
  path: string;
  /** Valid answers of the pages before it, posted first so this page has a draft to work on. */
  before: [string, Record<string, string>][];
}

const PAGES: FormPage[] = [
  {
    path: '/apply/certificate/applicant/',
    before: [['/apply/certificate/action/', { action: 'new' }], ['/apply/certificate/who/', { applying_for: 'self' }]],
  },
  { path: '/apply/transit-card/certificate/', before: [] },
  { path: '/status/', before: [] },
  { path: '/apply/resume/', before: [] },
];

const FALLBACK_NAMES = ['name', 'id_number', 'phone', 'hukou_address', 'home_address', 'certificate_number', 'lower_limb', 'reference', 'id_last4', 'code', 'fact', 'intent', 'return'];

/** One browser of the fuzz: its cookies, and a client address of its own (so the hourly limits per client are not what answers). */
class CookieJar {
  readonly address = newClientIp();
  private cookies = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      if (eq > 0) this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

async function send(path: string, body: BodyInit, jar: CookieJar, contentType?: string) {
  const headers: Record<string, string> = { Origin: baseUrl, Cookie: jar.header(), 'X-Nf-Client-Connection-Ip': jar.address };
  if (contentType) headers['Content-Type'] = contentType;
  const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers, body, redirect: 'manual' });
  jar.take(response);
  return response;
}

/** The names of the inputs of the page's forms (so the fuzz reaches the real fields). */
function fieldNames(html: string): string[] {
  const names = new Set<string>();
  for (const m of html.matchAll(/<(?:input|textarea|select|button)\b[^>]*\bname="([^"]+)"/g)) names.add(m[1]!);
  return names.size > 0 ? [...names] : FALLBACK_NAMES;
}

const status = await Promise.all(PAGES.map(async (p) => (await fetch(`${baseUrl}${p.path}`, { redirect: 'manual' })).status));

const value = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE, '"><img src=x onerror=alert(1)>', "' onmouseover='alert(1)", 'javascript:alert(1)') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', 'yes', 'no', 'new', ADULT_ID, makeCertificate(ADULT_ID, 4, 4), '0136') },
);

type Body = { kind: 'urlencoded' | 'multipart'; entries: [string, string][] } | { kind: 'raw'; type: string; bytes: Uint8Array };

function bodies(names: string[]): fc.Arbitrary<Body> {
  const key = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'x'.repeat(100), '', SCRIPT) });
  const entries = fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 12 });
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom('urlencoded', 'multipart') as fc.Arbitrary<'urlencoded' | 'multipart'>, entries).map(([kind, e]) => ({ kind, entries: e })) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        // Invalid percent-encodings and bytes that are not UTF-8.
        fc.constantFrom('name=%ZZ&phone=%', 'name=%ED%A0%80', 'name=%00%FF%FE', `name=${'%E4%B8'.repeat(10)}`, `a=${'b'.repeat(40_000)}`, '&&&===&', `${'x='.repeat(5000)}`)
          .map((s) => ({ kind: 'raw' as const, type: 'application/x-www-form-urlencoded', bytes: new TextEncoder().encode(s) })),
        fc.uint8Array({ maxLength: 500 }).map((bytes) => ({ kind: 'raw' as const, type: 'application/x-www-form-urlencoded', bytes })),
        // Broken multipart: wrong boundary, truncated, no boundary at all.
        fc.constantFrom(
          ['multipart/form-data; boundary=abc', '--abc\r\nContent-Disposition: form-data; name="name"\r\n\r\n<script>alert(1)</script>\r\n'],
          ['multipart/form-data; boundary=abc', '--xyz\r\n\r\n--xyz--'],
          ['multipart/form-data', 'name=1'],
          ['multipart/form-data; boundary=abc', `--abc\r\nContent-Disposition: form-data; name="name"; filename="x.html"\r\nContent-Type: text/html\r\n\r\n${SCRIPT}\r\n--abc--\r\n`],
        ).map(([type, text]) => ({ kind: 'raw' as const, type: type!, bytes: new TextEncoder().encode(text!) })),
      ),
    },
  );
}

describe('HTML form handlers under hostile posts', () => {
  PAGES.forEach((page, i) => {
    const missing = status[i] === 404;
    if (missing) console.warn(`forms fuzz: ${page.path} returns 404 in this build (the page is not there yet): its test is skipped`);
    it.skipIf(missing)(`${page.path}${missing ? ' — SKIPPED: the page returns 404 in this build' : ''}: no 5xx, no unescaped script`, async () => {
      const names = fieldNames(await (await fetch(`${baseUrl}${page.path}`)).text());
      await fc.assert(
        fc.asyncProperty(bodies(names), async (body) => {
          const jar = new CookieJar();
          for (const [path, answers] of page.before) await send(path, new URLSearchParams(answers), jar);
          let response: Response;
          if (body.kind === 'raw') response = await send(page.path, body.bytes.slice(), jar, body.type);
          else if (body.kind === 'urlencoded') response = await send(page.path, new URLSearchParams(body.entries), jar);
          else {
            const form = new FormData();
            for (const [k, v] of body.entries) form.append(k, v);
            response = await send(page.path, form, jar);
          }
          const text = await response.text();
          const what = `${page.path} ${body.kind} ${JSON.stringify(body.kind === 'raw' ? body.type : body.entries).slice(0, 300)} → ${response.status}`;
          expect(response.status, what).toBeLessThan(500);
          // Inside a quoted attribute (value="<script>…") it is text, as a browser reads it; as an
          // element, an event handler or a javascript: URL it would run.
          expect(injectedMarkup(text), `${what}: injected markup came back as markup`).toEqual([]);
          if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) expect(text.includes(SCRIPT), what).toBe(false);
        }),
        { numRuns: 120 },
      );
    });
  });
});
