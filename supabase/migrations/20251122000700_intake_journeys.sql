-- The real application journeys: the form pages of each service, choosing the action after the
-- eligibility questions, dropping pages that no longer apply, save-and-return codes, one-shot
-- submission for the JSON API, and row counts for the scheduled job.
--
-- The earlier intake migrations may already be deployed, so this one only adds and replaces.
-- New errors (P0001): resume_fact_missing, token_reused. resume_draft returns its failures
-- ({ok:false, error:'resume_failed'|'resume_throttled'}) for the reason lookup_status does.

------------------------------------------------------------------------------------------------
-- 1. The form pages. The application decides which optional pages apply to an action (e.g. the
--    agent page only when someone applies for another person); SQL enforces only the minimum that
--    every application of the service needs.
------------------------------------------------------------------------------------------------
delete from intake.service_steps;
insert into intake.service_steps (service, step, required) values
  ('certificate', 'who', true),          -- for myself / for someone else
  ('certificate', 'agent', false),       -- guardian / family member / officer applying for them
  ('certificate', 'certificate', false), -- the current certificate (renewal, replacement, change, transfer)
  ('certificate', 'applicant', true),    -- the disabled person: name, ID number, addresses, phone
  ('certificate', 'category', false),    -- category applied for (new, change)
  ('certificate', 'change', false),      -- what changed (change)
  ('certificate', 'transfer', false),    -- where from / where to (transfer)
  ('certificate', 'assessment', false),  -- hospital, home visit wanted
  ('certificate', 'declaration', true),  -- integrity pledge (诚信承诺)
  ('assistive-devices', 'who', true),
  ('assistive-devices', 'agent', false),
  ('assistive-devices', 'certificate', true), -- certificate number, or that there is none (children 0–6)
  ('assistive-devices', 'applicant', true),
  ('assistive-devices', 'diagnosis', false),  -- children 0–6 without a certificate
  ('assistive-devices', 'device', true),
  ('assistive-devices', 'previous', false),   -- devices received before
  ('assistive-devices', 'household', false),
  ('assistive-devices', 'assessment', true),
  ('assistive-devices', 'delivery', true),
  ('assistive-devices', 'declaration', true),
  ('transit-card', 'certificate', true),      -- asked first: the card needs a certificate
  ('transit-card', 'who', true),
  ('transit-card', 'agent', false),
  ('transit-card', 'applicant', true),
  ('transit-card', 'pickup', true),
  ('transit-card', 'declaration', true);

-- Drafts saved before this migration may hold pages that no longer exist (e.g. 'documents'). They
-- could be neither changed nor removed any more (both check the step), so drop them now: a draft's
-- answers only ever hold its service's pages.
update intake.drafts d
set answers = (
  select coalesce(jsonb_object_agg(a.key, a.value), '{}'::jsonb)
  from jsonb_each(d.answers) as a (key, value)
  where exists (select 1 from intake.service_steps s where s.service = d.service and s.step = a.key))
where exists (
  select 1 from jsonb_object_keys(d.answers) as k (key)
  where not exists (select 1 from intake.service_steps s where s.service = d.service and s.step = k.key));

------------------------------------------------------------------------------------------------
-- Table changes.
------------------------------------------------------------------------------------------------

-- Save-and-return: a draft may have one resume code, kept only as a hash (see issue_resume_code).
alter table intake.drafts add column resume_code_hash bytea;
alter table intake.drafts add constraint drafts_resume_code_hash_key unique (resume_code_hash);

-- One-shot submissions are idempotent by client token alone (there is no draft id the caller knows),
-- so a token may now belong to one application only. Tokens are random per form or per API request,
-- so no deployed data should break this; if some did, the migration fails rather than guessing.
-- request_hash tells a retry of the same request (same receipt) from a reused token (token_reused);
-- it is null for applications submitted from a draft.
alter table intake.applications add constraint applications_client_token_key unique (client_token);
alter table intake.applications add column request_hash bytea;

------------------------------------------------------------------------------------------------
-- Private helpers (not executable by any API role).
------------------------------------------------------------------------------------------------

-- An action is valid for a service when it is one of the service's actions, or null: a draft may
-- start before the action is known (transit-card asks about eligibility first), and
-- assistive-devices has no actions at all. submit_application insists on it where there are actions.
create function intake.check_action(p_service text, p_action text)
returns void
language plpgsql
stable
set search_path = ''
as $$
begin
  if p_action is not null and not exists (
      select 1 from intake.service_actions where service = p_service and action = p_action) then
    perform intake.fail('invalid_action');
  end if;
end;
$$;

-- When a draft expires if saved now: retention counts from the last save.
create function intake.new_draft_expiry()
returns timestamptz
language sql
stable
set search_path = ''
as $$
  select now() + (select draft_retention from intake.policy);
$$;

-- One step's answers, checked and normalised: the step must be one of the service's pages, the
-- answers a small JSON object; ID and certificate numbers are normalised and checked here so that
-- nothing invalid is ever stored. Shared by save_step and submit_complete_application, so a whole
-- application sent at once is held to exactly the same rules as one saved page by page.
create function intake.checked_step_answers(p_service text, p_step text, p_answers jsonb)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  answers jsonb := p_answers;
  id_number text;
  certificate text;
begin
  if not exists (select 1 from intake.service_steps where service = p_service and step = p_step) then
    perform intake.fail('invalid_step');
  end if;
  if answers is null or jsonb_typeof(answers) <> 'object' or octet_length(answers::text) > 8192 then
    perform intake.fail('invalid_answers');
  end if;

  if answers ? 'id_number' then
    id_number := intake.normalise_id(answers ->> 'id_number');
    if not coalesce(intake.is_valid_id_number(id_number), false) then
      perform intake.fail('invalid_id_number');
    end if;
    answers := jsonb_set(answers, '{id_number}', to_jsonb(id_number));
  end if;
  if answers ? 'certificate_number' then
    certificate := intake.normalise_id(answers ->> 'certificate_number');
    if not coalesce(intake.is_valid_certificate_number(certificate), false) then
      perform intake.fail('invalid_certificate_number');
    end if;
    answers := jsonb_set(answers, '{certificate_number}', to_jsonb(certificate));
  end if;
  return answers;
end;
$$;

-- The whole draft must stay small too.
create function intake.check_draft_size(p_answers jsonb)
returns void
language plpgsql
immutable
set search_path = ''
as $$
begin
  if octet_length(p_answers::text) > 65536 then
    perform intake.fail('invalid_answers', 'draft too large');
  end if;
end;
$$;

-- The applicant's ID number as far as the answers give it: the applicant page's, or else the first
-- 18 characters of the certificate number (which ARE the ID number). Renewals, replacements and the
-- transit card ask only for the certificate number. Both are checked when saved.
create function intake.draft_id_number(p_answers jsonb)
returns text
language sql
immutable
set search_path = ''
as $$
  select coalesce(p_answers -> 'applicant' ->> 'id_number',
                  left(p_answers -> 'certificate' ->> 'certificate_number', 18));
$$;

-- Turn a locked, live draft into an application: check that it is complete, take the applicant's ID
-- number, insert it with a new reference (retried on collision), record 'received' and delete the
-- draft. A unique violation on the client token is left to the caller (each handles it its own way).
create function intake.submit_draft(d intake.drafts, p_client_token text, p_request_hash bytea)
returns intake.applications
language plpgsql
set search_path = ''
as $$
declare
  a intake.applications;
  missing text[] := '{}';
  id_number text := intake.draft_id_number(d.answers);
  typed_id_number text := d.answers -> 'applicant' ->> 'id_number';
  certificate text := d.answers -> 'certificate' ->> 'certificate_number';
  salt bytea := intake.random_salt();
  attempts integer := 0;
  failed_constraint text;
begin
  if d.action is null and exists (select 1 from intake.service_actions where service = d.service) then
    missing := array['action'];
  end if;
  missing := missing || intake.missing_steps(d.service, d.answers);
  if id_number is null or not intake.is_valid_id_number(id_number) then
    missing := array_append(missing, 'applicant.id_number');
  end if;
  if d.service = 'transit-card' and certificate is null then
    missing := array_append(missing, 'certificate.certificate_number');
  end if;
  if cardinality(missing) > 0 then
    perform intake.fail('incomplete_application', array_to_string(missing, ','));
  end if;
  if typed_id_number is not null and certificate is not null and left(certificate, 18) <> typed_id_number then
    perform intake.fail('certificate_mismatch');
  end if;

  loop
    begin
      insert into intake.applications (
        reference, draft_id, client_token, request_hash, service, action, answers,
        applicant_id_number, lookup_salt, lookup_fact_hash, status)
      values (
        intake.new_reference(), d.id, p_client_token, p_request_hash, d.service, d.action,
        -- The ID number is kept once, in its own column (the certificate number, which staff need
        -- for its category and grade digits, stays in the answers as before).
        d.answers #- '{applicant,id_number}',
        id_number, salt, intake.lookup_fact_hash(salt, right(id_number, 4)), 'received')
      returning * into a;
      exit;
    exception when unique_violation then
      get stacked diagnostics failed_constraint = constraint_name;
      if failed_constraint <> 'applications_reference_key' then
        raise;
      end if;
      attempts := attempts + 1;
      if attempts >= 10 then
        perform intake.fail('reference_exhausted');
      end if;
    end;
  end loop;

  insert into intake.status_events (application_id, service, status) values (a.id, a.service, 'received');
  delete from intake.drafts where id = d.id;
  return a;
end;
$$;

-- The answer to a repeated one-shot request: the first receipt when it is the same request,
-- token_reused when the token was used for something else (another request, or a draft's submit).
create function intake.repeated_receipt(a intake.applications, p_request_hash bytea)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
begin
  if a.request_hash is null or a.request_hash <> p_request_hash then
    perform intake.fail('token_reused');
  end if;
  return intake.receipt_json(a, true);
end;
$$;

-- Throttling shared by lookup_status and resume_draft: a peppered hash of the client key (raises
-- invalid_client_key when it is missing, a server bug), and whether a typed key or the client has
-- too many failures in the window. Failures of both functions are counted together per client, so
-- an attacker does not get one budget for each.
create function intake.client_key_hash(p_client_key text)
returns bytea
language plpgsql
stable
set search_path = ''
as $$
begin
  if p_client_key is null or char_length(p_client_key) not between 1 and 512 then
    perform intake.fail('invalid_client_key');
  end if;
  return sha256((select client_key_pepper from intake.policy) || convert_to(p_client_key, 'UTF8'));
end;
$$;

create function intake.is_throttled(p_reference text, p_client_hash bytea)
returns boolean
language sql
stable
set search_path = ''
as $$
  select (select count(*) from intake.lookup_failures, intake.policy p
          where reference = p_reference and failed_at > now() - p.lookup_window)
           >= (select lookup_max_failures_per_reference from intake.policy)
      or (select count(*) from intake.lookup_failures, intake.policy p
          where client_key_hash = p_client_hash and failed_at > now() - p.lookup_window)
           >= (select lookup_max_failures_per_client from intake.policy);
$$;

-- A resume code's stored form. Peppered like client keys: 8 characters are only 40 bits, so a
-- plain sha256 taken from a leaked table could be reversed by trying every code.
create function intake.resume_code_hash(p_code text)
returns bytea
language sql
stable
set search_path = ''
as $$
  select sha256((select client_key_pepper from intake.policy) || convert_to('resume-code:' || p_code, 'UTF8'));
$$;

revoke all on all functions in schema intake from public, anon, authenticated, service_role;

------------------------------------------------------------------------------------------------
-- 2. Drafts: an action is no longer needed to start one; saving uses the shared step check.
------------------------------------------------------------------------------------------------

create or replace function public.create_draft(p_service text, p_action text default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  d intake.drafts;
begin
  if not exists (select 1 from intake.services where service = p_service) then
    perform intake.fail('unknown_service');
  end if;
  perform intake.check_action(p_service, p_action);
  insert into intake.drafts (service, action, expires_at)
  values (p_service, p_action, intake.new_draft_expiry())
  returning * into d;
  return intake.draft_json(d);
end;
$$;

-- Save (replace) the answers of one step. Each save extends the draft's life by the retention period.
create or replace function public.save_step(p_draft_id text, p_step text, p_answers jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  d intake.drafts := intake.locked_draft(p_draft_id);
  merged jsonb;
begin
  merged := d.answers || jsonb_build_object(p_step, intake.checked_step_answers(d.service, p_step, p_answers));
  perform intake.check_draft_size(merged);
  update intake.drafts
  set answers = merged,
      updated_at = now(),
      expires_at = intake.new_draft_expiry()
  where id = d.id
  returning * into d;
  return intake.draft_json(d) - 'answers' || jsonb_build_object('step', p_step);
end;
$$;

------------------------------------------------------------------------------------------------
-- 3. Choose (or change) the action once the eligibility questions are answered. Null clears it.
--    Pages that no longer apply are the application's to remove (remove_steps).
------------------------------------------------------------------------------------------------
create function public.set_draft_action(p_draft_id text, p_action text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  d intake.drafts := intake.locked_draft(p_draft_id);
begin
  perform intake.check_action(d.service, p_action);
  update intake.drafts
  set action = p_action,
      updated_at = now(),
      expires_at = intake.new_draft_expiry()
  where id = d.id
  returning * into d;
  return intake.draft_json(d) - 'answers';
end;
$$;

------------------------------------------------------------------------------------------------
-- 4. Remove pages that no longer apply after an answer changed (e.g. the agent page after switching
--    to "for myself"), so that nothing the person did not mean to send is submitted. Every name must
--    be one of the service's pages (invalid_step otherwise); a page not answered is simply absent.
------------------------------------------------------------------------------------------------
create function public.remove_steps(p_draft_id text, p_steps text[])
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  d intake.drafts := intake.locked_draft(p_draft_id);
begin
  if p_steps is null or exists (
      select 1 from unnest(p_steps) as s (step)
      where s.step is null
         or not exists (select 1 from intake.service_steps t where t.service = d.service and t.step = s.step)) then
    perform intake.fail('invalid_step');
  end if;
  update intake.drafts
  set answers = answers - p_steps,
      updated_at = now(),
      expires_at = intake.new_draft_expiry()
  where id = d.id
  returning * into d;
  return intake.draft_json(d) - 'answers';
end;
$$;

------------------------------------------------------------------------------------------------
-- 5. Submitting a draft: the action is required where the service has actions, and the ID number
--    may come from the certificate number alone. Same idempotency as before: the key is
--    (draft id, client token); a token already used for another application gives token_reused.
------------------------------------------------------------------------------------------------
create or replace function public.submit_application(p_draft_id text, p_client_token text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  draft_uuid uuid := intake.try_uuid(p_draft_id);
  d intake.drafts;
  a intake.applications;
  failed_constraint text;
begin
  if p_client_token is null or p_client_token !~ '^[A-Za-z0-9_-]{16,128}$' then
    perform intake.fail('invalid_token');
  end if;
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
  return intake.receipt_json(a, false);
end;
$$;

------------------------------------------------------------------------------------------------
-- 6. Save and return. issue_resume_code gives the person a short code to write down (shown once;
--    only its peppered hash is kept); resume_draft takes the code and the last 4 characters of the
--    applicant's ID number and gives back the draft id. Issuing again replaces the old code.
--    The code is a second way into personal data, so resume_draft behaves like lookup_status: an
--    unknown code, an expired draft and a wrong fact give the same resume_failed, failures are
--    recorded (as 'resume:' || code, which no typed reference can equal: references are uppercased)
--    and throttled with the same limits, and failures are returned, not raised, so the record stays.
------------------------------------------------------------------------------------------------
create function public.issue_resume_code(p_draft_id text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
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
    begin
      update intake.drafts
      set resume_code_hash = intake.resume_code_hash(code),
          updated_at = now(),
          expires_at = intake.new_draft_expiry()
      where id = d.id
      returning * into d;
      exit;
    exception when unique_violation then
      get stacked diagnostics failed_constraint = constraint_name;
      if failed_constraint <> 'drafts_resume_code_hash_key' then
        raise;
      end if;
      attempts := attempts + 1;
      if attempts >= 10 then
        perform intake.fail('reference_exhausted');
      end if;
    end;
  end loop;
  return jsonb_build_object('resume_code', code, 'expires_at', d.expires_at);
end;
$$;

create function public.resume_draft(p_code text, p_fact text, p_client_key text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  client_hash bytea := intake.client_key_hash(p_client_key);
  code text := intake.normalise_reference(p_code);
  failure_key text := left('resume:' || code, 64);
  fact text := intake.normalise_id(coalesce(p_fact, ''));
  d intake.drafts;
  id_number text;
begin
  if intake.is_throttled(failure_key, client_hash) then
    return jsonb_build_object('ok', false, 'error', 'resume_throttled');
  end if;

  select * into d from intake.drafts where resume_code_hash = intake.resume_code_hash(code);
  id_number := intake.draft_id_number(d.answers);
  if d.id is null or d.expires_at <= now() or id_number is null
     or fact !~ '^[0-9]{3}[0-9X]$' or right(id_number, 4) <> fact then
    insert into intake.lookup_failures (reference, client_key_hash) values (failure_key, client_hash);
    return jsonb_build_object('ok', false, 'error', 'resume_failed');
  end if;

  return jsonb_build_object(
    'ok', true, 'draft_id', d.id, 'service', d.service, 'action', d.action, 'expires_at', d.expires_at);
end;
$$;

-- lookup_status, unchanged in behaviour, now on the shared throttling helpers.
create or replace function public.lookup_status(p_reference text, p_fact text, p_client_key text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  client_hash bytea := intake.client_key_hash(p_client_key);
  ref text := intake.normalise_reference(p_reference);
  fact text := intake.normalise_id(coalesce(p_fact, ''));
  a intake.applications;
  matched boolean;
begin
  if intake.is_throttled(ref, client_hash) then
    return jsonb_build_object('ok', false, 'error', 'lookup_throttled');
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

------------------------------------------------------------------------------------------------
-- 7. One-shot submission for the JSON API and other channels that send a whole application at
--    once: one transaction creates the draft, applies every step exactly as save_step would, and
--    submits it; any error rolls all of it back, so nothing is left behind.
--    Idempotency is by client token alone. The request hash (service, action and the answers as
--    canonical jsonb text) tells a retry of the same request (the first receipt, repeated=true)
--    from the token used again for something else (token_reused).
--    Concurrent calls with one token: the first to insert wins; the others wait on the unique
--    index, then fail with a unique violation, which is caught here and answered like a repeat
--    (the statement after it sees the committed application: PostgREST runs READ COMMITTED).
------------------------------------------------------------------------------------------------
create function public.submit_complete_application(
  p_service text, p_action text, p_answers jsonb, p_client_token text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  request_hash bytea;
  answers jsonb := '{}'::jsonb;
  step record;
  d intake.drafts;
  a intake.applications;
  failed_constraint text;
begin
  if p_client_token is null or p_client_token !~ '^[A-Za-z0-9_-]{16,128}$' then
    perform intake.fail('invalid_token');
  end if;
  request_hash := sha256(convert_to(jsonb_build_array(p_service, p_action, p_answers)::text, 'UTF8'));

  select * into a from intake.applications where client_token = p_client_token;
  if found then
    return intake.repeated_receipt(a, request_hash);
  end if;

  if not exists (select 1 from intake.services where service = p_service) then
    perform intake.fail('unknown_service');
  end if;
  perform intake.check_action(p_service, p_action);
  if p_answers is null or jsonb_typeof(p_answers) <> 'object' then
    perform intake.fail('invalid_answers');
  end if;
  for step in select key, value from jsonb_each(p_answers) loop
    answers := answers || jsonb_build_object(step.key, intake.checked_step_answers(p_service, step.key, step.value));
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
  return intake.receipt_json(a, false);
end;
$$;

------------------------------------------------------------------------------------------------
-- 8. Row counts (numbers only, never personal data): for the scheduled job's log, tests and the
--    load test.
------------------------------------------------------------------------------------------------
create function public.intake_counts()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'drafts', (select count(*) from intake.drafts),
    'applications', (select count(*) from intake.applications),
    'status_events', (select count(*) from intake.status_events));
$$;

------------------------------------------------------------------------------------------------
-- Grants: service_role only, as for every other intake function. create or replace keeps the
-- earlier grants of the replaced functions; they are repeated so this file states them all.
------------------------------------------------------------------------------------------------
revoke all on function public.create_draft(text, text) from public, anon, authenticated;
revoke all on function public.save_step(text, text, jsonb) from public, anon, authenticated;
revoke all on function public.set_draft_action(text, text) from public, anon, authenticated;
revoke all on function public.remove_steps(text, text[]) from public, anon, authenticated;
revoke all on function public.submit_application(text, text) from public, anon, authenticated;
revoke all on function public.issue_resume_code(text) from public, anon, authenticated;
revoke all on function public.resume_draft(text, text, text) from public, anon, authenticated;
revoke all on function public.lookup_status(text, text, text) from public, anon, authenticated;
revoke all on function public.submit_complete_application(text, text, jsonb, text) from public, anon, authenticated;
revoke all on function public.intake_counts() from public, anon, authenticated;
grant execute on function public.create_draft(text, text) to service_role;
grant execute on function public.save_step(text, text, jsonb) to service_role;
grant execute on function public.set_draft_action(text, text) to service_role;
grant execute on function public.remove_steps(text, text[]) to service_role;
grant execute on function public.submit_application(text, text) to service_role;
grant execute on function public.issue_resume_code(text) to service_role;
grant execute on function public.resume_draft(text, text, text) to service_role;
grant execute on function public.lookup_status(text, text, text) to service_role;
grant execute on function public.submit_complete_application(text, text, jsonb, text) to service_role;
grant execute on function public.intake_counts() to service_role;
