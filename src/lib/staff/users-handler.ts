import { createAccount, resetAuthenticators, setAccountEnabled, StaffAuthError } from '../../data/staff-auth.ts';
import { StaffDataError, type StaffMember } from '../../data/staff.ts';
import { STAFF_ROLES, type StaffRole } from '../../domain/staff/workspace.ts';
import type { staffText } from '../../i18n/text/staff.ts';
import { readForm } from '../apply/form-input.ts';
import { MIN_PASSWORD } from './sign-in.ts';
import type { StaffContext } from './page.ts';

/**
 * Administrators manage staff accounts: add one (the Auth account through the admin API, with a
 * first password to be changed at first sign-in; the workspace row with the administrator's own
 * JWT, audited), change a role or township, disable (banned at Auth and inactive here, so refused
 * at the next request) or enable again, and reset the authenticator of someone who lost their phone.
 */
type StaffKey = keyof typeof staffText;
export interface UsersOutcome {
  status: number;
  members: StaffMember[];
  values: Record<string, string>;
  errors: { field: string; key: StaffKey }[];
  done?: StaffKey;
  doneName?: string;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export async function handleUsers(request: Request, ctx: StaffContext, townships: readonly string[]): Promise<UsersOutcome> {
  const list = async () => ctx.data.members();
  if (request.method !== 'POST') return { status: 200, members: await list(), values: {}, errors: [] };
  const form = await readForm(request);
  if (!form.ok) return { status: form.status, members: await list(), values: {}, errors: [] };
  const f = form.fields;
  if (f['do'] === 'reset') {
    const member = (await list()).find((m) => m.user_id === f['user']);
    if (!member) return { status: 404, members: await list(), values: {}, errors: [] };
    if (member.user_id === ctx.me.user_id) return { status: 422, members: await list(), values: {}, errors: [{ field: 'email', key: 'staff.users.self' }] };
    // Checked and audited first, with the administrator's own token; then removed at Auth.
    await ctx.data.factorReset(member.user_id);
    await resetAuthenticators(member.user_id);
    return { status: 200, members: await list(), values: {}, errors: [], done: 'staff.users.resetDone', doneName: member.display_name };
  }
  if (f['do'] === 'toggle') {
    const member = (await list()).find((m) => m.user_id === f['user']);
    if (!member) return { status: 404, members: await list(), values: {}, errors: [] };
    if (member.user_id === ctx.me.user_id) return { status: 422, members: await list(), values: {}, errors: [{ field: 'email', key: 'staff.users.self' }] };
    const active = !member.active;
    await setAccountEnabled(member.user_id, active);
    await ctx.data.saveMember({ ...member, active });
    return { status: 200, members: await list(), values: {}, errors: [], done: 'staff.users.changed' };
  }
  const values = { email: (f['email'] ?? '').trim().toLowerCase().slice(0, 254), name: (f['name'] ?? '').trim().slice(0, 40), role: f['role'] ?? '', township: f['township'] ?? '' };
  const password = (f['password'] ?? '').slice(0, 200);
  const errors: UsersOutcome['errors'] = [];
  if (!EMAIL.test(values.email)) errors.push({ field: 'email', key: 'staff.users.emailInvalid' });
  if (!values.name) errors.push({ field: 'name', key: 'staff.users.nameEmpty' });
  if (!(STAFF_ROLES as readonly string[]).includes(values.role)) errors.push({ field: 'role', key: 'staff.users.roleEmpty' });
  if (values.role === 'officer' && !townships.includes(values.township)) errors.push({ field: 'township', key: 'staff.users.townshipEmpty' });
  if ([...password].length < MIN_PASSWORD) errors.push({ field: 'password', key: 'staff.password.short' });
  if (errors.length) return { status: 422, members: await list(), values, errors };
  let userId: string;
  try {
    userId = await createAccount(values.email, password);
  } catch (error) {
    const key: StaffKey = error instanceof StaffAuthError && error.reason === 'weak_password' ? 'staff.password.short' : 'staff.users.exists';
    if (error instanceof StaffAuthError && error.reason === 'unavailable') throw error;
    return { status: 422, members: await list(), values, errors: [{ field: key === 'staff.users.exists' ? 'email' : 'password', key }] };
  }
  try {
    await ctx.data.saveMember({ user_id: userId, display_name: values.name, role: values.role as StaffRole, township: values.role === 'officer' ? values.township : null, active: true });
  } catch (error) {
    if (error instanceof StaffDataError && error.code === 'invalid_staff') return { status: 422, members: await list(), values, errors: [{ field: 'role', key: 'staff.users.roleEmpty' }] };
    throw error;
  }
  return { status: 200, members: await list(), values: {}, errors: [], done: 'staff.users.created', doneName: values.name };
}
