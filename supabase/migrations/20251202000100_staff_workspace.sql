-- The staff workspace: the federation's staff see and decide applications.
--
-- Unlike the residents' intake functions (security definer, secret key), staff functions run with
-- the staff member's own JWT (SECURITY INVOKER, role `authenticated`), so row-level security
-- decides what each role and township may read and change. Every look at personal data and every
-- decision is written to an append-only audit log in the same transaction.
--
-- Roles: clerk (窗口受理员), reviewer (审核员), officer (乡镇（街道）专职委员, own township only),
-- admin (管理员: staff accounts and the audit log; no applications). A role that sees personal data
-- needs a second factor: the JWT's aal must be aal2.

------------------------------------------------------------------------------------------------
-- Where an application comes from and which township it belongs to.
------------------------------------------------------------------------------------------------

-- Every application names its township (乡镇（街道）), an id from the federation's list in
-- site.yaml; the journeys ask it on their own page and the JSON API requires it (the whole
-- application is checked against the journeys). The database only checks its shape: which ids
-- exist is the federation's configuration, not the schema's.
insert into intake.service_pages (service, page, required)
select service, 'township', false from intake.services;

-- channel: online (the web forms), counter (a clerk for a walk-in resident), api (another channel).
-- entered_by: the clerk who entered a counter application.
alter table intake.drafts
  add column channel text not null default 'online' check (channel in ('online', 'counter')),
  add column entered_by uuid;
alter table intake.applications
  add column township text check (township ~ '^[a-z][a-z0-9-]{1,39}$'),
  add column channel text not null default 'online' check (channel in ('online', 'counter', 'api')),
  add column entered_by uuid,
  add column version integer not null default 1,
  add column assigned_to uuid;
create index applications_queue_idx on intake.applications (status, submitted_at);
create index applications_township_idx on intake.applications (township, submitted_at);

-- Filled in as an application is made from its draft (both submit functions insert here): the
-- township from the answers, the channel and the clerk from the draft, 'api' for a one-shot
-- submission (the only kind with a request hash).
create function intake.application_origin()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  d intake.drafts;
begin
  select * into d from intake.drafts where id = new.draft_id;
  new.township := nullif(new.answers -> 'township' ->> 'township', '');
  new.channel := case when new.request_hash is not null then 'api' else coalesce(d.channel, 'online') end;
  new.entered_by := d.entered_by;
  return new;
end;
$$;
create trigger applications_origin before insert on intake.applications
  for each row execute function intake.application_origin();
revoke all on function intake.application_origin() from public, anon, authenticated, service_role;

------------------------------------------------------------------------------------------------
-- Statuses and the decisions that move between them.
------------------------------------------------------------------------------------------------

-- 已提交 (submitted) is not yet accepted: staff accept (受理), ask for more (需补正) or refuse to
-- accept (不予受理). Labels are the applicant's plain words (the app may override by code).
insert into intake.service_statuses (service, status, sort_order, closes, label)
select service, s.status, s.sort_order, s.closes, s.label
from intake.services,
  (values
    ('accepted', 2, false, '已受理：工作人员已经受理您的申请'),
    ('needs_info', 90, false, '需补正：请按说明补充材料或更正信息'),
    ('refused', 101, true, '不予受理：请查看说明；有异议可以申请复核')) as s (status, sort_order, closes, label);
update intake.service_statuses set sort_order = sort_order + 1
where status not in ('received', 'accepted', 'needs_info', 'refused', 'rejected', 'withdrawn');

-- The allowed decisions: from one status to another, and which roles may take them. Anything not
-- listed is refused (invalid_transition). The roles are the workspace's; admin decides nothing.
create table intake.transitions (
  service text not null references intake.services,
  from_status text not null,
  to_status text not null,
  roles text[] not null check (roles <@ array['clerk', 'reviewer', 'officer']::text[] and cardinality(roles) > 0),
  primary key (service, from_status, to_status),
  foreign key (service, from_status) references intake.service_statuses (service, status),
  foreign key (service, to_status) references intake.service_statuses (service, status)
);
-- Who may see it: any active staff member (the workspace offers only the allowed decisions).
alter table intake.transitions enable row level security;
revoke all on intake.transitions from public, anon, authenticated, service_role;

insert into intake.transitions (service, from_status, to_status, roles)
select service, f, t, r::text[] from intake.services, (values
  ('received', 'accepted', '{clerk,reviewer,officer}'),
  ('received', 'needs_info', '{clerk,reviewer,officer}'),
  ('received', 'refused', '{clerk,reviewer}'),
  ('needs_info', 'accepted', '{clerk,reviewer,officer}'),
  ('needs_info', 'refused', '{clerk,reviewer}')) as x (f, t, r);
insert into intake.transitions (service, from_status, to_status, roles) values
  ('certificate', 'accepted', 'assessment', '{clerk,reviewer}'),
  ('certificate', 'accepted', 'review', '{reviewer}'),             -- renewal, replacement, damaged, transfer: no assessment
  ('certificate', 'assessment', 'public_notice', '{reviewer}'),
  ('certificate', 'assessment', 'review', '{reviewer}'),           -- minors: no public notice
  ('certificate', 'assessment', 'rejected', '{reviewer}'),
  ('certificate', 'public_notice', 'review', '{reviewer}'),
  ('certificate', 'public_notice', 'rejected', '{reviewer}'),       -- an objection upheld
  ('certificate', 'review', 'production', '{reviewer}'),
  ('certificate', 'review', 'needs_info', '{reviewer}'),
  ('certificate', 'review', 'rejected', '{reviewer}'),
  ('certificate', 'production', 'completed', '{clerk,reviewer}'),
  ('assistive-devices', 'accepted', 'assessment', '{clerk,reviewer}'),
  ('assistive-devices', 'assessment', 'pricing', '{reviewer}'),
  ('assistive-devices', 'assessment', 'rejected', '{reviewer}'),
  ('assistive-devices', 'pricing', 'approval', '{reviewer}'),
  ('assistive-devices', 'approval', 'fitting', '{reviewer}'),
  ('assistive-devices', 'approval', 'rejected', '{reviewer}'),
  ('assistive-devices', 'fitting', 'follow_up', '{clerk,reviewer}'),
  ('assistive-devices', 'fitting', 'completed', '{clerk,reviewer}'),
  ('assistive-devices', 'follow_up', 'completed', '{clerk,reviewer}'),
  ('transit-card', 'accepted', 'review', '{clerk,reviewer}'),
  ('transit-card', 'review', 'production', '{reviewer}'),
  ('transit-card', 'review', 'needs_info', '{reviewer}'),
  ('transit-card', 'review', 'rejected', '{reviewer}'),
  ('transit-card', 'production', 'completed', '{clerk,reviewer}');
-- Withdrawn at the applicant's request, from any open status.
insert into intake.transitions (service, from_status, to_status, roles)
select service, status, 'withdrawn', '{clerk,reviewer,officer}'
from intake.service_statuses where not closes;

-- Status history: who decided, and a note for staff only (the public note is `note`).
alter table intake.status_events
  add column actor uuid,
  add column internal_note text check (char_length(internal_note) <= 1000);

------------------------------------------------------------------------------------------------
-- Staff members and who they are to the database.
------------------------------------------------------------------------------------------------

create table intake.staff_members (
  user_id uuid primary key,                  -- auth.users.id (Supabase Auth)
  display_name text not null check (char_length(display_name) between 1 and 40),
  role text not null check (role in ('clerk', 'reviewer', 'officer', 'admin')),
  township text check (township ~ '^[a-z][a-z0-9-]{1,39}$'),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- An officer works one township; nobody else is tied to one.
  check ((role = 'officer') = (township is not null))
);
-- Who may see it: each staff member their own row; administrators every row (RLS below).
alter table intake.staff_members enable row level security;
revoke all on intake.staff_members from public, anon, authenticated, service_role;

-- The staff member making this request: active, known, and — for a role that sees personal
-- data — signed in with a second factor (aal2). Null for anyone else, so every policy that asks
-- fails closed: a disabled account is refused at its next request, whatever its token says.
-- Security definer so that policies can ask it without reading staff_members themselves.
create function intake.current_staff()
returns table (user_id uuid, role text, township text)
language sql
stable
security definer
set search_path = ''
as $$
  select s.user_id, s.role, s.township
  from intake.staff_members s
  where s.user_id = auth.uid()
    and s.active
    and auth.role() = 'authenticated'
    and coalesce(auth.jwt() ->> 'aal', '') = 'aal2';
$$;
revoke all on function intake.current_staff() from public, anon, authenticated, service_role;
grant execute on function intake.current_staff() to authenticated;
grant usage on schema intake to authenticated;

-- Whether the current staff member may work an application of this township.
create function intake.staff_may_work(p_township text)
returns boolean
language sql
stable
set search_path = ''
as $$
  select exists (
    select 1 from intake.current_staff() s
    where s.role in ('clerk', 'reviewer') or (s.role = 'officer' and s.township = p_township));
$$;
revoke all on function intake.staff_may_work(text) from public, anon, authenticated, service_role;
grant execute on function intake.staff_may_work(text) to authenticated;

------------------------------------------------------------------------------------------------
-- The audit log: append-only. Nobody may change or delete a row (no grant, and a trigger that
-- refuses even the table owner); details hold ids and codes, never personal data.
------------------------------------------------------------------------------------------------

create table intake.audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor uuid not null,
  actor_role text not null,
  action text not null check (action in (
    'list', 'search', 'open', 'show_id', 'decide', 'assign', 'export', 'counter_intake',
    'staff_create', 'staff_update', 'staff_factor_reset', 'audit_read')),
  application_id uuid,
  -- The application's reference as it was read (administrators, who read the log, see no applications).
  reference text,
  detail jsonb not null default '{}'::jsonb check (jsonb_typeof(detail) = 'object' and octet_length(detail::text) <= 2000)
);
create index audit_log_at_idx on intake.audit_log (at desc);
create index audit_log_application_idx on intake.audit_log (application_id, at) where application_id is not null;
-- Who may see it: administrators read it; every staff member appends their own actions; nobody
-- changes it.
alter table intake.audit_log enable row level security;
revoke all on intake.audit_log from public, anon, authenticated, service_role;
revoke all on sequence intake.audit_log_id_seq from public, anon, authenticated, service_role;

create function intake.audit_log_is_append_only()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception using errcode = 'P0001', message = 'audit_log_append_only';
end;
$$;
create trigger audit_log_append_only before update or delete or truncate on intake.audit_log
  for each statement execute function intake.audit_log_is_append_only();
revoke all on function intake.audit_log_is_append_only() from public, anon, authenticated, service_role;

-- Applications a retention purge removes keep their audit rows (application_id is not a foreign
-- key on purpose: the log outlives the case file).

------------------------------------------------------------------------------------------------
-- Row-level security for staff. The API roles other than `authenticated` still get nothing.
------------------------------------------------------------------------------------------------

grant select (id, reference, service, action, answers, applicant_id_number, status, submitted_at, updated_at,
              closed_at, township, channel, entered_by, version, assigned_to)
  on intake.applications to authenticated;
grant update (status, updated_at, closed_at, version, assigned_to) on intake.applications to authenticated;
create policy staff_read_applications on intake.applications for select to authenticated
  using (intake.staff_may_work(township));
create policy staff_update_applications on intake.applications for update to authenticated
  using (intake.staff_may_work(township)) with check (intake.staff_may_work(township));

grant select, insert on intake.status_events to authenticated;
grant usage on sequence intake.status_events_id_seq to authenticated;
create policy staff_read_events on intake.status_events for select to authenticated
  using (exists (select 1 from intake.applications a where a.id = application_id));
create policy staff_add_events on intake.status_events for insert to authenticated
  with check (actor = auth.uid() and exists (select 1 from intake.applications a where a.id = application_id));

grant select on intake.service_statuses, intake.services, intake.service_actions to authenticated;
grant select on intake.transitions to authenticated;
create policy staff_read_statuses on intake.service_statuses for select to authenticated using (exists (select 1 from intake.current_staff()));
create policy staff_read_services on intake.services for select to authenticated using (exists (select 1 from intake.current_staff()));
create policy staff_read_actions on intake.service_actions for select to authenticated using (exists (select 1 from intake.current_staff()));
create policy staff_read_transitions on intake.transitions for select to authenticated using (exists (select 1 from intake.current_staff()));

grant select on intake.staff_members to authenticated;
grant insert (user_id, display_name, role, township, active) on intake.staff_members to authenticated;
grant update (display_name, role, township, active, updated_at) on intake.staff_members to authenticated;
create policy staff_read_self on intake.staff_members for select to authenticated
  using (user_id = auth.uid() or exists (select 1 from intake.current_staff() s where s.role = 'admin'));
create policy admin_add_staff on intake.staff_members for insert to authenticated
  with check (exists (select 1 from intake.current_staff() s where s.role = 'admin'));
create policy admin_change_staff on intake.staff_members for update to authenticated
  using (exists (select 1 from intake.current_staff() s where s.role = 'admin'))
  with check (exists (select 1 from intake.current_staff() s where s.role = 'admin'));

grant select, insert on intake.audit_log to authenticated;
grant usage on sequence intake.audit_log_id_seq to authenticated;
create policy admin_read_audit on intake.audit_log for select to authenticated
  using (exists (select 1 from intake.current_staff() s where s.role = 'admin'));
create policy staff_append_audit on intake.audit_log for insert to authenticated
  with check (exists (select 1 from intake.current_staff() s where s.user_id = actor and s.role = actor_role));

-- Drafts: a clerk marks the draft of a walk-in resident as entered at the counter, by them.
grant select (id, channel, entered_by), update (channel, entered_by) on intake.drafts to authenticated;
create policy clerk_claims_counter_draft on intake.drafts for select to authenticated
  using (exists (select 1 from intake.current_staff() s where s.role = 'clerk'));
create policy clerk_marks_counter_draft on intake.drafts for update to authenticated
  using (exists (select 1 from intake.current_staff() s where s.role = 'clerk') and channel = 'online' and entered_by is null)
  with check (channel = 'counter' and entered_by = auth.uid());
