#!/usr/bin/env node
/**
 * Staff accounts from the command line, for the first administrator of a new deployment (after
 * that, administrators add colleagues in the workspace at /staff/users/):
 *
 *   npm run staff -- add <email> --role admin|clerk|reviewer|officer --name 显示名 [--township <id>]
 *   npm run staff -- code <base32 secret>      the current 6-digit code of an authenticator secret
 *
 * `add` talks to the Supabase project in SUPABASE_URL with SUPABASE_SECRET_KEY (Auth's admin API,
 * then public.bootstrap_staff_member) and prints a first password, shown once, that must be changed
 * at first sign-in; the authenticator is set up at first sign-in too. `code` is for development
 * and tests (what an authenticator app shows); it needs no project.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { createClient } from '@supabase/supabase-js';
import { parse } from 'yaml';

const ROLES = ['admin', 'clerk', 'reviewer', 'officer'];
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { role: { type: 'string' }, name: { type: 'string' }, township: { type: 'string' } },
});
const [command, arg] = positionals;

function fail(message) {
  console.error(message);
  process.exit(1);
}

/** A first password: 16 characters from an alphabet without look-alikes (0/O, 1/l/I). */
export function firstPassword() {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return [...randomBytes(16)].map((b) => alphabet[b % alphabet.length]).join('');
}

if (command === 'code') {
  if (!arg) fail('usage: npm run staff -- code <base32 secret>');
  const { totp } = await import('../dev/local-supabase/auth/totp.ts');
  try {
    console.log(totp(arg));
  } catch {
    fail('That is not a base32 secret (letters A–Z and digits 2–7).');
  }
} else if (command === 'add') {
  const email = (arg ?? '').trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) fail('usage: npm run staff -- add <email> --role <role> --name <name> [--township <id>]');
  if (!ROLES.includes(values.role ?? '')) fail(`--role must be one of ${ROLES.join(', ')}`);
  if (!values.name?.trim()) fail('--name is required: the name colleagues see in the workspace');
  const townships = (parse(readFileSync(new URL('../content/site.yaml', import.meta.url), 'utf8')).townships ?? []).map((t) => t.id);
  if (values.role === 'officer' && !townships.includes(values.township)) fail(`--township is required for an officer: one of ${townships.join(', ')} (content/site.yaml)`);
  if (values.role !== 'officer' && values.township) fail('--township is only for an officer');
  const url = process.env.SUPABASE_URL;
  const key = process.env.SUPABASE_SECRET_KEY ?? process.env.SUPABASE_SERVICE_ROLE_KEY;
  if (!url || !key) fail('Set SUPABASE_URL and SUPABASE_SECRET_KEY (npm start prints the embedded ones).');
  const admin = createClient(url, key, { auth: { persistSession: false, autoRefreshToken: false } });
  const password = firstPassword();
  const created = await admin.auth.admin.createUser({ email, password, email_confirm: true, user_metadata: { must_change_password: true } });
  if (created.error || !created.data.user) fail(`Could not create the account: ${created.error?.message ?? 'no user returned'}`);
  const row = await admin.rpc('bootstrap_staff_member', {
    p_user_id: created.data.user.id, p_display_name: values.name.trim(), p_role: values.role, p_township: values.township ?? null,
  });
  if (row.error) {
    await admin.auth.admin.deleteUser(created.data.user.id);
    fail(`Could not record the staff member (${row.error.message}); the account was removed again.`);
  }
  console.log(`Added ${email} as ${values.role}. First password (shown once; changed at first sign-in): ${password}`);
} else {
  fail('usage: npm run staff -- add <email> --role <role> --name <name> [--township <id>] | code <secret>');
}
