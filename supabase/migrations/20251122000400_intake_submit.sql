-- Submitting a draft (idempotent) and recording status changes.
-- Errors: P0001 with message invalid_token, draft_not_found, draft_expired, draft_already_submitted,
-- incomplete_application (detail: the missing parts), certificate_mismatch, reference_exhausted,
-- application_not_found, invalid_status, invalid_transition, invalid_note.

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

revoke all on all functions in schema intake from public, anon, authenticated, service_role;

-- Submit a draft. The idempotency key is (draft id, client token): the same pair always returns the
-- same reference, and a draft becomes at most one application (draft_id is unique). Concurrent calls
-- for one draft queue on the draft's row lock; the later ones then find the application and return it.
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
  missing text[];
  id_number text;
  certificate text;
  salt bytea := intake.random_salt();
  attempts integer := 0;
  failed_constraint text;
begin
  if p_client_token is null or p_client_token !~ '^[A-Za-z0-9_-]{16,128}$' then
    perform intake.fail('invalid_token');
  end if;
  if draft_uuid is null then
    perform intake.fail('draft_not_found');
  end if;

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

  missing := intake.missing_steps(d.service, d.answers);
  id_number := d.answers -> 'applicant' ->> 'id_number';
  if id_number is null or not intake.is_valid_id_number(id_number) then
    missing := array_append(missing, 'applicant.id_number');
  end if;
  certificate := d.answers -> 'certificate' ->> 'certificate_number';
  if d.service = 'transit-card' and certificate is null then
    missing := array_append(missing, 'certificate.certificate_number');
  end if;
  if cardinality(missing) > 0 then
    perform intake.fail('incomplete_application', array_to_string(missing, ','));
  end if;
  if certificate is not null and left(certificate, 18) <> id_number then
    perform intake.fail('certificate_mismatch');
  end if;

  loop
    begin
      insert into intake.applications (
        reference, draft_id, client_token, service, action, answers,
        applicant_id_number, lookup_salt, lookup_fact_hash, status)
      values (
        intake.new_reference(), d.id, p_client_token, d.service, d.action,
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
  return intake.receipt_json(a, false);
end;
$$;

-- Record a status change (staff back office, through the server). Statuses move forward in the
-- service's order (steps may be skipped, e.g. no public notice for minors); rejected and withdrawn
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

revoke all on function public.submit_application(text, text) from public, anon, authenticated;
revoke all on function public.record_status(text, text, text) from public, anon, authenticated;
grant execute on function public.submit_application(text, text) to service_role;
grant execute on function public.record_status(text, text, text) to service_role;
