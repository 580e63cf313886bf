-- Throttling of status lookups and resume codes, redesigned so that a stranger cannot lock the
-- owner out (until now five wrong facts for a reference, from anyone, locked it for everyone for
-- 15 minutes), while a guesser spread over many addresses still gets only a few tries a day.
--
-- Failures are still recorded per typed reference or code (the "subject") and per client (a
-- peppered hash of the client key the server passes), and checked in this order:
--  1. a client with 5 failures in 15 minutes (any subjects) waits: it cannot try one reference or
--     code after another (policy lookup_max_failures_per_client, lookup_window);
--  2. a client that has been right for this subject before (it looked the reference up, submitted
--     the application, saved the draft or resumed it: intake.known_clients) goes ahead;
--  3. any other client may fail on one subject at most 3 times a day (lookup_max_failures_per_
--     subject_client, lookup_subject_window), so one address can never use up the subject's budget;
--  4. and a subject takes at most 10 failures a day from all such clients together
--     (lookup_max_failures_per_reference): the cap on a guesser with many addresses.
-- A refused attempt is refused whatever its fact (a correct fact is not let through, or the refusal
-- would tell right from wrong), and says how long to wait (retry_after, in seconds, from the
-- failures that caused it) and which limit applied (scope 'client' or 'subject', limit). So: one
-- stranger locks out only himself; a guesser needs four addresses to close a subject for the day,
-- and then gets at most 10 tries a day plus 3 from each address where the fact was right before
-- (none, unless he shares an address with the owner); the owner keeps access from every address
-- where it worked before, and from elsewhere has the office's phone.
--
-- Resume codes are recorded as 'resume:' || base64 of their peppered hash, never as typed: a
-- known client is a live code, and a table of live codes must not open drafts.

alter table intake.policy
  add column lookup_subject_window interval not null default interval '1 day',
  add column lookup_max_failures_per_subject_client integer not null default 3,
  -- How long an address stays recognised for a reference or code after it was last right.
  add column known_client_retention interval not null default interval '90 days',
  alter column lookup_max_failures_per_reference set default 10;
-- Until now per 15 minutes; now per lookup_subject_window (a day).
update intake.policy set lookup_max_failures_per_reference = 10;

-- Clients (peppered hashes) that were right for a subject (a reference, or 'resume:' || code hash):
-- they are not held to the subject's daily limits. Kept known_client_retention after last seen.
create table intake.known_clients (
  subject text not null check (char_length(subject) <= 64),
  client_key_hash bytea not null,
  seen_at timestamptz not null default now(),
  primary key (subject, client_key_hash)
);
create index known_clients_seen_at_idx on intake.known_clients (seen_at);
-- Who may see it: nobody but the functions.
alter table intake.known_clients enable row level security;
revoke all on intake.known_clients from public, anon, authenticated, service_role;

------------------------------------------------------------------------------------------------
-- Private helpers (not executable by any API role).
------------------------------------------------------------------------------------------------

drop function intake.is_throttled(text, bytea);

-- Seconds until fewer than p_limit of these moments are inside the window (null: already fewer).
create function intake.wait_seconds(p_times timestamptz[], p_limit integer, p_window interval)
returns integer
language sql
stable
set search_path = ''
as $$
  select case when cardinality(p_times) < p_limit then null
    else greatest(1, ceil(extract(epoch from
      (select t from unnest(p_times) t order by t offset cardinality(p_times) - p_limit limit 1)
      + p_window - now()))::integer)
  end;
$$;

-- Whether a client may try a subject now: null if so, else {scope, limit, retry_after}. Takes
-- transaction locks on the subject, then on the client (always in this order), so concurrent
-- attempts are counted one after another and no limit can be overrun by a burst.
create function intake.throttle(p_subject text, p_client_hash bytea)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  p intake.policy;
  wait integer;
  subject_wait integer;
begin
  select * into p from intake.policy;
  perform pg_advisory_xact_lock(hashtextextended('intake-subject:' || p_subject, 0));
  perform pg_advisory_xact_lock(hashtextextended('intake-client:' || encode(p_client_hash, 'hex'), 0));

  wait := intake.wait_seconds(array(
      select failed_at from intake.lookup_failures
      where client_key_hash = p_client_hash and failed_at > now() - p.lookup_window),
    p.lookup_max_failures_per_client, p.lookup_window);
  if wait is not null then
    return jsonb_build_object('scope', 'client', 'limit', p.lookup_max_failures_per_client, 'retry_after', wait);
  end if;

  if exists (select 1 from intake.known_clients where subject = p_subject and client_key_hash = p_client_hash) then
    return null;
  end if;

  wait := intake.wait_seconds(array(
      select failed_at from intake.lookup_failures
      where reference = p_subject and client_key_hash = p_client_hash and failed_at > now() - p.lookup_subject_window),
    p.lookup_max_failures_per_subject_client, p.lookup_subject_window);
  if wait is not null then
    return jsonb_build_object('scope', 'subject', 'limit', p.lookup_max_failures_per_subject_client, 'retry_after', wait);
  end if;
  subject_wait := intake.wait_seconds(array(
      select failed_at from intake.lookup_failures
      where reference = p_subject and failed_at > now() - p.lookup_subject_window),
    p.lookup_max_failures_per_reference, p.lookup_subject_window);
  if subject_wait is not null then
    return jsonb_build_object('scope', 'subject', 'limit', p.lookup_max_failures_per_reference, 'retry_after', subject_wait);
  end if;
  return null;
end;
$$;

-- The client was right for the subject (or made it: submitted the application, saved the code).
create function intake.remember_client(p_subject text, p_client_hash bytea)
returns void
language sql
set search_path = ''
as $$
  insert into intake.known_clients (subject, client_key_hash) values (p_subject, p_client_hash)
  on conflict (subject, client_key_hash) do update set seen_at = now();
$$;

-- How a resume code is recorded as a subject of throttling and recognition.
create function intake.resume_subject(p_code text)
returns text
language sql
stable
set search_path = ''
as $$
  select 'resume:' || encode(intake.resume_code_hash(p_code), 'base64');
$$;

-- Only these new helpers: the staff functions' own grants (20251202*) stay as they are.
revoke all on function intake.wait_seconds(timestamptz[], integer, interval), intake.throttle(text, bytea),
  intake.remember_client(text, bytea), intake.resume_subject(text) from public, anon, authenticated, service_role;

------------------------------------------------------------------------------------------------
-- The API: executable by service_role only.
------------------------------------------------------------------------------------------------

-- As before (see 20251122000500_intake_lookup.sql), with the throttling above. Answers
-- {ok:false, error:'lookup_throttled', scope, limit, retry_after} when refused.
create or replace function public.lookup_status(p_reference text, p_fact text, p_client_key text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  client_hash bytea := intake.client_key_hash(p_client_key);
  ref text := intake.normalise_reference(p_reference); -- the subject: at most 64 characters
  fact text := intake.normalise_id(coalesce(p_fact, ''));
  refused jsonb := intake.throttle(ref, client_hash);
  a intake.applications;
  matched boolean;
begin
  if refused is not null then
    return jsonb_build_object('ok', false, 'error', 'lookup_throttled') || refused;
  end if;

  select * into a from intake.applications where reference = ref;
  if found then
    matched := a.lookup_fact_hash = intake.lookup_fact_hash(a.lookup_salt, fact);
  else
    -- Same work as a real comparison, so timing does not tell unknown references apart.
    matched := intake.lookup_fact_hash(intake.random_salt(), fact) is null;
  end if;
  if not matched or fact !~ '^[0-9]{3}[0-9X]$' then
    insert into intake.lookup_failures (reference, client_key_hash) values (ref, client_hash);
    return jsonb_build_object('ok', false, 'error', 'lookup_failed');
  end if;
  perform intake.remember_client(ref, client_hash);

  return jsonb_build_object(
    'ok', true,
    'reference', a.reference,
    'service', a.service,
    'service_label', (select label from intake.services where service = a.service),
    'action', a.action,
    'action_label', (select label from intake.service_actions where service = a.service and action = a.action),
    'status', a.status,
    'status_label', (select label from intake.service_statuses where service = a.service and status = a.status),
    'closed', a.closed_at is not null,
    'submitted_at', a.submitted_at,
    'history', (
      select jsonb_agg(jsonb_build_object(
          'status', e.status, 'label', s.label, 'note', e.note, 'at', e.created_at) order by e.id)
      from intake.status_events e
      join intake.service_statuses s on s.service = e.service and s.status = e.status
      where e.application_id = a.id));
end;
$$;

-- As before (see 20251122000600_intake_resume.sql), with the throttling above.
create or replace function public.resume_draft(p_code text, p_fact text, p_client_key text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  client_hash bytea := intake.client_key_hash(p_client_key);
  code text := intake.normalise_reference(p_code);
  subject text := intake.resume_subject(intake.normalise_reference(p_code));
  fact text := intake.normalise_id(coalesce(p_fact, ''));
  refused jsonb := intake.throttle(subject, client_hash);
  d intake.drafts;
  id_number text;
begin
  if refused is not null then
    return jsonb_build_object('ok', false, 'error', 'resume_throttled') || refused;
  end if;

  select * into d from intake.drafts where resume_code_hash = intake.resume_code_hash(code);
  id_number := intake.draft_id_number(d.answers);
  if d.id is null or d.expires_at <= now() or id_number is null
     or fact !~ '^[0-9]{3}[0-9X]$' or right(id_number, 4) <> fact then
    insert into intake.lookup_failures (reference, client_key_hash) values (subject, client_hash);
    return jsonb_build_object('ok', false, 'error', 'resume_failed');
  end if;
  perform intake.remember_client(subject, client_hash);

  return jsonb_build_object(
    'ok', true, 'draft_id', d.id, 'service', d.service, 'action', d.action, 'expires_at', d.expires_at);
end;
$$;

-- As before, and the client that saved is known for the new code (it may resume from there even
-- when strangers have used up the code's daily budget). Replaces issue_resume_code(text).
drop function public.issue_resume_code(text);
create function public.issue_resume_code(p_draft_id text, p_client_key text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  client_hash bytea := intake.client_key_hash(p_client_key);
  d intake.drafts := intake.locked_draft(p_draft_id);
  code text;
  attempts integer := 0;
  failed_constraint text;
begin
  -- Without the ID number there is nothing to check the code against when it comes back.
  if intake.draft_id_number(d.answers) is null then
    perform intake.fail('resume_fact_missing');
  end if;
  loop
    code := intake.new_reference();
    d.resume_code_hash := intake.resume_code_hash(code);
    begin
      d := intake.saved_draft(d);
      exit;
    exception when unique_violation then
      get stacked diagnostics failed_constraint = constraint_name;
      attempts := attempts + 1;
      if not intake.code_collided(failed_constraint, 'drafts_resume_code_hash_key', attempts) then
        raise;
      end if;
    end;
  end loop;
  perform intake.remember_client(intake.resume_subject(code), client_hash);
  return jsonb_build_object('resume_code', code, 'expires_at', d.expires_at);
end;
$$;
revoke all on function public.issue_resume_code(text, text) from public, anon, authenticated;
grant execute on function public.issue_resume_code(text, text) to service_role;
