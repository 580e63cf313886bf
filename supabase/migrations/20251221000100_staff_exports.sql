-- Exports from the staff workspace: the queue as filtered, and column sets for the federation's
-- upward reports (src/domain/staff/export-columns.ts declares them), as CSV or XLSX.
--
-- Like every staff function these are SECURITY INVOKER: they run as the signed-in staff member
-- (their own JWT), so the row-level security of 20251202000100 decides which applications an
-- export holds (a liaison officer: only their township). An export is started once
-- (staff_export_start: checks, counts, records the export and its audit entry in one
-- transaction) and then read a page at a time by keyset (staff_export_rows), so 10,000 rows never
-- sit in memory on either side. Rows can be read only under an export started by the same person
-- within the hour, with the filters recorded then: nobody reads rows that are not in the log.
--
-- Masked by default: names 王*华, ID numbers 110105********002X, phones 138****0000, and no
-- birth date, sex or address (the ID number would give them back). Full data only when asked
-- for, and only for the roles allowed (reviewer: every township; officer: their own township, as
-- RLS allows); a clerk who asks is refused.

------------------------------------------------------------------------------------------------
-- Masking of phone numbers (names and ID numbers: intake.mask_name, intake.mask_id).
------------------------------------------------------------------------------------------------

-- 138****0000, 0571****5678: the first three (mobile) or the area code, and the last four.
-- The same as maskPhone (src/domain/staff/workspace.ts); a test holds them together.
create function intake.mask_phone(p_phone text)
returns text
language sql
immutable
set search_path = ''
as $$
  select case
    when p_phone is null or p_phone = '' then ''
    when char_length(p_phone) <= 4 then repeat('*', char_length(p_phone))
    when char_length(p_phone) <= 7 then repeat('*', char_length(p_phone) - 4) || right(p_phone, 4)
    else left(p_phone, 3) || repeat('*', char_length(p_phone) - 7) || right(p_phone, 4)
  end;
$$;
revoke all on function intake.mask_phone(text) from public, anon, authenticated, service_role;
grant execute on function intake.mask_phone(text) to authenticated;

-- The roles that may export full names, ID numbers, phones and addresses. Officers see only their
-- own township's rows in the first place (RLS), so theirs is a township's roll.
create function intake.export_full_allowed(p_role text)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select p_role in ('reviewer', 'officer');
$$;
revoke all on function intake.export_full_allowed(text) from public, anon, authenticated, service_role;
grant execute on function intake.export_full_allowed(text) to authenticated;

------------------------------------------------------------------------------------------------
-- The exports: who exported what, when. Append-only for its owner; the audit log has the same.
------------------------------------------------------------------------------------------------
create table intake.exports (
  id uuid primary key default gen_random_uuid(),
  actor uuid not null,
  column_set text not null check (column_set ~ '^[a-z][a-z0-9-]{1,39}$'),
  format text not null check (format in ('csv', 'xlsx')),
  full_data boolean not null,
  -- The queue's filters (no personal data) and the column set's own services and statuses.
  filters jsonb not null check (jsonb_typeof(filters) = 'object' and octet_length(filters::text) <= 1000),
  row_count integer not null check (row_count >= 0),
  created_at timestamptz not null default now()
);
-- Who may see it: each staff member their own exports (to read them page by page); nobody
-- changes or deletes one (no grant).
alter table intake.exports enable row level security;
revoke all on intake.exports from public, anon, authenticated, service_role;
grant select, insert on intake.exports to authenticated;
create policy staff_own_exports on intake.exports for select to authenticated
  using (actor = auth.uid() and exists (select 1 from intake.current_staff()));
create policy staff_add_exports on intake.exports for insert to authenticated
  with check (exists (select 1 from intake.current_staff() s where s.user_id = actor and s.role <> 'admin'));

-- Keyset pagination: oldest first, id breaking ties.
create index applications_export_idx on intake.applications (submitted_at, id);

------------------------------------------------------------------------------------------------
-- Row-level security that scales to an export. The policies of 20251202000100 call
-- intake.staff_may_work(township) for every row; with 10,000 applications that is 10,000 calls of
-- intake.current_staff() (reading the JWT each time): 30 s for one count on PGlite. The same rule,
-- written so that the caller's standing is asked once per statement (an uncorrelated sub-select
-- becomes an InitPlan, as Supabase's RLS performance guide advises) and the row only compares its
-- township. Who may read and change what is exactly as before (the staff tests hold it).
------------------------------------------------------------------------------------------------
create function intake.staff_reads_every_township()
returns boolean
language sql
stable
set search_path = ''
as $$
  select exists (select 1 from intake.current_staff() s where s.role in ('clerk', 'reviewer'));
$$;
revoke all on function intake.staff_reads_every_township() from public, anon, authenticated, service_role;
grant execute on function intake.staff_reads_every_township() to authenticated;

create function intake.staff_own_township()
returns text
language sql
stable
set search_path = ''
as $$
  select s.township from intake.current_staff() s where s.role = 'officer';
$$;
revoke all on function intake.staff_own_township() from public, anon, authenticated, service_role;
grant execute on function intake.staff_own_township() to authenticated;

drop policy staff_read_applications on intake.applications;
drop policy staff_update_applications on intake.applications;
create policy staff_read_applications on intake.applications for select to authenticated
  using ((select intake.staff_reads_every_township()) or township = (select intake.staff_own_township()));
create policy staff_update_applications on intake.applications for update to authenticated
  using ((select intake.staff_reads_every_township()) or township = (select intake.staff_own_township()))
  with check ((select intake.staff_reads_every_township()) or township = (select intake.staff_own_township()));

-- The applications an export's filters select, as the caller may see them (RLS applies: this is
-- SECURITY INVOKER like its callers), oldest first after (p_after_at, p_after_id), at most
-- p_limit (all when null). Keyset and limit are inside, so a page walks the index and stops.
create function intake.export_candidates(f jsonb, p_after_at timestamptz default null, p_after_id uuid default null, p_limit integer default null)
returns table (id uuid, reference text, service text, action text, answers jsonb, applicant_id_number text, status text,
               submitted_at timestamptz, updated_at timestamptz, closed_at timestamptz, township text, channel text)
language sql
stable
set search_path = ''
as $$
  -- Only the columns staff may read (the column grants of 20251202000100).
  select a.id, a.reference, a.service, a.action, a.answers, a.applicant_id_number, a.status,
         a.submitted_at, a.updated_at, a.closed_at, a.township, a.channel
  from intake.applications a
  where (f ->> 'service' is null or a.service = f ->> 'service')
    and (f ->> 'action' is null or a.action = f ->> 'action')
    and (f ->> 'status' is null or a.status = f ->> 'status')
    and (f ->> 'township' is null or a.township = f ->> 'township')
    and (f ->> 'submitted_from' is null or a.submitted_at >= (f ->> 'submitted_from')::date::timestamptz)
    and (f ->> 'submitted_to' is null or a.submitted_at < ((f ->> 'submitted_to')::date + 1)::timestamptz)
    and (f ->> 'stale_before' is null or (a.closed_at is null and a.updated_at < (f ->> 'stale_before')::timestamptz))
    and (f -> 'services' is null or a.service = any (array(select jsonb_array_elements_text(f -> 'services'))))
    and (f -> 'statuses' is null or a.status = any (array(select jsonb_array_elements_text(f -> 'statuses'))))
    and (p_after_at is null or (a.submitted_at, a.id) > (p_after_at, coalesce(p_after_id, '00000000-0000-0000-0000-000000000000'::uuid)))
  order by a.submitted_at, a.id
  limit p_limit;
$$;
revoke all on function intake.export_candidates(jsonb, timestamptz, uuid, integer) from public, anon, authenticated, service_role;
grant execute on function intake.export_candidates(jsonb, timestamptz, uuid, integer) to authenticated;

------------------------------------------------------------------------------------------------
-- Start an export: who may, what it holds, how many rows; recorded and audited together.
------------------------------------------------------------------------------------------------
create function public.staff_export_start(p_column_set text, p_format text, p_full boolean, p_filters jsonb)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  me record;
  f jsonb := coalesce(p_filters, '{}'::jsonb);
  allowed constant text[] := array['service', 'action', 'status', 'township', 'submitted_from', 'submitted_to',
                                   'stale_before', 'services', 'statuses'];
  total integer;
  e intake.exports;
begin
  select * into me from intake.staff_or_fail();
  if me.role = 'admin' then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if coalesce(p_full, false) and not intake.export_full_allowed(me.role) then
    raise exception using errcode = 'P0001', message = 'export_full_not_allowed';
  end if;
  if jsonb_typeof(f) <> 'object' or exists (select 1 from jsonb_object_keys(f) k where k <> all (allowed))
     or p_column_set is null or p_column_set !~ '^[a-z][a-z0-9-]{1,39}$' or p_format is null or p_format not in ('csv', 'xlsx') then
    raise exception using errcode = 'P0001', message = 'invalid_export';
  end if;
  begin
    select count(*) into total from intake.export_candidates(f);
  exception when invalid_datetime_format or datetime_field_overflow or invalid_text_representation then
    raise exception using errcode = 'P0001', message = 'invalid_export';
  end;
  insert into intake.exports (actor, column_set, format, full_data, filters, row_count)
  values (me.user_id, p_column_set, p_format, coalesce(p_full, false), f, total)
  returning * into e;
  perform intake.audit('export', null, jsonb_build_object(
    'export', e.id, 'column_set', e.column_set, 'format', e.format, 'filters', e.filters,
    'rows', e.row_count, 'masked', not e.full_data));
  return jsonb_build_object('id', e.id, 'rows', e.row_count, 'full', e.full_data, 'at', e.created_at);
end;
$$;

------------------------------------------------------------------------------------------------
-- One page of an export's rows after (submitted_at, id), oldest first. Every field any column set
-- uses, masked unless the export was started with full data.
------------------------------------------------------------------------------------------------
create function public.staff_export_rows(p_export uuid, p_after_at timestamptz default null, p_after_id uuid default null, p_limit integer default 500)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  e intake.exports;
  size integer := least(greatest(coalesce(p_limit, 500), 1), 1000);
  result jsonb;
begin
  perform intake.staff_or_fail();
  select * into e from intake.exports x
  where x.id = p_export and x.actor = auth.uid() and x.created_at > now() - interval '1 hour';
  if not found then
    raise exception using errcode = 'P0001', message = 'export_not_found';
  end if;
  select coalesce(jsonb_agg(r order by r.submitted_at, r.id), '[]'::jsonb) into result
  from (
    select
      a.id, a.reference, a.service, a.action, a.status, a.township, a.channel, a.submitted_at, a.updated_at, a.closed_at,
      case when e.full_data then a.answers -> 'applicant' ->> 'name' else intake.mask_name(a.answers -> 'applicant' ->> 'name') end as name,
      case when e.full_data then a.applicant_id_number else intake.mask_id(a.applicant_id_number) end as id_number,
      case when e.full_data then case when substr(a.applicant_id_number, 17, 1)::int % 2 = 1 then 'male' else 'female' end end as sex,
      case when e.full_data then to_char(to_date(substr(a.applicant_id_number, 7, 8), 'YYYYMMDD'), 'YYYY-MM-DD') end as birth_date,
      case when e.full_data then c.number
           when c.number is not null then intake.mask_id(left(c.number, 18)) || right(c.number, 2) end as certificate_number,
      coalesce(case when a.action = 'new' then a.answers -> 'category' ->> 'category' end,
               case when a.answers -> 'change' ->> 'change_kind' = 'category' then a.answers -> 'change' ->> 'new_category' end,
               substr(c.number, 19, 1)) as category,
      case when a.answers -> 'change' ->> 'change_kind' is null then substr(c.number, 20, 1) end as grade,
      case when e.full_data then coalesce(a.answers -> 'applicant' ->> 'phone', a.answers -> 'agent' ->> 'phone')
           else intake.mask_phone(coalesce(a.answers -> 'applicant' ->> 'phone', a.answers -> 'agent' ->> 'phone')) end as phone,
      case when e.full_data then coalesce(a.answers -> 'applicant' ->> 'hukou_address', a.answers -> 'applicant' ->> 'home_address') end as address,
      case when e.full_data then a.answers -> 'agent' ->> 'name' else intake.mask_name(a.answers -> 'agent' ->> 'name') end as agent_name,
      a.answers -> 'agent' ->> 'relationship' as agent_relationship,
      case when jsonb_typeof(a.answers -> 'device' -> 'devices') = 'array' then a.answers -> 'device' -> 'devices'
           when a.answers -> 'device' ->> 'devices' is not null then jsonb_build_array(a.answers -> 'device' ->> 'devices') end as devices,
      a.answers -> 'household' ->> 'economic_status' as economic_status,
      coalesce(a.answers -> 'delivery' ->> 'pickup_point', a.answers -> 'pickup' ->> 'pickup_point') as pickup_point,
      a.answers -> 'delivery' ->> 'method' as delivery_method,
      (select min(s.created_at) from intake.status_events s where s.application_id = a.id and s.status = 'production') as production_at
    from intake.export_candidates(e.filters, p_after_at, p_after_id, size) a
    cross join lateral (select nullif(a.answers -> 'certificate' ->> 'certificate_number', '') as number) c
  ) r;
  return result;
end;
$$;

-- Executable by signed-in staff only (the functions refuse anyone who is not active staff with a
-- second factor).
revoke all on function public.staff_export_start(text, text, boolean, jsonb) from public, anon, service_role;
grant execute on function public.staff_export_start(text, text, boolean, jsonb) to authenticated;
revoke all on function public.staff_export_rows(uuid, timestamptz, uuid, integer) from public, anon, service_role;
grant execute on function public.staff_export_rows(uuid, timestamptz, uuid, integer) to authenticated;
