-- Limits on how much one client may submit (a client is the peppered hash of the client key the
-- server passes: a hash of the IP address). Per client and per submission_window (1 hour):
--  * new drafts from the web forms: 20 (create_draft; a draft is made on a journey's first page);
--  * applications from the web forms: 10 (submit_application);
--  * applications through the JSON API: 30 (submit_complete_application; the API is used by
--    channels the federation gave a key, such as an officer's tablet, so it may submit more).
-- Only what was made counts: a repeat with the same token (a double click, a retry after a lost
-- answer) returns the first receipt and is never refused, and a refused or failed call leaves no
-- count. Over the limit, the call fails with rate_limited, detail {"retry_after": seconds until the
-- oldest counted one leaves the window, "limit", "window_minutes"}, and nothing is written: the
-- draft behind a refused submit stays as it was.
--
-- The submit functions now also take the client key, so the submitting client is known for the
-- new reference (20251215000100_intake_throttling.sql); the one-shot submit takes the API channel
-- (20251215000200_intake_api_channels.sql) and records it with the application.
-- Errors: P0001 rate_limited, invalid_client_key, api_key_not_found, api_key_revoked, and those
-- the functions raised before.

alter table intake.policy
  add column submission_window interval not null default interval '1 hour',
  add column max_drafts_per_client integer not null default 20,
  add column max_applications_per_client integer not null default 10,
  add column max_api_applications_per_client integer not null default 30;

-- What each client made, for the limits above; kept for the window only (purge_expired).
create table intake.client_submissions (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('draft', 'application', 'api_application')),
  client_key_hash bytea not null,
  made_at timestamptz not null default now()
);
create index client_submissions_client_idx on intake.client_submissions (client_key_hash, kind, made_at);
create index client_submissions_made_at_idx on intake.client_submissions (made_at);
-- Who may see it: nobody but the functions.
alter table intake.client_submissions enable row level security;
revoke all on intake.client_submissions from public, anon, authenticated, service_role;
revoke all on sequence intake.client_submissions_id_seq from public, anon, authenticated, service_role;

------------------------------------------------------------------------------------------------
-- Private helpers (not executable by any API role).
------------------------------------------------------------------------------------------------

-- Count one thing a client made, or raise rate_limited when it has made its limit in the window.
-- A transaction lock per client and kind makes concurrent calls count one after another.
create function intake.count_submission(p_client_hash bytea, p_kind text)
returns void
language plpgsql
set search_path = ''
as $$
declare
  p intake.policy;
  max_count integer;
  wait integer;
begin
  select * into p from intake.policy;
  max_count := case p_kind
    when 'draft' then p.max_drafts_per_client
    when 'application' then p.max_applications_per_client
    else p.max_api_applications_per_client end;
  perform pg_advisory_xact_lock(hashtextextended('intake-submissions:' || p_kind || ':' || encode(p_client_hash, 'hex'), 0));
  wait := intake.wait_seconds(array(
      select made_at from intake.client_submissions
      where client_key_hash = p_client_hash and kind = p_kind and made_at > now() - p.submission_window),
    max_count, p.submission_window);
  if wait is not null then
    perform intake.fail('rate_limited', jsonb_build_object(
      'retry_after', wait, 'limit', max_count,
      'window_minutes', extract(epoch from p.submission_window)::integer / 60)::text);
  end if;
  insert into intake.client_submissions (kind, client_key_hash) values (p_kind, p_client_hash);
end;
$$;

revoke all on function intake.count_submission(bytea, text) from public, anon, authenticated, service_role;

------------------------------------------------------------------------------------------------
-- The API: executable by service_role only.
------------------------------------------------------------------------------------------------

-- As before (20251122000300_intake_drafts.sql), counted per client. Replaces create_draft(text, text).
drop function public.create_draft(text, text);
create function public.create_draft(p_service text, p_client_key text, p_action text default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  client_hash bytea := intake.client_key_hash(p_client_key);
  d intake.drafts;
begin
  if not exists (select 1 from intake.services where service = p_service) then
    perform intake.fail('unknown_service');
  end if;
  perform intake.check_action(p_service, p_action);
  perform intake.count_submission(client_hash, 'draft');
  insert into intake.drafts (service, action, expires_at)
  values (p_service, p_action, intake.new_draft_expiry())
  returning * into d;
  return intake.draft_json(d);
end;
$$;
revoke all on function public.create_draft(text, text, text) from public, anon, authenticated;
grant execute on function public.create_draft(text, text, text) to service_role;

-- As before (20251122000400_intake_submit.sql), counted per client; the submitting client is
-- known for the reference. Replaces submit_application(text, text).
drop function public.submit_application(text, text);
create function public.submit_application(p_draft_id text, p_client_token text, p_client_key text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  client_hash bytea := intake.client_key_hash(p_client_key);
  draft_uuid uuid := intake.try_uuid(p_draft_id);
  d intake.drafts;
  a intake.applications;
  failed_constraint text;
begin
  perform intake.check_client_token(p_client_token);
  if draft_uuid is null then
    perform intake.fail('draft_not_found');
  end if;

  -- Concurrent calls for one draft queue here; the later ones then find the application below.
  select * into d from intake.drafts where id = draft_uuid for update;

  select * into a from intake.applications where draft_id = draft_uuid;
  if found then
    if a.client_token = p_client_token then
      return intake.receipt_json(a, true);
    end if;
    perform intake.fail('draft_already_submitted');
  end if;

  if d.id is null then
    perform intake.fail('draft_not_found');
  end if;
  if d.expires_at <= now() then
    perform intake.fail('draft_expired');
  end if;
  if exists (select 1 from intake.applications where client_token = p_client_token) then
    perform intake.fail('token_reused');
  end if;

  begin
    a := intake.submit_draft(d, p_client_token, null);
  exception when unique_violation then
    -- Another transaction committed an application with this token since the check above.
    get stacked diagnostics failed_constraint = constraint_name;
    if failed_constraint = 'applications_client_token_key' then
      perform intake.fail('token_reused');
    end if;
    raise;
  end;
  perform intake.count_submission(client_hash, 'application');
  perform intake.remember_client(a.reference, client_hash);
  return intake.receipt_json(a, false);
end;
$$;
revoke all on function public.submit_application(text, text, text) from public, anon, authenticated;
grant execute on function public.submit_application(text, text, text) to service_role;

-- As before (20251122000400_intake_submit.sql), for a channel with a live key, counted per client;
-- the channel is recorded with the application and the submitting client is known for the
-- reference. A repeat returns the first receipt whatever the channel. Replaces
-- submit_complete_application(text, text, jsonb, text).
drop function public.submit_complete_application(text, text, jsonb, text);
create function public.submit_complete_application(
  p_service text, p_action text, p_answers jsonb, p_client_token text, p_client_key text, p_channel_id text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  client_hash bytea := intake.client_key_hash(p_client_key);
  request_hash bytea;
  answers jsonb := '{}'::jsonb;
  page record;
  channel intake.api_channels;
  d intake.drafts;
  a intake.applications;
  failed_constraint text;
begin
  perform intake.check_client_token(p_client_token);
  request_hash := sha256(convert_to(jsonb_build_array(p_service, p_action, p_answers)::text, 'UTF8'));

  select * into a from intake.applications where client_token = p_client_token;
  if found then
    return intake.repeated_receipt(a, request_hash);
  end if;

  select * into channel from intake.api_channels where id = intake.try_uuid(p_channel_id);
  if not found then
    perform intake.fail('api_key_not_found');
  end if;
  if channel.revoked_at is not null then
    perform intake.fail('api_key_revoked');
  end if;
  if not exists (select 1 from intake.services where service = p_service) then
    perform intake.fail('unknown_service');
  end if;
  perform intake.check_action(p_service, p_action);
  if p_answers is null or jsonb_typeof(p_answers) <> 'object' then
    perform intake.fail('invalid_answers');
  end if;
  for page in select key, value from jsonb_each(p_answers) loop
    answers := answers || jsonb_build_object(page.key, intake.checked_page_answers(p_service, page.key, page.value));
  end loop;
  perform intake.check_draft_size(answers);

  insert into intake.drafts (service, action, answers, expires_at)
  values (p_service, p_action, answers, intake.new_draft_expiry())
  returning * into d;

  begin
    a := intake.submit_draft(d, p_client_token, request_hash);
  exception when unique_violation then
    get stacked diagnostics failed_constraint = constraint_name;
    if failed_constraint <> 'applications_client_token_key' then
      raise;
    end if;
    -- Only the submit was rolled back; the draft made above must not stay behind.
    delete from intake.drafts where id = d.id;
    select * into a from intake.applications where client_token = p_client_token;
    return intake.repeated_receipt(a, request_hash);
  end;
  perform intake.count_submission(client_hash, 'api_application');
  update intake.applications set channel_id = channel.id where id = a.id returning * into a;
  perform intake.remember_client(a.reference, client_hash);
  return intake.receipt_json(a, false);
end;
$$;
revoke all on function public.submit_complete_application(text, text, jsonb, text, text, text) from public, anon, authenticated;
grant execute on function public.submit_complete_application(text, text, jsonb, text, text, text) to service_role;

-- As before (20251122000700_intake_retention.sql), and also: recognised clients not seen for
-- known_client_retention (90 days) or whose application was purged, and submission counts past
-- their window.
create or replace function public.purge_expired()
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  p intake.policy;
  drafts integer;
  applications integer;
  failures integer;
  known integer;
  submissions integer;
  purged text[];
begin
  select * into p from intake.policy;
  delete from intake.drafts where expires_at <= now();
  get diagnostics drafts = row_count;
  with gone as (
    delete from intake.applications
    where closed_at is not null and closed_at <= now() - p.closed_application_retention
    returning reference)
  select coalesce(array_agg(reference), '{}') into purged from gone;
  applications := cardinality(purged);
  delete from intake.lookup_failures where failed_at <= now() - p.lookup_failure_retention;
  get diagnostics failures = row_count;
  delete from intake.known_clients
  where seen_at <= now() - p.known_client_retention or subject = any (purged);
  get diagnostics known = row_count;
  delete from intake.client_submissions where made_at <= now() - p.submission_window;
  get diagnostics submissions = row_count;
  return jsonb_build_object(
    'drafts', drafts, 'applications', applications, 'lookup_failures', failures,
    'known_clients', known, 'client_submissions', submissions);
end;
$$;
