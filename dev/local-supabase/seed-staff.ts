/**
 * The development administrator `npm start` makes in the embedded stand-in, so that the staff
 * workspace can be tried at once: a known address and first password (changed at first sign-in,
 * when an authenticator is set up too). Only the stand-in is ever seeded — it refuses any other
 * Supabase URL — and only while it has no staff at all; a real project gets its first
 * administrator from `npm run staff -- add`.
 */
export const DEV_ADMIN = { email: 'admin@canlian.invalid', password: 'dev-only-change-me', name: '开发管理员' } as const;

interface Target { url: string; serviceKey: string }

async function call(target: Target, path: string, body: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${target.url}${path}`, {
    method: 'POST',
    headers: { apikey: target.serviceKey, Authorization: `Bearer ${target.serviceKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json().catch(() => null) };
}

export async function seedDevelopmentAdmin(target: Target, hasStaff: () => Promise<boolean>): Promise<typeof DEV_ADMIN | null> {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(target.url)) throw new Error('Only the local stand-in gets a development administrator.');
  if (await hasStaff()) return null;
  const user = await call(target, '/auth/v1/admin/users', {
    email: DEV_ADMIN.email, password: DEV_ADMIN.password, email_confirm: true, user_metadata: { must_change_password: true },
  });
  if (user.status !== 200) throw new Error(`Could not make the development administrator (${user.status})`);
  const row = await call(target, '/rest/v1/rpc/bootstrap_staff_member', { p_user_id: user.json.id, p_display_name: DEV_ADMIN.name, p_role: 'admin', p_township: null });
  if (row.status !== 200) throw new Error(`Could not record the development administrator (${row.status})`);
  return DEV_ADMIN;
}
