-- The service dashboard (the GOV.UK service standard's measures), for the workspace's clerks,
-- reviewers and officers (administrators see no applications, so no dashboard either).
--
-- staff_dashboard runs as the staff member (SECURITY INVOKER, their JWT): row-level security
-- decides which applications it counts, so an officer's figures are their own township's. It
-- returns counts and, for the time each step took, pairs of days (no application, no reference,
-- no name): the workspace counts working days between them with src/domain/dates.ts, the one
-- calendar of the portal, so the medians follow the same working days as every deadline.
--
-- Completion of the online journeys is counted without personal data in intake.journey_counts:
-- per day, service and channel, how many journeys were started and how many applications made.
-- Triggers keep it (the intake functions are not changed): a draft born empty is a journey started
-- on the web forms (create_draft; the JSON API's one-shot submit makes its draft with the answers
-- in it); a clerk claiming a draft for counter intake moves its start from online to counter; every
-- application inserted counts as submitted in its channel. The counts outlive the drafts and
-- applications that the retention purge removes.

create table intake.journey_counts (
  day date not null,
  service text not null references intake.services,
  channel text not null check (channel in ('online', 'counter', 'api')),
  started integer not null default 0 check (started >= 0),
  submitted integer not null default 0 check (submitted >= 0),
  primary key (day, service, channel)
);
-- Who may see it: the dashboard's staff roles; written only by the triggers below.
alter table intake.journey_counts enable row level security;
revoke all on intake.journey_counts from public, anon, authenticated, service_role;

-- Security definer: a clerk's claim of a counter draft runs as the clerk, who may not write here.
create function intake.count_journey_started()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    if new.answers = '{}'::jsonb then
      insert into intake.journey_counts as c (day, service, channel, started)
      values ((new.created_at at time zone 'Asia/Shanghai')::date, new.service, new.channel, 1)
      on conflict (day, service, channel) do update set started = c.started + 1;
    end if;
  elsif old.channel = 'online' and new.channel = 'counter' then
    update intake.journey_counts set started = greatest(started - 1, 0)
    where day = (old.created_at at time zone 'Asia/Shanghai')::date and service = old.service and channel = 'online';
    insert into intake.journey_counts as c (day, service, channel, started)
    values ((old.created_at at time zone 'Asia/Shanghai')::date, old.service, 'counter', 1)
    on conflict (day, service, channel) do update set started = c.started + 1;
  end if;
  return null;
end;
$$;
create trigger drafts_count_started after insert or update of channel on intake.drafts
  for each row execute function intake.count_journey_started();

-- After insert: the channel is set by applications_origin (before insert).
create function intake.count_journey_submitted()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into intake.journey_counts as c (day, service, channel, submitted)
  values ((new.submitted_at at time zone 'Asia/Shanghai')::date, new.service, new.channel, 1)
  on conflict (day, service, channel) do update set submitted = c.submitted + 1;
  return null;
end;
$$;
create trigger applications_count_submitted after insert on intake.applications
  for each row execute function intake.count_journey_submitted();

revoke all on function intake.count_journey_started(), intake.count_journey_submitted() from public, anon, authenticated, service_role;

-- Whether the caller may see the dashboard: an active clerk, reviewer or officer at aal2.
create function intake.sees_dashboard()
returns boolean
language sql
stable
set search_path = ''
as $$
  select exists (select 1 from intake.current_staff() s where s.role in ('clerk', 'reviewer', 'officer'));
$$;
revoke all on function intake.sees_dashboard() from public, anon, authenticated, service_role;
grant execute on function intake.sees_dashboard() to authenticated;

-- Figures without personal data: readable by the dashboard's roles, not per township (a draft has
-- no township when it starts, and feedback names none).
grant select on intake.journey_counts, intake.page_feedback, intake.satisfaction to authenticated;
create policy dashboard_reads_journeys on intake.journey_counts for select to authenticated using (intake.sees_dashboard());
create policy dashboard_reads_feedback on intake.page_feedback for select to authenticated using (intake.sees_dashboard());
create policy dashboard_reads_satisfaction on intake.satisfaction for select to authenticated using (intake.sees_dashboard());

-- The dashboard's figures for the days p_from … p_to (China; at most 366 days), and the open
-- applications untouched since p_stale_before (overdue, as the queue's filter counts them).
-- Errors (P0001): not_staff, not_allowed (an administrator), invalid_period.
create function public.staff_dashboard(p_from date, p_to date, p_stale_before timestamptz)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  me record;
  since timestamptz;
  until timestamptz;
begin
  select * into me from intake.staff_or_fail();
  if me.role not in ('clerk', 'reviewer', 'officer') then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if p_from is null or p_to is null or p_stale_before is null or p_from > p_to or p_to - p_from > 365 then
    raise exception using errcode = 'P0001', message = 'invalid_period';
  end if;
  since := p_from::timestamp at time zone 'Asia/Shanghai';
  until := (p_to + 1)::timestamp at time zone 'Asia/Shanghai';
  return jsonb_build_object(
    'applications', coalesce((
      select jsonb_agg(jsonb_build_object('service', service, 'status', status, 'township', township, 'channel', channel, 'n', n)
                       order by service, status, township, channel)
      from (select a.service, a.status, a.township, a.channel, count(*)::int as n
            from intake.applications a
            where a.submitted_at >= since and a.submitted_at < until
            group by 1, 2, 3, 4) g), '[]'::jsonb),
    'overdue', coalesce((
      select jsonb_agg(jsonb_build_object('service', service, 'n', n) order by service)
      from (select a.service, count(*)::int as n from intake.applications a
            where a.closed_at is null and a.updated_at < p_stale_before group by 1) g), '[]'::jsonb),
    'steps', coalesce((
      select jsonb_agg(jsonb_build_object('service', service, 'status', status, 'entered', entered, 'left', left_day)
                       order by service, status, entered, left_day)
      from (select e.service, e.status,
                   (e.created_at at time zone 'Asia/Shanghai')::date as entered,
                   (e.left_at at time zone 'Asia/Shanghai')::date as left_day
            from (select se.service, se.status, se.created_at,
                         lead(se.created_at) over (partition by se.application_id order by se.created_at, se.id) as left_at
                  from intake.status_events se) e
            where e.left_at >= since and e.left_at < until) g), '[]'::jsonb),
    'journeys', coalesce((
      select jsonb_agg(jsonb_build_object('service', service, 'channel', channel, 'started', started, 'submitted', submitted)
                       order by service, channel)
      from (select service, channel, sum(started)::int as started, sum(submitted)::int as submitted
            from intake.journey_counts where day between p_from and p_to group by 1, 2) g), '[]'::jsonb),
    'satisfaction', coalesce((
      select jsonb_agg(jsonb_build_object('service', service, 'rating', rating, 'n', n) order by service, rating)
      from (select service, rating, count(*)::int as n from intake.satisfaction
            where day between p_from and p_to group by 1, 2) g), '[]'::jsonb),
    'pages', coalesce((
      select jsonb_agg(jsonb_build_object('page', page, 'yes', yes, 'no', no) order by no desc, page)
      from (select page, count(*) filter (where useful)::int as yes, count(*) filter (where not useful)::int as no
            from intake.page_feedback where day between p_from and p_to group by 1) g), '[]'::jsonb),
    'reasons', coalesce((
      select jsonb_agg(jsonb_build_object('reason', reason, 'n', n) order by reason)
      from (select r as reason, count(*)::int as n from intake.page_feedback, unnest(reasons) r
            where day between p_from and p_to group by 1) g), '[]'::jsonb));
end;
$$;
revoke all on function public.staff_dashboard(date, date, timestamptz) from public, anon, service_role;
grant execute on function public.staff_dashboard(date, date, timestamptz) to authenticated;
