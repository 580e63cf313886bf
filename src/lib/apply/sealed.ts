import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Small values the server gives the browser and must get back unchanged and unread: encrypted
 * and authenticated (AES-256-GCM), with a key of their own per purpose, so a receipt token can
 * never be replayed as a saved-code cookie or the other way round.
 */
function key(purpose: string): Buffer {
  const secret = process.env['RECEIPT_SECRET'] || process.env['SUPABASE_SECRET_KEY'];
  if (!secret) {
    if (process.env['NODE_ENV'] === 'production' || process.env['CONTEXT'] === 'production') {
      throw new Error('RECEIPT_SECRET or SUPABASE_SECRET_KEY must be set in production');
    }
    return createHmac('sha256', 'local-development-only').update(`${purpose}-v1`).digest();
  }
  return createHmac('sha256', secret).update(`${purpose}-v1`).digest();
}

export function seal(purpose: string, value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(purpose), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/**
 * The sealed value, or null when the token was changed, cut, or sealed for another purpose.
 * Tokens longer than `maxLength` are refused unread (a staff session, holding Auth's tokens,
 * is the one larger value).
 */
export function unseal(purpose: string, token: string, maxLength = 600): unknown {
  if (token.length < 40 || token.length > maxLength || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
  try {
    const raw = Buffer.from(token, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key(purpose), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as unknown;
  } catch {
    return null;
  }
}
