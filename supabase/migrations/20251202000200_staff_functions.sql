-- The staff workspace's functions. All SECURITY INVOKER: they run as the signed-in staff member
-- (role authenticated, their JWT's claims), so the policies of the previous migration decide every
-- row they read or change; a function can never show more than its caller may see. Each look at
-- personal data and each decision is audited in the same transaction, so neither happens without
-- the other. Errors: SQLSTATE P0001, message = a stable code (the app says it in Chinese).

-- The caller as a staff member, or not_staff (no row, disabled, or without the second factor).
create function intake.staff_or_fail()
returns table (user_id uuid, role text, township text)
language plpgsql
stable
set search_path = ''
as $$
begin
  return query select * from intake.current_staff();
  if not found then
    raise exception using errcode = 'P0001', message = 'not_staff';
  end if;
end;
$$;
revoke all on function intake.staff_or_fail() from public, anon, authenticated, service_role;
grant execute on function intake.staff_or_fail() to authenticated;

create function intake.audit(p_action text, p_application uuid, p_detail jsonb)
returns void
language sql
set search_path = ''
as $$
  insert into intake.audit_log (actor, actor_role, action, application_id, reference, detail)
  select s.user_id, s.role, p_action, p_application,
         (select a.reference from intake.applications a where a.id = p_application),
         coalesce(p_detail, '{}'::jsonb)
  from intake.current_staff() s;
$$;
revoke all on function intake.audit(text, uuid, jsonb) from public, anon, authenticated, service_role;
grant execute on function intake.audit(text, uuid, jsonb) to authenticated;

-- 王*华, 欧阳**, 王*: the surname and, for longer names, the last character (public-notice practice).
create function intake.mask_name(p_name text)
returns text
language sql
immutable
set search_path = ''
as $$
  select case
    when p_name is null or char_length(p_name) = 0 then ''
    when char_length(p_name) = 1 then p_name
    when char_length(p_name) = 2 then left(p_name, 1) || '*'
    when char_length(p_name) = 3 then left(p_name, 1) || '*' || right(p_name, 1)
    else left(p_name, 2) || repeat('*', char_length(p_name) - 2)
  end;
$$;
revoke all on function intake.mask_name(text) from public, anon, authenticated, service_role;
grant execute on function intake.mask_name(text) to authenticated;

-- 110105********002X: the area code and the last four, never the birth date.
create function intake.mask_id(p_id text)
returns text
language sql
immutable
set search_path = ''
as $$
  select left(p_id, 6) || repeat('*', greatest(char_length(p_id) - 10, 0)) || right(p_id, 4);
$$;
revoke all on function intake.mask_id(text) from public, anon, authenticated, service_role;
grant execute on function intake.mask_id(text) to authenticated;

-- Staff names for the history and the audit log (staff_members' own policy shows a member only
-- their own row; these names are no secret among staff). Empty for anyone who is not staff.
create function intake.staff_names()
returns table (user_id uuid, display_name text, role text, township text, active boolean)
language sql
stable
security definer
set search_path = ''
as $$
  select m.user_id, m.display_name, m.role, m.township, m.active from intake.staff_members m
  where exists (select 1 from intake.current_staff());
$$;
revoke all on function intake.staff_names() from public, anon, authenticated, service_role;
grant execute on function intake.staff_names() to authenticated;

------------------------------------------------------------------------------------------------
-- Who am I.
------------------------------------------------------------------------------------------------
create function public.staff_me()
returns jsonb
language sql
stable
set search_path = ''
as $$
  select coalesce(
    (select jsonb_build_object('user_id', m.user_id, 'display_name', m.display_name, 'role', m.role,
                               'township', m.township, 'active', m.active, 'aal2', exists (select 1 from intake.current_staff()))
     from intake.staff_members m where m.user_id = auth.uid()),
    jsonb_build_object('user_id', auth.uid(), 'role', null, 'active', false, 'aal2', false));
$$;

------------------------------------------------------------------------------------------------
-- The queue: filtered, oldest first, a page at a time, with counts per status. Names masked, no ID
-- numbers: the list is for finding work, the application page for reading it (and is audited).
------------------------------------------------------------------------------------------------
create function public.staff_queue(
  p_service text default null, p_action text default null, p_status text default null, p_township text default null,
  p_submitted_from date default null, p_submitted_to date default null, p_stale_before timestamptz default null,
  p_page integer default 1, p_page_size integer default 25)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  me record;
  size integer := least(greatest(coalesce(p_page_size, 25), 1), 100);
  page integer := greatest(coalesce(p_page, 1), 1);
  result jsonb;
begin
  select * into me from intake.staff_or_fail();
  with visible as (
    select a.id, a.reference, a.service, a.action, a.answers, a.status, a.submitted_at, a.updated_at, a.closed_at, a.township, a.channel, a.assigned_to
    from intake.applications a
    where (p_service is null or a.service = p_service)
      and (p_action is null or a.action = p_action)
      and (p_township is null or a.township = p_township)
      and (p_submitted_from is null or a.submitted_at >= p_submitted_from::timestamptz)
      and (p_submitted_to is null or a.submitted_at < (p_submitted_to + 1)::timestamptz)
      and (p_stale_before is null or (a.closed_at is null and a.updated_at < p_stale_before))
  ), filtered as (
    select * from visible where p_status is null or status = p_status
  )
  select jsonb_build_object(
    'total', (select count(*) from filtered),
    'page', page,
    'page_size', size,
    'counts', coalesce((select jsonb_object_agg(status, n) from (select status, count(*) as n from visible group by status) c), '{}'::jsonb),
    'rows', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', f.id, 'reference', f.reference, 'service', f.service, 'action', f.action, 'status', f.status,
        'township', f.township, 'channel', f.channel, 'submitted_at', f.submitted_at, 'updated_at', f.updated_at,
        'assigned_to', f.assigned_to, 'name', intake.mask_name(f.answers -> 'applicant' ->> 'name')) order by f.submitted_at, f.id)
      from (select * from filtered order by submitted_at, id limit size offset (page - 1) * size) f), '[]'::jsonb))
  into result;
  perform intake.audit('list', null, jsonb_build_object('rows', jsonb_array_length(result -> 'rows'), 'total', result -> 'total'));
  return result;
end;
$$;

-- Search by name or ID number (POST in the workspace: never in a URL). Exact ID, or a name that
-- contains the text; the same masked rows as the queue. The search text is not logged.
create function public.staff_search(p_query text)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  q text := btrim(coalesce(p_query, ''));
  typed_id text := upper(regexp_replace(q, '[[:space:]]', '', 'g'));
  result jsonb;
begin
  perform intake.staff_or_fail();
  if char_length(q) < 2 or char_length(q) > 40 then
    raise exception using errcode = 'P0001', message = 'invalid_search';
  end if;
  select coalesce(jsonb_agg(jsonb_build_object(
      'id', a.id, 'reference', a.reference, 'service', a.service, 'action', a.action, 'status', a.status,
      'township', a.township, 'channel', a.channel, 'submitted_at', a.submitted_at, 'updated_at', a.updated_at,
      'assigned_to', a.assigned_to, 'name', intake.mask_name(a.answers -> 'applicant' ->> 'name')) order by a.submitted_at), '[]'::jsonb)
  into result
  from (select a.id, a.reference, a.service, a.action, a.answers, a.status, a.submitted_at, a.updated_at, a.township, a.channel, a.assigned_to
        from intake.applications a
        where a.applicant_id_number = typed_id
           or strpos(a.answers -> 'applicant' ->> 'name', q) > 0
           or a.reference = typed_id
        order by a.submitted_at limit 50) a;
  perform intake.audit('search', null, jsonb_build_object('rows', jsonb_array_length(result)));
  return result;
end;
$$;

------------------------------------------------------------------------------------------------
-- One application: every answer, the history with who did what, the decisions open to me. The ID
-- number is masked until staff_reveal_id (its own audit entry).
------------------------------------------------------------------------------------------------
create function public.staff_application(p_id uuid)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  me record;
  a record;
begin
  select * into me from intake.staff_or_fail();
  select id, reference, service, action, answers, applicant_id_number, status, submitted_at, updated_at, closed_at, township, channel, entered_by, version, assigned_to into a from intake.applications where id = p_id;
  if not found then
    raise exception using errcode = 'P0001', message = 'application_not_found';
  end if;
  perform intake.audit('open', a.id, '{}'::jsonb);
  return jsonb_build_object(
    'id', a.id, 'reference', a.reference, 'service', a.service, 'action', a.action, 'status', a.status,
    'township', a.township, 'channel', a.channel, 'entered_by', a.entered_by, 'version', a.version,
    'assigned_to', a.assigned_to, 'submitted_at', a.submitted_at, 'updated_at', a.updated_at, 'closed_at', a.closed_at,
    'answers', a.answers, 'id_number_masked', intake.mask_id(a.applicant_id_number),
    'history', coalesce((
      select jsonb_agg(jsonb_build_object('status', e.status, 'note', e.note, 'internal_note', e.internal_note,
                                          'actor', e.actor, 'actor_name', m.display_name, 'at', e.created_at) order by e.id)
      from intake.status_events e left join intake.staff_names() m on m.user_id = e.actor
      where e.application_id = a.id), '[]'::jsonb),
    'next', coalesce((
      select jsonb_agg(t.to_status order by s.sort_order)
      from intake.transitions t join intake.service_statuses s on s.service = t.service and s.status = t.to_status
      where t.service = a.service and t.from_status = a.status and me.role = any (t.roles)), '[]'::jsonb));
end;
$$;

create function public.staff_reveal_id(p_id uuid)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  a record;
begin
  perform intake.staff_or_fail();
  select id, reference, service, action, answers, applicant_id_number, status, submitted_at, updated_at, closed_at, township, channel, entered_by, version, assigned_to into a from intake.applications where id = p_id;
  if not found then
    raise exception using errcode = 'P0001', message = 'application_not_found';
  end if;
  perform intake.audit('show_id', a.id, '{}'::jsonb);
  return jsonb_build_object('id_number', a.applicant_id_number);
end;
$$;

------------------------------------------------------------------------------------------------
-- Decisions: a transition of the table, by a role it allows, on the version the person saw.
-- Two staff deciding at once: the second finds the version moved and is told (decision_conflict),
-- with nothing overwritten. A note to the applicant is required where they need to know why or
-- what to do (需补正, 不予受理, 未通过), and may hold no ID or phone number.
------------------------------------------------------------------------------------------------
create function intake.note_has_personal_data(p_note text)
returns boolean
language sql
immutable
set search_path = ''
as $$
  -- The same patterns as noteHasPersonalData (src/domain/staff/workspace.ts); a test holds them together.
  select coalesce(p_note, '') ~ '[0-9０-９]{17}[0-9０-９Xxｘ]|(^|[^0-9])1[3-9][0-9]{9}([^0-9]|$)|0[0-9]{2,3}[- ]?[0-9]{7,8}';
$$;
revoke all on function intake.note_has_personal_data(text) from public, anon, authenticated, service_role;
grant execute on function intake.note_has_personal_data(text) to authenticated;

create function public.staff_decide(p_id uuid, p_version integer, p_to_status text, p_note text default null, p_internal_note text default null)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  me record;
  a record;
  closes boolean;
  note text := nullif(btrim(coalesce(p_note, '')), '');
  internal text := nullif(btrim(coalesce(p_internal_note, '')), '');
begin
  select * into me from intake.staff_or_fail();
  select id, reference, service, action, answers, applicant_id_number, status, submitted_at, updated_at, closed_at, township, channel, entered_by, version, assigned_to into a from intake.applications where id = p_id;
  if not found then
    raise exception using errcode = 'P0001', message = 'application_not_found';
  end if;
  -- Someone else decided since this person looked: say so first (the update below guards the race).
  if a.version <> p_version then
    raise exception using errcode = 'P0001', message = 'decision_conflict';
  end if;
  if not exists (select 1 from intake.transitions t
                 where t.service = a.service and t.from_status = a.status and t.to_status = p_to_status and me.role = any (t.roles)) then
    raise exception using errcode = 'P0001', message = 'invalid_transition', detail = a.status;
  end if;
  if note is null and p_to_status in ('needs_info', 'refused', 'rejected') then
    raise exception using errcode = 'P0001', message = 'note_required';
  end if;
  if char_length(coalesce(note, '')) > 500 or char_length(coalesce(internal, '')) > 1000 then
    raise exception using errcode = 'P0001', message = 'note_too_long';
  end if;
  if intake.note_has_personal_data(note) then
    raise exception using errcode = 'P0001', message = 'note_personal_data';
  end if;
  select s.closes into closes from intake.service_statuses s where s.service = a.service and s.status = p_to_status;
  update intake.applications
  set status = p_to_status, version = version + 1, updated_at = now(),
      closed_at = case when closes then now() else null end
  where id = a.id and version = p_version
  returning id, reference, service, action, answers, applicant_id_number, status, submitted_at, updated_at, closed_at, township, channel, entered_by, version, assigned_to into a;
  if not found then
    select id, reference, service, action, answers, applicant_id_number, status, submitted_at, updated_at, closed_at, township, channel, entered_by, version, assigned_to into a from intake.applications where id = p_id;
    raise exception using errcode = 'P0001', message = 'decision_conflict', detail = a.status;
  end if;
  insert into intake.status_events (application_id, service, status, note, internal_note, actor)
  values (a.id, a.service, p_to_status, note, internal, me.user_id);
  perform intake.audit('decide', a.id, jsonb_build_object('to', p_to_status, 'version', a.version));
  return jsonb_build_object('id', a.id, 'status', a.status, 'version', a.version, 'closed', a.closed_at is not null);
end;
$$;

-- Take an application (p_user = me) or give it to a colleague who may work it; null releases it.
create function public.staff_assign(p_id uuid, p_version integer, p_user uuid)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  me record;
  a record;
begin
  select * into me from intake.staff_or_fail();
  if me.role = 'admin' then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  select id, reference, service, action, answers, applicant_id_number, status, submitted_at, updated_at, closed_at, township, channel, entered_by, version, assigned_to into a from intake.applications where id = p_id;
  if not found then
    raise exception using errcode = 'P0001', message = 'application_not_found';
  end if;
  if p_user is not null and not exists (
      select 1 from intake.staff_names() m
      where m.user_id = p_user and m.active and (m.role in ('clerk', 'reviewer') or (m.role = 'officer' and m.township = a.township))) then
    raise exception using errcode = 'P0001', message = 'invalid_assignee';
  end if;
  update intake.applications set assigned_to = p_user, version = version + 1, updated_at = now()
  where id = a.id and version = p_version returning id, reference, service, action, answers, applicant_id_number, status, submitted_at, updated_at, closed_at, township, channel, entered_by, version, assigned_to into a;
  if not found then
    raise exception using errcode = 'P0001', message = 'decision_conflict';
  end if;
  perform intake.audit('assign', a.id, jsonb_build_object('to', p_user));
  return jsonb_build_object('id', a.id, 'assigned_to', a.assigned_to, 'version', a.version);
end;
$$;

-- Colleagues an application can be given to (names only; administrators decide nothing).
create function public.staff_colleagues()
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
begin
  perform intake.staff_or_fail();
  return coalesce((select jsonb_agg(jsonb_build_object('user_id', m.user_id, 'display_name', m.display_name, 'role', m.role, 'township', m.township)
                                    order by m.display_name)
                   from intake.staff_names() m where m.active and m.role <> 'admin'), '[]'::jsonb);
end;
$$;

------------------------------------------------------------------------------------------------
-- Counter intake: a clerk's walk-in application. The draft (made through the intake functions)
-- is marked as entered at the counter by this clerk; the application then carries both.
------------------------------------------------------------------------------------------------
create function public.staff_claim_counter_draft(p_draft_id uuid)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  me record;
  changed integer;
begin
  select * into me from intake.staff_or_fail();
  if me.role <> 'clerk' then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  update intake.drafts set channel = 'counter', entered_by = me.user_id where id = p_draft_id;
  get diagnostics changed = row_count;
  if changed = 0 then
    raise exception using errcode = 'P0001', message = 'draft_not_found';
  end if;
  perform intake.audit('counter_intake', null, '{}'::jsonb);
  return jsonb_build_object('draft_id', p_draft_id, 'channel', 'counter');
end;
$$;

------------------------------------------------------------------------------------------------
-- Administration: staff accounts (the Auth user is made through Supabase Auth's admin API by the
-- server; its row here says who it is to the workspace) and the audit log.
------------------------------------------------------------------------------------------------
create function public.staff_members_list()
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  me record;
begin
  select * into me from intake.staff_or_fail();
  if me.role <> 'admin' then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  return coalesce((select jsonb_agg(jsonb_build_object('user_id', m.user_id, 'display_name', m.display_name, 'role', m.role,
                                                       'township', m.township, 'active', m.active, 'created_at', m.created_at)
                                    order by m.created_at)
                   from intake.staff_members m), '[]'::jsonb);
end;
$$;

create function public.staff_member_save(p_user_id uuid, p_display_name text, p_role text, p_township text, p_active boolean)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  me record;
  m intake.staff_members;
  created boolean := false;
begin
  select * into me from intake.staff_or_fail();
  if me.role <> 'admin' then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if p_user_id = me.user_id and (p_role <> 'admin' or not p_active) then
    -- An administrator cannot lock themselves (and perhaps everyone) out.
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  created := not exists (select 1 from intake.staff_members where user_id = p_user_id);
  begin
    insert into intake.staff_members (user_id, display_name, role, township, active)
    values (p_user_id, btrim(coalesce(p_display_name, '')), p_role, case when p_role = 'officer' then p_township end, coalesce(p_active, true))
    on conflict (user_id) do update
      set display_name = excluded.display_name, role = excluded.role, township = excluded.township,
          active = excluded.active, updated_at = now()
    returning * into m;
  exception when check_violation or not_null_violation then
    raise exception using errcode = 'P0001', message = 'invalid_staff';
  end;
  perform intake.audit(case when created then 'staff_create' else 'staff_update' end, null,
                       jsonb_build_object('user', m.user_id, 'role', m.role, 'active', m.active));
  return jsonb_build_object('user_id', m.user_id, 'role', m.role, 'township', m.township, 'active', m.active);
end;
$$;

create function public.staff_audit(p_page integer default 1, p_application uuid default null)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  me record;
  size constant integer := 50;
  result jsonb;
begin
  select * into me from intake.staff_or_fail();
  if me.role <> 'admin' then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  select jsonb_build_object('page', greatest(p_page, 1), 'rows', coalesce(jsonb_agg(jsonb_build_object(
           'at', l.at, 'actor', l.actor, 'actor_name', m.display_name, 'actor_role', l.actor_role, 'action', l.action,
           'application', l.application_id, 'reference', l.reference, 'detail', l.detail) order by l.id desc), '[]'::jsonb))
  into result
  from (select * from intake.audit_log
        where p_application is null or application_id = p_application
        order by id desc limit size offset (greatest(p_page, 1) - 1) * size) l
  left join intake.staff_names() m on m.user_id = l.actor;
  perform intake.audit('audit_read', p_application, '{}'::jsonb);
  return result;
end;
$$;

-- Every staff function: executable by signed-in staff only (the functions themselves refuse
-- anyone who is not an active staff member with a second factor).
do $$
declare
  f record;
begin
  for f in select p.oid::regprocedure as sig from pg_proc p
           where p.pronamespace = 'public'::regnamespace and p.proname like 'staff\_%' loop
    execute format('revoke all on function %s from public, anon, service_role', f.sig);
    execute format('grant execute on function %s to authenticated', f.sig);
  end loop;
end;
$$;
