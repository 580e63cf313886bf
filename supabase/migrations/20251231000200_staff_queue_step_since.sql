-- The queue shows each application's step deadline, as its own page does: the rows of staff_queue
-- and staff_search now say since when the application has been in its status (status_since: the
-- latest status event of that status) and whether it is closed, so the workspace counts the
-- step's working days (site.yaml applications.stepDeadlines) with the one calendar of the portal.
-- One row shape for both lists: intake.staff_queue_row. Same signatures, grants and audit entries
-- as in 20251202000200_staff_functions.sql; both still run as the staff member, under RLS.

-- A queue row: no ID number, the name masked (王*华). Given the columns the staff member may read
-- (staff have no SELECT on the ID number, the salt or the hashes), as one jsonb.
create function intake.staff_queue_row(a jsonb)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
begin
  return jsonb_build_object(
    'id', a -> 'id', 'reference', a -> 'reference', 'service', a -> 'service', 'action', a -> 'action',
    'status', a -> 'status', 'township', a -> 'township', 'channel', a -> 'channel',
    'submitted_at', a -> 'submitted_at', 'updated_at', a -> 'updated_at', 'assigned_to', a -> 'assigned_to',
    'name', intake.mask_name(a -> 'answers' -> 'applicant' ->> 'name'),
    'closed_at', a -> 'closed_at',
    'status_since', coalesce(
      (select to_jsonb(max(se.created_at)) from intake.status_events se
       where se.application_id = (a ->> 'id')::uuid and se.status = a ->> 'status'),
      a -> 'updated_at'));
end;
$$;
revoke all on function intake.staff_queue_row(jsonb) from public, anon, authenticated, service_role;
grant execute on function intake.staff_queue_row(jsonb) to authenticated;

create or replace function public.staff_queue(
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
      select jsonb_agg(intake.staff_queue_row(to_jsonb(f)) order by f.submitted_at, f.id)
      from (select * from filtered order by submitted_at, id limit size offset (page - 1) * size) f), '[]'::jsonb))
  into result;
  perform intake.audit('list', null, jsonb_build_object('rows', jsonb_array_length(result -> 'rows'), 'total', result -> 'total'));
  return result;
end;
$$;

create or replace function public.staff_search(p_query text)
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
  select coalesce(jsonb_agg(intake.staff_queue_row(to_jsonb(a)) order by a.submitted_at), '[]'::jsonb)
  into result
  from (select a.id, a.reference, a.service, a.action, a.answers, a.status, a.submitted_at, a.updated_at, a.closed_at, a.township, a.channel, a.assigned_to
        from intake.applications a
        where a.applicant_id_number = typed_id
           or strpos(a.answers -> 'applicant' ->> 'name', q) > 0
           or a.reference = typed_id
        order by a.submitted_at limit 50) a;
  perform intake.audit('search', null, jsonb_build_object('rows', jsonb_array_length(result)));
  return result;
end;
$$;
