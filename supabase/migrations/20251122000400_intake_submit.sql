-- Submitting: a saved draft (the web journeys), a whole application at once (the JSON API and
-- other channels), both idempotent; and recording status changes.
-- Errors: P0001 with message invalid_token, draft_not_found, draft_expired, draft_already_submitted,
-- incomplete_application (detail: the missing parts), certificate_mismatch, reference_exhausted,
-- token_reused, application_not_found, invalid_status, invalid_transition, invalid_note; the
-- one-shot submit also those of the draft functions (unknown_service, invalid_action, invalid_page,
-- invalid_answers, invalid_id_number, invalid_certificate_number).
--
-- Submitting needs the action where the service has actions (missing part 'action'), every
-- required page, and the applicant's ID number: applicant.id_number, or else the first 18
-- characters of certificate.certificate_number (renewals and the transit card ask only for the
-- certificate number). When both are given they must agree.

------------------------------------------------------------------------------------------------
-- Private helpers (not executable by any API role).
------------------------------------------------------------------------------------------------

-- A client token as intake.applications takes it: 16–128 of A–Z a–z 0–9 _ -. Checked first, so a
-- bad token is invalid_token whatever else is wrong.
create function intake.check_client_token(p_client_token text)
returns void
language plpgsql
immutable
set search_path = ''
as $$
begin
  if p_client_token is null or p_client_token !~ '^[A-Za-z0-9_-]{16,128}$' then
    perform intake.fail('invalid_token');
  end if;
end;
$$;

create function intake.receipt_json(a intake.applications, repeated boolean)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_build_object(
    'reference', a.reference,
    'service', a.service,
    'action', a.action,
    'status', a.status,
    'submitted_at', a.submitted_at,
    'repeated', repeated);
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
  missing := missing || intake.missing_pages(d.service, d.answers);
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
        -- for its category and grade digits, stays in the answers).
        d.answers #- '{applicant,id_number}',
        id_number, salt, intake.lookup_fact_hash(salt, right(id_number, 4)), 'received')
      returning * into a;
      exit;
    exception when unique_violation then
      get stacked diagnostics failed_constraint = constraint_name;
      attempts := attempts + 1;
      if not intake.code_collided(failed_constraint, 'applications_reference_key', attempts) then
        raise;
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

revoke all on all functions in schema intake from public, anon, authenticated, service_role;

------------------------------------------------------------------------------------------------
-- The API: executable by service_role only.
------------------------------------------------------------------------------------------------

-- Submit a draft. The idempotency key is (draft id, client token): the same pair always returns the
-- same reference, and a draft becomes at most one application (draft_id is unique). A token already
-- used for another application gives token_reused.
create function public.submit_application(p_draft_id text, p_client_token text)
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
  return intake.receipt_json(a, false);
end;
$$;
revoke all on function public.submit_application(text, text) from public, anon, authenticated;
grant execute on function public.submit_application(text, text) to service_role;

-- One-shot submission for the JSON API and other channels that send a whole application at
-- once: one transaction creates the draft, applies every page exactly as save_page would, and
-- submits it; any error rolls all of it back, so nothing is left behind.
-- Idempotency is by client token alone. The request hash (service, action and the answers as
-- canonical jsonb text) tells a retry of the same request (the first receipt, repeated=true)
-- from the token used again for something else (token_reused).
-- Concurrent calls with one token: the first to insert wins; the others wait on the unique
-- index, then fail with a unique violation, which is caught here and answered like a repeat
-- (the statement after it sees the committed application: PostgREST runs READ COMMITTED).
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
  page record;
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
  return intake.receipt_json(a, false);
end;
$$;
revoke all on function public.submit_complete_application(text, text, jsonb, text) from public, anon, authenticated;
grant execute on function public.submit_complete_application(text, text, jsonb, text) to service_role;

-- Record a status change (staff back office, through the server). Statuses move forward in the
-- service's order (some may be skipped, e.g. no public notice for minors); rejected and withdrawn
-- close an open application from any status; nothing follows a closing status.
create function public.record_status(p_reference text, p_status text, p_note text default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  a intake.applications;
  current_order integer;
  target intake.service_statuses;
begin
  select * into a from intake.applications
  where reference = intake.normalise_reference(p_reference) for update;
  if not found then
    perform intake.fail('application_not_found');
  end if;
  select * into target from intake.service_statuses where service = a.service and status = p_status;
  if not found then
    perform intake.fail('invalid_status');
  end if;
  if p_note is not null and char_length(p_note) > 500 then
    perform intake.fail('invalid_note');
  end if;
  select sort_order into current_order from intake.service_statuses
  where service = a.service and status = a.status;
  if a.closed_at is not null or target.sort_order <= current_order then
    perform intake.fail('invalid_transition');
  end if;

  update intake.applications
  set status = target.status,
      updated_at = now(),
      closed_at = case when target.closes then now() end
  where id = a.id
  returning * into a;
  insert into intake.status_events (application_id, service, status, note)
  values (a.id, a.service, target.status, p_note);
  return jsonb_build_object('reference', a.reference, 'status', a.status, 'closed', a.closed_at is not null);
end;
$$;
revoke all on function public.record_status(text, text, text) from public, anon, authenticated;
grant execute on function public.record_status(text, text, text) to service_role;
