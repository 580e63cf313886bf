import { createHash } from 'node:crypto';

/**
 * The throttle key for status lookups and resume codes: a hash of the client's IP address, so
 * the address itself never reaches the database (which peppers and hashes it again).
 */
export function clientKey(clientAddress: () => string, headers: Headers): string {
  let ip = '';
  try {
    ip = clientAddress();
  } catch {
    ip = headers.get('x-nf-client-connection-ip') ?? '';
  }
  return createHash('sha256').update(`client:${ip || 'unknown'}`).digest('hex');
}
