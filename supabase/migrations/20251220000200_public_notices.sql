-- 公示: the public notice of a qualifying certificate assessment (《残疾人证管理办法》: 5 working
-- days, never for minors), and the objections (异议) staff record against it.
--
-- A reviewer starts the notice with the assessed category and grade (staff_notice_start): the
-- decision to 公示 and the notice are one transaction, and an application cannot be in 公示
-- without its notice (a deferred check). The notice row holds only what is published — the
-- masked name, township, category, grade and dates — so the public function reads nothing else.
-- The period's end is counted here with the calendar of the previous migration, once, when the
-- notice starts; the pages show the stored dates.

------------------------------------------------------------------------------------------------
-- Names as a public notice shows them: 王*华, 王*, 欧阳**, 阿***·**提, a one-character name as *.
-- The same rules as maskNoticeName (src/domain/notices.ts); a test holds them together.
------------------------------------------------------------------------------------------------
create function intake.mask_public_name(p_name text)
returns text
language plpgsql
immutable
set search_path = ''
as $$
declare
  name text := btrim(coalesce(p_name, ''));
  parts text[];
  n integer;
  i integer;
  out_parts text[] := '{}';
  part text;
begin
  if name = '' then
    return '';
  end if;
  -- Minority names written with a middle dot (阿依古丽·买买提): the first and the last character
  -- shown, every other masked, the dots kept.
  if name ~ '[·•・．.‧]' then
    parts := regexp_split_to_array(name, '\s*[·•・．.‧]\s*');
    n := cardinality(parts);
    for i in 1 .. n loop
      part := parts[i];
      if i = 1 then
        out_parts := out_parts || (left(part, 1) || repeat('*', greatest(char_length(part) - 1, 0)));
      elsif i = n then
        out_parts := out_parts || (repeat('*', greatest(char_length(part) - 1, 0)) || right(part, 1));
      else
        out_parts := out_parts || repeat('*', char_length(part));
      end if;
    end loop;
    return array_to_string(out_parts, '·');
  end if;
  n := char_length(name);
  return case
    when n = 1 then '*'
    when n = 2 then left(name, 1) || '*'
    when n = 3 then left(name, 1) || '*' || right(name, 1)
    else left(name, 2) || repeat('*', n - 2)
  end;
end;
$$;
revoke all on function intake.mask_public_name(text) from public, anon, authenticated, service_role;
grant execute on function intake.mask_public_name(text) to authenticated;

-- Whether the person of an ID number is under 18 on a day (birth date: characters 7–14).
create function intake.is_minor(p_id_number text, p_day date)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select case when coalesce(p_id_number, '') ~ '^[0-9]{6}(19|20)[0-9]{6}'
              then (to_date(substr(p_id_number, 7, 8), 'YYYYMMDD') + interval '18 years')::date > p_day
              else true end;  -- no readable birth date: never published
$$;
revoke all on function intake.is_minor(text, date) from public, anon, authenticated, service_role;
grant execute on function intake.is_minor(text, date) to authenticated;

-- Today in China (UTC+8), the day every period is counted from.
create function intake.today_in_china()
returns date
language sql
stable
set search_path = ''
as $$
  select (now() at time zone 'Asia/Shanghai')::date;
$$;
revoke all on function intake.today_in_china() from public, anon, authenticated, service_role;
grant execute on function intake.today_in_china() to authenticated;

------------------------------------------------------------------------------------------------
-- The notices and the objections.
------------------------------------------------------------------------------------------------
create table intake.public_notices (
  -- The notice's own id (the feed's guid): not the application's, which stays private.
  id uuid primary key default gen_random_uuid(),
  application_id uuid not null unique references intake.applications (id) on delete cascade,
  service text not null references intake.services,
  name_masked text not null check (char_length(name_masked) between 1 and 60),
  township text check (township ~ '^[a-z][a-z0-9-]{1,39}$'),
  category smallint not null check (category between 1 and 7),
  grade smallint not null check (grade between 1 and 4),
  -- The day it was put up, the first and last day of the period (objections until the end of it).
  posted_on date not null,
  starts_on date not null check (starts_on >= posted_on),
  ends_on date not null check (ends_on >= starts_on),
  working_days integer not null check (working_days between 1 and 30),
  started_by uuid not null,
  created_at timestamptz not null default now()
);
create index public_notices_period_idx on intake.public_notices (ends_on, posted_on);
-- Who may see it: staff who may work the application (its policies decide); the public only
-- through public.public_notices(), which returns the published fields of current notices.
alter table intake.public_notices enable row level security;
revoke all on intake.public_notices from public, anon, authenticated, service_role;
grant select, insert on intake.public_notices to authenticated;
create policy staff_read_notices on intake.public_notices for select to authenticated
  using (exists (select 1 from intake.applications a where a.id = application_id));
create policy reviewer_starts_notice on intake.public_notices for insert to authenticated
  with check (started_by = auth.uid()
              and exists (select 1 from intake.current_staff() s where s.role = 'reviewer')
              and exists (select 1 from intake.applications a where a.id = application_id));

create table intake.notice_objections (
  id bigint generated always as identity primary key,
  notice_id uuid not null references intake.public_notices (id) on delete cascade,
  received_on date not null,
  -- What the objection says, in staff's words: no ID or phone number (checked as for notes).
  summary text not null check (char_length(summary) between 1 and 500),
  outcome text not null check (outcome in ('pending', 'upheld', 'dismissed')),
  outcome_note text check (char_length(outcome_note) <= 500),
  recorded_by uuid not null,
  recorded_at timestamptz not null default now()
);
create index notice_objections_notice_idx on intake.notice_objections (notice_id, id);
-- Who may see it: staff who may see the notice; clerks (the window receives objections) and
-- reviewers record them. Nobody changes or deletes one: a later outcome is a new row.
alter table intake.notice_objections enable row level security;
revoke all on intake.notice_objections from public, anon, authenticated, service_role;
revoke all on sequence intake.notice_objections_id_seq from public, anon, authenticated, service_role;
grant select, insert on intake.notice_objections to authenticated;
grant usage on sequence intake.notice_objections_id_seq to authenticated;
create policy staff_read_objections on intake.notice_objections for select to authenticated
  using (exists (select 1 from intake.public_notices n where n.id = notice_id));
create policy staff_record_objection on intake.notice_objections for insert to authenticated
  with check (recorded_by = auth.uid()
              and exists (select 1 from intake.current_staff() s where s.role in ('clerk', 'reviewer'))
              and exists (select 1 from intake.public_notices n where n.id = notice_id));

-- An application in 公示 has its notice: checked at commit, so staff_notice_start (decision, then
-- notice) passes and a bare staff_decide to public_notice is refused (notice_details_required).
create function intake.public_notice_required()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.status = 'public_notice' and not exists (select 1 from intake.public_notices n where n.application_id = new.id) then
    raise exception using errcode = 'P0001', message = 'notice_details_required';
  end if;
  return null;
end;
$$;
revoke all on function intake.public_notice_required() from public, anon, authenticated, service_role;
create constraint trigger applications_public_notice_required
  after insert or update of status on intake.applications
  deferrable initially deferred
  for each row when (new.status = 'public_notice')
  execute function intake.public_notice_required();

-- The audit log learns one more action: an objection recorded. Whatever actions earlier
-- migrations allow are kept (read from the constraint itself).
do $$
declare
  c record;
  actions text[];
begin
  select conname, pg_get_constraintdef(oid) as def into c from pg_constraint
  where conrelid = 'intake.audit_log'::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%action%';
  select array_agg(m[1]) into actions from regexp_matches(c.def, '''([a-z_]+)''', 'g') as m;
  if not 'notice_objection' = any (actions) then
    execute format('alter table intake.audit_log drop constraint %I', c.conname);
    execute format('alter table intake.audit_log add constraint %I check (action = any (%L::text[]))',
                   c.conname, actions || array['notice_objection']);
  end if;
end;
$$;

------------------------------------------------------------------------------------------------
-- What the public reads: current notices, published fields only.
------------------------------------------------------------------------------------------------

-- The notices on the board on a day: put up, period not over, application still in 公示, and
-- never a minor (checked again here, from the ID number, on the first day of the period).
create function intake.notices_on(p_day date)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', n.id, 'service', n.service, 'name', n.name_masked, 'township', n.township,
           'category', n.category, 'grade', n.grade, 'starts_on', n.starts_on, 'ends_on', n.ends_on)
         order by n.starts_on, n.township, n.id), '[]'::jsonb)
  from intake.public_notices n
  join intake.applications a on a.id = n.application_id
  where p_day between n.posted_on and n.ends_on
    and a.status = 'public_notice'
    and not intake.is_minor(a.applicant_id_number, n.starts_on);
$$;
revoke all on function intake.notices_on(date) from public, anon, authenticated, service_role;

-- The public notice page and its feed (the publishable key, role anon): today's notices.
create function public.public_notices()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select intake.notices_on(intake.today_in_china());
$$;
revoke all on function public.public_notices() from public, anon, authenticated, service_role;
grant execute on function public.public_notices() to anon;

------------------------------------------------------------------------------------------------
-- Staff: start a notice, read it with its objections, record an objection.
------------------------------------------------------------------------------------------------

-- 公示 with the assessed category and grade, for `p_working_days` working days (the federation's
-- configuration; at least the statutory 5 for certificates). Starts today if today is a working
-- day, else on the next one; ends on its last working day.
create function public.staff_notice_start(p_id uuid, p_version integer, p_category integer, p_grade integer, p_working_days integer, p_internal_note text default null)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  me record;
  a record;
  today date := intake.today_in_china();
  first_day date;
  last_day date;
  decided jsonb;
begin
  select * into me from intake.staff_or_fail();
  select id, service, answers, applicant_id_number, township into a from intake.applications where id = p_id;
  if not found then
    raise exception using errcode = 'P0001', message = 'application_not_found';
  end if;
  if p_category is null or p_category not between 1 and 7 or p_grade is null or p_grade not between 1 and 4 then
    raise exception using errcode = 'P0001', message = 'invalid_notice';
  end if;
  if p_working_days is null or p_working_days not between 5 and 30 then
    raise exception using errcode = 'P0001', message = 'invalid_notice';
  end if;
  if intake.is_minor(a.applicant_id_number, today) then
    raise exception using errcode = 'P0001', message = 'notice_minor';
  end if;
  -- The decision's own checks: role, transition, version (decision_conflict), audited as 'decide'.
  decided := public.staff_decide(p_id, p_version, 'public_notice', null, p_internal_note);
  first_day := case when intake.is_working_day(today) then today else intake.add_working_days(today, 1) end;
  last_day := intake.add_working_days(first_day, p_working_days - 1);
  insert into intake.public_notices (application_id, service, name_masked, township, category, grade, posted_on, starts_on, ends_on, working_days, started_by)
  values (a.id, a.service, intake.mask_public_name(a.answers -> 'applicant' ->> 'name'), a.township, p_category, p_grade,
          today, first_day, last_day, p_working_days, me.user_id);
  return decided || jsonb_build_object('starts_on', first_day, 'ends_on', last_day);
end;
$$;

-- The notice of an application (null if none) with its objections and whether its period is
-- over, and whether the applicant is a minor today (no 公示 then; the page never holds the full
-- ID number to work it out itself).
create function public.staff_notice(p_id uuid)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  a record;
  n intake.public_notices;
  today date := intake.today_in_china();
begin
  perform intake.staff_or_fail();
  select id, applicant_id_number into a from intake.applications where id = p_id;
  if not found then
    raise exception using errcode = 'P0001', message = 'application_not_found';
  end if;
  select * into n from intake.public_notices where application_id = p_id;
  return jsonb_build_object(
    'minor', intake.is_minor(a.applicant_id_number, today),
    'notice', case when n.id is null then null else jsonb_build_object(
      'id', n.id, 'name', n.name_masked, 'township', n.township, 'category', n.category, 'grade', n.grade,
      'posted_on', n.posted_on, 'starts_on', n.starts_on, 'ends_on', n.ends_on, 'working_days', n.working_days,
      'completed', today > n.ends_on,
      'objections', coalesce((
        select jsonb_agg(jsonb_build_object('received_on', o.received_on, 'summary', o.summary, 'outcome', o.outcome,
                                            'outcome_note', o.outcome_note, 'recorded_by', o.recorded_by,
                                            'recorded_by_name', m.display_name, 'recorded_at', o.recorded_at) order by o.id)
        from intake.notice_objections o left join intake.staff_names() m on m.user_id = o.recorded_by
        where o.notice_id = n.id), '[]'::jsonb)) end);
end;
$$;

-- An objection received (at the window, by phone or letter) and its outcome, audited.
create function public.staff_notice_objection(p_id uuid, p_received_on date, p_summary text, p_outcome text, p_outcome_note text default null)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  me record;
  n intake.public_notices;
  summary text := nullif(btrim(coalesce(p_summary, '')), '');
  outcome_note text := nullif(btrim(coalesce(p_outcome_note, '')), '');
begin
  select * into me from intake.staff_or_fail();
  if me.role not in ('clerk', 'reviewer') then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  select * into n from intake.public_notices where application_id = p_id;
  if not found then
    raise exception using errcode = 'P0001', message = 'notice_not_found';
  end if;
  if summary is null or char_length(summary) > 500 or char_length(coalesce(outcome_note, '')) > 500
     or p_outcome is null or p_outcome not in ('pending', 'upheld', 'dismissed') then
    raise exception using errcode = 'P0001', message = 'invalid_objection';
  end if;
  if intake.note_has_personal_data(summary) or intake.note_has_personal_data(outcome_note) then
    raise exception using errcode = 'P0001', message = 'note_personal_data';
  end if;
  if p_received_on is null or p_received_on < n.posted_on or p_received_on > intake.today_in_china() then
    raise exception using errcode = 'P0001', message = 'objection_date';
  end if;
  insert into intake.notice_objections (notice_id, received_on, summary, outcome, outcome_note, recorded_by)
  values (n.id, p_received_on, summary, p_outcome, outcome_note, me.user_id);
  perform intake.audit('notice_objection', p_id, jsonb_build_object('outcome', p_outcome));
  return jsonb_build_object('notice', n.id, 'outcome', p_outcome);
end;
$$;

do $$
declare
  f record;
begin
  for f in select p.oid::regprocedure as sig from pg_proc p
           where p.pronamespace = 'public'::regnamespace and p.proname in ('staff_notice_start', 'staff_notice', 'staff_notice_objection') loop
    execute format('revoke all on function %s from public, anon, service_role', f.sig);
    execute format('grant execute on function %s to authenticated', f.sig);
  end loop;
end;
$$;
