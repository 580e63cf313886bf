import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * The receipt page's address carries an encrypted, authenticated token (AES-256-GCM) holding
 * the reference, service, action and date. Anyone with the link sees the receipt — it works
 * when bookmarked, long after the draft is gone — but nobody can make a receipt for a reference
 * they guessed, so the page never confirms that someone else's application exists, and the
 * reference is not readable from the URL in server logs.
 */
export interface ReceiptData {
  reference: string;
  service: string;
  action: string | null;
  /** YYYY-MM-DD (China Standard Time) */
  submittedOn: string;
  /** Whether an agent applied for someone else (wording on the receipt). */
  forOther: boolean;
}

function key(): Buffer {
  const secret = process.env['RECEIPT_SECRET'] || process.env['SUPABASE_SECRET_KEY'];
  if (!secret) {
    if (process.env['NODE_ENV'] === 'production' || process.env['CONTEXT'] === 'production') {
      throw new Error('RECEIPT_SECRET or SUPABASE_SECRET_KEY must be set in production');
    }
    return createHmac('sha256', 'local-development-only').update('receipt-token-v1').digest();
  }
  return createHmac('sha256', secret).update('receipt-token-v1').digest();
}

export function sealReceipt(data: ReceiptData): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify([data.reference, data.service, data.action, data.submittedOn, data.forOther ? 1 : 0]), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

export function openReceipt(token: string): ReceiptData | null {
  if (!/^[A-Za-z0-9_-]{40,400}$/.test(token)) return null;
  try {
    const raw = Buffer.from(token, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key(), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    const [reference, service, action, submittedOn, forOther] = JSON.parse(text) as [string, string, string | null, string, number];
    return { reference, service, action, submittedOn, forOther: forOther === 1 };
  } catch {
    return null;
  }
}
