import { randomUUID } from 'node:crypto';
import type { SqlDatabase } from '../../dev/local-supabase/sql.ts';
import { checkCharacter } from '../../src/domain/identity/id-number.ts';
import { rpc } from './database.ts';

/** A valid ID number for a birth date and sequence (made-up people, address code 110105). */
export function idNumber(birth: string, sequence: string): string {
  const first17 = `110105${birth.replace(/-/g, '')}${sequence}`;
  return first17 + checkCharacter(first17);
}

export const APPLICANT_ID = '11010519491231002X'; // the worked example of domain.md §2.4
export const CERTIFICATE = `${APPLICANT_ID}42`; // limb, grade 2

export function token(n = 0): string {
  return `test-token-${String(n).padStart(8, '0')}`;
}

/**
 * A client key of its own (as src/lib/client-key.ts makes from an IP address), so that the hourly
 * limits on drafts and applications per client (intake.policy) are met only by tests about them.
 */
export const newClient = () => `test-client-${randomUUID()}`;

/** A live API channel (the one-shot submit records it): its id. */
export async function apiChannel(db: SqlDatabase, name = '测试渠道'): Promise<string> {
  const hash = randomUUID().replace(/-/g, '').repeat(2);
  return (await rpc<{ id: string }>(db, 'service_role', 'issue_api_key', { p_name: name, p_key_hash: hash })).id;
}

/** A certificate draft with every required page answered. */
export async function completeCertificateDraft(db: SqlDatabase, id = APPLICANT_ID): Promise<string> {
  const draft = await rpc<{ draft_id: string }>(db, 'service_role', 'create_draft', { p_service: 'certificate', p_action: 'new', p_client_key: newClient() });
  const save = (page: string, answers: object) =>
    rpc(db, 'service_role', 'save_page', { p_draft_id: draft.draft_id, p_page: page, p_answers: answers });
  await save('who', { applying_for: 'self' });
  await save('applicant', { name: '测试申请人', id_number: id, phone: '13800000000' });
  await save('assessment', { category: 4, hospital: 'county-hospital', home_visit: false });
  await save('declaration', { agreed: true });
  return draft.draft_id;
}

/** Submit a complete certificate draft (with a token of its own: a token belongs to one application); returns the reference. */
export async function submittedReference(db: SqlDatabase, id = APPLICANT_ID): Promise<string> {
  const draftId = await completeCertificateDraft(db, id);
  const receipt = await rpc<{ reference: string }>(db, 'service_role', 'submit_application', {
    p_draft_id: draftId,
    p_client_token: `fixture-${randomUUID()}`,
    p_client_key: newClient(),
  });
  return receipt.reference;
}
