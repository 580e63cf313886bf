-- Status lookup: reference number + one fact (the last 4 characters of the applicant's ID number).
--
-- It must not help anyone enumerate or confirm other people's applications:
--  * an unknown reference, a wrong fact and a malformed input all give the same answer, lookup_failed;
--  * failures are recorded per typed reference and per hashed client key, and after too many in the
--    window (policy: 5 per 15 minutes) every attempt answers lookup_throttled, even a correct one.
--
-- Failures are RETURNED as {"ok": false, "error": "lookup_failed" | "lookup_throttled"}, not raised:
-- raising would roll back the transaction and with it the failure record that throttling depends on.
-- Only a missing client key (a server bug) raises P0001 invalid_client_key.

------------------------------------------------------------------------------------------------
-- Throttling, shared with resume_draft (not executable by any API role): a peppered hash of the
-- client key (raises invalid_client_key when it is missing), and whether a typed key or the client
-- has too many failures in the window. Failures of both functions are counted together per
-- client, so an attacker does not get one budget for each.
------------------------------------------------------------------------------------------------

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

revoke all on all functions in schema intake from public, anon, authenticated, service_role;

------------------------------------------------------------------------------------------------
-- The API: executable by service_role only.
------------------------------------------------------------------------------------------------

create function public.lookup_status(p_reference text, p_fact text, p_client_key text)
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
revoke all on function public.lookup_status(text, text, text) from public, anon, authenticated;
grant execute on function public.lookup_status(text, text, text) to service_role;
