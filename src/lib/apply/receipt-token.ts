import { seal, unseal } from './sealed.ts';

/**
 * The receipt page's address carries an encrypted, authenticated token holding the reference,
 * service, action and date. Anyone with the link sees the receipt — it works when bookmarked,
 * long after the draft is gone — but nobody can make a receipt for a reference they guessed, so
 * the page never confirms that someone else's application exists, and the reference is not
 * readable from the URL in server logs.
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

export function sealReceipt(data: ReceiptData): string {
  return seal('receipt-token', [data.reference, data.service, data.action, data.submittedOn, data.forOther ? 1 : 0]);
}

export function openReceipt(token: string): ReceiptData | null {
  const value = unseal('receipt-token', token);
  if (!Array.isArray(value) || value.length !== 5) return null;
  const [reference, service, action, submittedOn, forOther] = value as [unknown, unknown, unknown, unknown, unknown];
  if (typeof reference !== 'string' || typeof service !== 'string' || typeof submittedOn !== 'string') return null;
  return { reference, service, action: typeof action === 'string' ? action : null, submittedOn, forOther: forOther === 1 };
}
