import { describe, expect, it } from 'vitest';
import { RETRY_AFTER_SECONDS, withRetryAfter } from '../../../src/lib/unavailable.ts';

describe('withRetryAfter (every on-demand page, through src/middleware.ts)', () => {
  it('adds Retry-After to a 503, keeping its body and headers', async () => {
    const response = withRetryAfter(new Response('<main>…</main>', { status: 503, headers: { 'Content-Type': 'text/html' } }));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(await response.text()).toBe('<main>…</main>');
  });

  it('copies a response whose headers cannot change', async () => {
    const frozen = Response.error();
    const fake = new Proxy(frozen, { get: (t, p) => (p === 'status' ? 503 : Reflect.get(t, p)) }) as Response;
    expect(() => frozen.headers.set('x', '1')).toThrow();
    expect(withRetryAfter(fake).headers.get('retry-after')).toBe('30');
  });

  it('leaves other statuses and an existing Retry-After alone', () => {
    expect(withRetryAfter(new Response('', { status: 200 })).headers.has('retry-after')).toBe(false);
    expect(withRetryAfter(new Response('', { status: 503, headers: { 'Retry-After': '5' } })).headers.get('retry-after')).toBe('5');
  });
});
