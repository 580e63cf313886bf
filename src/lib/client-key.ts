import { createHash } from 'node:crypto';

/**
 * The throttle key of a client (status lookups, resume codes, submissions): a hash of its IP
 * address, so the address itself never reaches the database (which peppers and hashes it
 * again). One definition for the pages and the JSON API, so a client has one allowance of
 * failures whichever door it uses.
 */
export function clientKeyOf(ip: string): string {
  return createHash('sha256').update(`client:${ip || 'unknown'}`).digest('hex');
}

/**
 * The client's address: Netlify's own (Astro's clientAddress, or the function context's ip),
 * else the header Netlify's edge sets, else 'unknown'.
 */
export function clientIpOf(own: (() => string | undefined) | string | undefined, headers: Headers): string {
  let ip: string | undefined;
  try {
    ip = typeof own === 'function' ? own() : own;
  } catch {
    ip = undefined;
  }
  return ip || headers.get('x-nf-client-connection-ip') || 'unknown';
}
