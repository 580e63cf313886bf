-- What residents tell the federation about the service, with no personal data:
--  * "这个页面有用吗？" on every content page (guides, easy-read pages, news): yes or no, and on no
--    the reasons chosen from a fixed list. No free text: people write their ID numbers, illnesses
--    and phone numbers into free-text boxes, and a page about a benefit is no place to collect them
--    (questions go to the office, whose contacts every page shows).
--  * one satisfaction question on the receipt (the GOV.UK five-point scale), kept with the service
--    only: no reference, no application, so a rating can never be traced back to one.
-- Kept: the page's path (or the service), the answer and the day in China. Never an address, a
-- time of day, a browser or a cookie. Each client (the peppered hash of the client key the server
-- passes, as for submissions: 20251215000300_intake_submission_limits.sql) may give at most
-- max_feedback_per_client answers per submission_window; the count is the same table's, purged
-- with it after the window.
--
-- Writing: the residents' functions below, service_role only (the site's server, like every intake
-- function): the public API roles can neither write nor read. Reading: the workspace's roles that
-- see the service dashboard (clerk, reviewer, officer), under RLS (policies in 20251222000200);
-- the dashboard shows them only as counts.

alter table intake.policy
  add column max_feedback_per_client integer not null default 30 check (max_feedback_per_client > 0);

-- Feedback is counted like drafts and applications (same table, same window, same purge).
alter table intake.client_submissions drop constraint client_submissions_kind_check;
alter table intake.client_submissions add constraint client_submissions_kind_check
  check (kind in ('draft', 'application', 'api_application', 'feedback'));

-- The reasons a page was not useful: stable codes (the site words them).
create function intake.feedback_reasons()
returns text[]
language sql
immutable
set search_path = ''
as $$
  select array['unclear', 'missing', 'wrong', 'hard_to_use', 'other'];
$$;

-- One answer to "这个页面有用吗？". `page` is the page's path without the script prefix, so the
-- Simplified and Traditional page count together.
create table intake.page_feedback (
  id uuid primary key default gen_random_uuid(),
  page text not null check (page ~ '^/(policies/[a-z0-9-]{1,80}/(easy-read/)?|news/[a-z0-9-]{1,80}/)$'),
  useful boolean not null,
  reasons text[] check (reasons <@ intake.feedback_reasons() and cardinality(reasons) between 1 and 5),
  day date not null default (now() at time zone 'Asia/Shanghai')::date,
  check (useful = false or reasons is null)
);
create index page_feedback_day_idx on intake.page_feedback (day);
-- Who may see it: the dashboard's staff roles (policy in 20251222000200); nobody writes but the
-- functions below.
alter table intake.page_feedback enable row level security;
revoke all on intake.page_feedback from public, anon, authenticated, service_role;

-- One answer to the receipt's satisfaction question. No reference: not linked to the application.
create table intake.satisfaction (
  id bigint generated always as identity primary key,
  service text not null references intake.services,
  rating text not null check (rating in ('very_satisfied', 'satisfied', 'neutral', 'dissatisfied', 'very_dissatisfied')),
  day date not null default (now() at time zone 'Asia/Shanghai')::date
);
create index satisfaction_day_idx on intake.satisfaction (day);
-- Who may see it: as page_feedback.
alter table intake.satisfaction enable row level security;
revoke all on intake.satisfaction from public, anon, authenticated, service_role;
revoke all on sequence intake.satisfaction_id_seq from public, anon, authenticated, service_role;

-- Count one answer of a client, or raise rate_limited (detail {"retry_after", "limit",
-- "window_minutes"}) when it has given its limit in the window; nothing is written then.
create function intake.count_feedback(p_client_hash bytea)
returns void
language plpgsql
set search_path = ''
as $$
declare
  p intake.policy;
  wait integer;
begin
  select * into p from intake.policy;
  perform pg_advisory_xact_lock(hashtextextended('intake-submissions:feedback:' || encode(p_client_hash, 'hex'), 0));
  wait := intake.wait_seconds(array(
      select made_at from intake.client_submissions
      where client_key_hash = p_client_hash and kind = 'feedback' and made_at > now() - p.submission_window),
    p.max_feedback_per_client, p.submission_window);
  if wait is not null then
    perform intake.fail('rate_limited', jsonb_build_object(
      'retry_after', wait, 'limit', p.max_feedback_per_client,
      'window_minutes', extract(epoch from p.submission_window)::integer / 60)::text);
  end if;
  insert into intake.client_submissions (kind, client_key_hash) values ('feedback', p_client_hash);
end;
$$;

revoke all on function intake.feedback_reasons(), intake.count_feedback(bytea) from public, anon, authenticated, service_role;

------------------------------------------------------------------------------------------------
-- The API: executable by service_role only. Errors (P0001): invalid_feedback, rate_limited,
-- invalid_client_key, unknown_service, feedback_not_found.
------------------------------------------------------------------------------------------------

-- "这个页面有用吗？": {id}. The id lets the same person add reasons to their "no" once
-- (add_feedback_reasons); it is random, is not stored anywhere else, and names nobody.
create function public.give_page_feedback(p_page text, p_useful boolean, p_client_key text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  client_hash bytea := intake.client_key_hash(p_client_key);
  new_id uuid;
begin
  if p_useful is null or p_page is null
     or p_page !~ '^/(policies/[a-z0-9-]{1,80}/(easy-read/)?|news/[a-z0-9-]{1,80}/)$' then
    perform intake.fail('invalid_feedback');
  end if;
  perform intake.count_feedback(client_hash);
  insert into intake.page_feedback (page, useful) values (p_page, p_useful) returning id into new_id;
  return jsonb_build_object('id', new_id);
end;
$$;
revoke all on function public.give_page_feedback(text, boolean, text) from public, anon, authenticated;
grant execute on function public.give_page_feedback(text, boolean, text) to service_role;

-- The reasons of a "no" given today or yesterday (China): {added: true}, or {added: false} when it
-- has its reasons already (a form sent twice changes nothing). An empty list adds nothing.
create function public.add_feedback_reasons(p_id text, p_reasons text[])
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  f intake.page_feedback;
  chosen text[];
begin
  if p_reasons is null or not (p_reasons <@ intake.feedback_reasons()) then
    perform intake.fail('invalid_feedback');
  end if;
  select * into f from intake.page_feedback
  where id = intake.try_uuid(p_id) and not useful
    and day >= (now() at time zone 'Asia/Shanghai')::date - 1
  for update;
  if not found then
    perform intake.fail('feedback_not_found');
  end if;
  chosen := array(select distinct r from unnest(p_reasons) r order by 1);
  if f.reasons is not null or cardinality(chosen) = 0 then
    return jsonb_build_object('added', false);
  end if;
  update intake.page_feedback set reasons = chosen where id = f.id;
  return jsonb_build_object('added', true);
end;
$$;
revoke all on function public.add_feedback_reasons(text, text[]) from public, anon, authenticated;
grant execute on function public.add_feedback_reasons(text, text[]) to service_role;

-- The receipt's satisfaction question: {ok: true}.
create function public.give_satisfaction(p_service text, p_rating text, p_client_key text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  client_hash bytea := intake.client_key_hash(p_client_key);
begin
  if not exists (select 1 from intake.services where service = p_service) then
    perform intake.fail('unknown_service');
  end if;
  if p_rating is null or p_rating not in ('very_satisfied', 'satisfied', 'neutral', 'dissatisfied', 'very_dissatisfied') then
    perform intake.fail('invalid_feedback');
  end if;
  perform intake.count_feedback(client_hash);
  insert into intake.satisfaction (service, rating) values (p_service, p_rating);
  return jsonb_build_object('ok', true);
end;
$$;
revoke all on function public.give_satisfaction(text, text, text) from public, anon, authenticated;
grant execute on function public.give_satisfaction(text, text, text) to service_role;
