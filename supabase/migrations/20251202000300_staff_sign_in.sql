-- Throttling staff sign-in (password and second factor alike), per account and per client, so a
-- password or a 6-digit code cannot be guessed: the server asks before each attempt and records
-- each failure. Accounts and clients are kept only as peppered hashes (the pepper of intake.policy).
-- Residents' functions are unaffected; these are called with the secret key by the workspace's
-- sign-in pages only.

alter table intake.policy
  add column sign_in_window interval not null default interval '15 minutes',
  add column sign_in_max_failures_per_account integer not null default 5,
  add column sign_in_max_failures_per_client integer not null default 20;

create table intake.sign_in_failures (
  id bigint generated always as identity primary key,
  account_hash bytea not null,
  client_hash bytea not null,
  failed_at timestamptz not null default now()
);
create index sign_in_failures_account_idx on intake.sign_in_failures (account_hash, failed_at);
create index sign_in_failures_client_idx on intake.sign_in_failures (client_hash, failed_at);
-- Who may see it: nobody but the functions.
alter table intake.sign_in_failures enable row level security;
revoke all on intake.sign_in_failures from public, anon, authenticated, service_role;
revoke all on sequence intake.sign_in_failures_id_seq from public, anon, authenticated, service_role;

create function intake.sign_in_hash(p_kind text, p_value text)
returns bytea
language sql
stable
set search_path = ''
as $$
  select sha256((select client_key_pepper from intake.policy) || convert_to(p_kind || ':' || lower(btrim(coalesce(p_value, ''))), 'UTF8'));
$$;
revoke all on function intake.sign_in_hash(text, text) from public, anon, authenticated, service_role;

-- Whether another attempt may be made now, and if not, in how many seconds.
create function public.sign_in_allowed(p_account text, p_client_key text)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  p intake.policy;
  account bytea := intake.sign_in_hash('account', p_account);
  client bytea := intake.sign_in_hash('client', p_client_key);
  oldest timestamptz;
begin
  select * into p from intake.policy;
  -- The failure that reached a limit (the Nth most recent in the window): waiting until it leaves
  -- the window lifts the limit.
  select min(failed_at) into oldest from (
    (select failed_at from intake.sign_in_failures where account_hash = account and failed_at > now() - p.sign_in_window
     order by failed_at desc offset p.sign_in_max_failures_per_account - 1 limit 1)
    union all
    (select failed_at from intake.sign_in_failures where client_hash = client and failed_at > now() - p.sign_in_window
     order by failed_at desc offset p.sign_in_max_failures_per_client - 1 limit 1)) f;
  if oldest is null then
    return jsonb_build_object('allowed', true, 'retry_after', 0);
  end if;
  return jsonb_build_object('allowed', false,
    'retry_after', greatest(1, ceil(extract(epoch from (oldest + p.sign_in_window - now())))::integer));
end;
$$;

-- Records a failure; failures older than a day are no use for throttling and are dropped here.
create function public.sign_in_failed(p_account text, p_client_key text)
returns void
language sql
security definer
set search_path = ''
as $$
  delete from intake.sign_in_failures where failed_at < now() - interval '1 day';
  insert into intake.sign_in_failures (account_hash, client_hash)
  values (intake.sign_in_hash('account', p_account), intake.sign_in_hash('client', p_client_key));
$$;

-- A successful sign-in clears that account's failures (not the client's).
create function public.sign_in_succeeded(p_account text)
returns void
language sql
security definer
set search_path = ''
as $$
  delete from intake.sign_in_failures where account_hash = intake.sign_in_hash('account', p_account);
$$;

revoke all on function public.sign_in_allowed(text, text) from public, anon, authenticated;
revoke all on function public.sign_in_failed(text, text) from public, anon, authenticated;
revoke all on function public.sign_in_succeeded(text) from public, anon, authenticated;
grant execute on function public.sign_in_allowed(text, text) to service_role;
grant execute on function public.sign_in_failed(text, text) to service_role;
grant execute on function public.sign_in_succeeded(text) to service_role;

-- Accounts made outside the workspace (the command line, and the development administrator that
-- `npm start` seeds): the secret key records who the new Auth user is to the workspace. Inside the
-- workspace an administrator does this with their own JWT (staff_member_save).
create function public.bootstrap_staff_member(p_user_id uuid, p_display_name text, p_role text, p_township text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  m intake.staff_members;
begin
  begin
    insert into intake.staff_members (user_id, display_name, role, township)
    values (p_user_id, btrim(coalesce(p_display_name, '')), p_role, case when p_role = 'officer' then p_township end)
    on conflict (user_id) do update
      set display_name = excluded.display_name, role = excluded.role, township = excluded.township, active = true, updated_at = now()
    returning * into m;
  exception when check_violation or not_null_violation then
    perform intake.fail('invalid_staff');
  end;
  return jsonb_build_object('user_id', m.user_id, 'role', m.role, 'township', m.township);
end;
$$;
revoke all on function public.bootstrap_staff_member(uuid, text, text, text) from public, anon, authenticated;
grant execute on function public.bootstrap_staff_member(uuid, text, text, text) to service_role;

-- An administrator resets a colleague's authenticator (a lost or replaced phone): the factor is
-- removed at Auth with the secret key, and this records who did it, with the administrator's own
-- JWT. The colleague sets a new authenticator up at their next sign-in.
create function public.staff_member_factor_reset(p_user_id uuid)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  me record;
begin
  select * into me from intake.staff_or_fail();
  if me.role <> 'admin' or p_user_id = me.user_id then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if not exists (select 1 from intake.staff_members where user_id = p_user_id) then
    raise exception using errcode = 'P0001', message = 'invalid_staff';
  end if;
  perform intake.audit('staff_factor_reset', null, jsonb_build_object('user', p_user_id));
  return jsonb_build_object('user_id', p_user_id);
end;
$$;
revoke all on function public.staff_member_factor_reset(uuid) from public, anon, authenticated;
grant execute on function public.staff_member_factor_reset(uuid) to authenticated;
