import type { Server } from 'node:http';

/**
 * Everything the server says and every address it is asked for, for the whole run of the
 * built-site tests, checked at the end for personal data: no ID number, mobile number or staff
 * email may appear in a URL or a log line (the journeys, the API and the workspace all run
 * against this one server). The test runner prints through its own console, so only the
 * server's own output (the SSR pages, the API, the local server) is watched.
 */
const PERSONAL = [
  { what: 'an ID number', pattern: /(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])/ },
  { what: 'a mobile number', pattern: /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/ },
  { what: 'an email address', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/ },
];

export function watchServer(server: Server) {
  const lines: string[] = [];
  const urls: string[] = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const original = Object.fromEntries(methods.map((m) => [m, console[m]])) as Record<(typeof methods)[number], (...a: unknown[]) => void>;
  for (const m of methods) {
    console[m] = (...args: unknown[]) => {
      lines.push(args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? `${a.message}\n${a.stack}` : JSON.stringify(a))).join(' '));
      original[m](...args);
    };
  }
  const listener = (req: { url?: string }) => {
    let url = req.url ?? '';
    try {
      url = decodeURIComponent(url);
    } catch {
      // Kept as sent: a malformed address is still checked.
    }
    urls.push(url);
  };
  server.on('request', listener);
  return {
    /** What was found: "an ID number in a URL: /…" (empty when clean). Restores the console. */
    finish(): string[] {
      for (const m of methods) console[m] = original[m];
      server.off('request', listener);
      const found: string[] = [];
      for (const { what, pattern } of PERSONAL) {
        for (const url of urls) if (pattern.test(url)) found.push(`${what} in a URL: ${url.slice(0, 200)}`);
        for (const line of lines) if (pattern.test(line)) found.push(`${what} in a log line: ${line.slice(0, 200)}`);
      }
      return found;
    },
    counts: () => ({ urls: urls.length, lines: lines.length }),
  };
}
