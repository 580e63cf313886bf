-- Speed, measured on PostgreSQL 15 (the figures are in the README; tests/postgres proves the rules
-- still hold under concurrency). Nothing a caller sees changes, except that save_page and
-- set_draft_action can also remove pages that no longer apply, in the same call.
--
-- 1. An application sent whole (submit_complete_application) no longer writes a draft row only to
--    delete it again in the same transaction: intake.submit_draft takes the draft as a value (the
--    one-shot's was never stored, so deleting it afterwards finds nothing to delete).
-- 2. The small helpers were SQL functions. A SQL function with a SET clause (here search_path) is
--    never inlined and is planned again on every call (PostgreSQL before 18 keeps no plans for SQL
--    functions): about 25 µs each, a dozen times per submit. As PL/pgSQL they keep their plans. Same
--    arguments, results and volatility.
-- 3. One round trip per saved page: save_page and set_draft_action take the pages that no longer
--    apply (p_remove_pages), which the application used to remove with a second call.

------------------------------------------------------------------------------------------------
-- 2. The helpers as PL/pgSQL (bodies unchanged, but for the ID number check's sum).
------------------------------------------------------------------------------------------------

-- The ID number check (GB 11643-1999, as in 20251122000200_intake_helpers.sql): the same rule, with
-- the ISO 7064 MOD 11-2 sum as one expression instead of a loop of 17 statements (a third of the time;
-- it runs twice per submit).
create or replace function intake.is_valid_id_number(value text)
returns boolean
language plpgsql
stable
set search_path = ''
as $$
declare
  birth date;
begin
  if value is null or value !~ '^[0-9]{17}[0-9X]$' then
    return false;
  end if;
  begin
    birth := make_date(substr(value, 7, 4)::integer, substr(value, 11, 2)::integer, substr(value, 13, 2)::integer);
  exception when data_exception then
    return false;
  end;
  if birth < date '1900-01-01' or birth > current_date then
    return false;
  end if;
  return substr('10X98765432', (
      substr(value, 1, 1)::integer * 7 + substr(value, 2, 1)::integer * 9 + substr(value, 3, 1)::integer * 10
    + substr(value, 4, 1)::integer * 5 + substr(value, 5, 1)::integer * 8 + substr(value, 6, 1)::integer * 4
    + substr(value, 7, 1)::integer * 2 + substr(value, 8, 1)::integer * 1 + substr(value, 9, 1)::integer * 6
    + substr(value, 10, 1)::integer * 3 + substr(value, 11, 1)::integer * 7 + substr(value, 12, 1)::integer * 9
    + substr(value, 13, 1)::integer * 10 + substr(value, 14, 1)::integer * 5 + substr(value, 15, 1)::integer * 8
    + substr(value, 16, 1)::integer * 4 + substr(value, 17, 1)::integer * 2) % 11 + 1, 1) = substr(value, 18, 1);
end;
$$;

create or replace function intake.is_valid_certificate_number(value text)
returns boolean
language plpgsql
stable
set search_path = ''
as $$
begin
  return value ~ '^[0-9]{17}[0-9X][1-7][1-4]$' and intake.is_valid_id_number(substr(value, 1, 18));
end;
$$;

create or replace function intake.normalise_id(value text)
returns text
language plpgsql
immutable
set search_path = ''
as $$
begin
  return upper(regexp_replace(
    translate(value, '０１２３４５６７８９ｘＸ', '0123456789xX'),
    '[[:space:]　\-－]', '', 'g'));
end;
$$;

create or replace function intake.lookup_fact_hash(salt bytea, fact text)
returns bytea
language plpgsql
immutable
set search_path = ''
as $$
begin
  return sha256(salt || convert_to('id-last4:' || fact, 'UTF8'));
end;
$$;

create or replace function intake.random_salt()
returns bytea
language plpgsql
volatile
set search_path = ''
as $$
begin
  return decode(replace(gen_random_uuid()::text, '-', ''), 'hex');
end;
$$;

create or replace function intake.missing_pages(p_service text, p_answers jsonb)
returns text[]
language plpgsql
stable
set search_path = ''
as $$
begin
  return (select coalesce(array_agg(s.page order by s.page), '{}')
          from intake.service_pages s
          where s.service = p_service and s.required and not (p_answers ? s.page));
end;
$$;

create or replace function intake.draft_json(d intake.drafts)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
begin
  return jsonb_build_object(
    'draft_id', d.id,
    'service', d.service,
    'action', d.action,
    'answers', d.answers,
    'expires_at', d.expires_at,
    'missing_pages', to_jsonb(intake.missing_pages(d.service, d.answers)));
end;
$$;

create or replace function intake.new_draft_expiry()
returns timestamptz
language plpgsql
stable
set search_path = ''
as $$
begin
  return now() + (select draft_retention from intake.policy);
end;
$$;

create or replace function intake.draft_id_number(p_answers jsonb)
returns text
language plpgsql
immutable
set search_path = ''
as $$
begin
  return coalesce(p_answers -> 'applicant' ->> 'id_number',
                  left(p_answers -> 'certificate' ->> 'certificate_number', 18));
end;
$$;

create or replace function intake.receipt_json(a intake.applications, repeated boolean)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
begin
  return jsonb_build_object(
    'reference', a.reference,
    'service', a.service,
    'action', a.action,
    'status', a.status,
    'submitted_at', a.submitted_at,
    'repeated', repeated);
end;
$$;

------------------------------------------------------------------------------------------------
-- 1. Submitting without a throwaway draft row.
------------------------------------------------------------------------------------------------

-- Turn a live draft into an application: check that it is complete, take the applicant's ID
-- number, insert it with a new reference (retried on collision) and record 'received'. The draft is
-- a value: a stored draft (submit_application's, whose row is deleted here once it is an
-- application) or the answers of a whole application (submit_complete_application; its draft id is
-- new and belongs to no stored draft, so the delete finds nothing). A unique violation on the client token is left to the caller (each handles it its own way).
create or replace function intake.submit_draft(d intake.drafts, p_client_token text, p_request_hash bytea)
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

-- One-shot submission for the JSON API and other channels (as in
-- 20251215000300_intake_submission_limits.sql: a live channel, counted per client): every page
-- checked exactly as save_page checks it, in one statement, then submitted as a draft that is
-- never stored.
create or replace function public.submit_complete_application(
  p_service text, p_action text, p_answers jsonb, p_client_token text, p_client_key text, p_channel_id text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  client_hash bytea := intake.client_key_hash(p_client_key);
  request_hash bytea;
  answers jsonb;
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
  -- Every page checked as save_page checks it, in one statement.
  select coalesce(jsonb_object_agg(key, intake.checked_page_answers(p_service, key, value)), '{}'::jsonb)
  into answers from jsonb_each(p_answers);
  perform intake.check_draft_size(answers);
  d.id := gen_random_uuid();
  d.service := p_service;
  d.action := p_action;
  d.answers := answers;

  begin
    a := intake.submit_draft(d, p_client_token, request_hash);
  exception when unique_violation then
    -- Another call with this token committed first (this one waited on the unique index for it).
    get stacked diagnostics failed_constraint = constraint_name;
    if failed_constraint <> 'applications_client_token_key' then
      raise;
    end if;
    select * into a from intake.applications where client_token = p_client_token;
    return intake.repeated_receipt(a, request_hash);
  end;
  perform intake.count_submission(client_hash, 'api_application');
  update intake.applications set channel_id = channel.id where id = a.id returning * into a;
  perform intake.remember_client(a.reference, client_hash);
  return intake.receipt_json(a, false);
end;
$$;

-- The per-client helpers every submit calls (20251215000100_intake_throttling.sql), as PL/pgSQL for
-- the same reason as the helpers above: same arguments, results and volatility.
create or replace function intake.wait_seconds(p_times timestamptz[], p_limit integer, p_window interval)
returns integer
language plpgsql
stable
set search_path = ''
as $$
begin
  return case when cardinality(p_times) < p_limit then null
    else greatest(1, ceil(extract(epoch from
      (select t from unnest(p_times) t order by t offset cardinality(p_times) - p_limit limit 1)
      + p_window - now()))::integer)
  end;
end;
$$;

create or replace function intake.remember_client(p_subject text, p_client_hash bytea)
returns void
language plpgsql
set search_path = ''
as $$
begin
  insert into intake.known_clients (subject, client_key_hash) values (p_subject, p_client_hash)
  on conflict (subject, client_key_hash) do update set seen_at = now();
end;
$$;

------------------------------------------------------------------------------------------------
-- 3. Saving a page and removing the pages that stopped applying, in one call.
------------------------------------------------------------------------------------------------

-- The pages removed: every name must be a page of the service (invalid_page otherwise); a page not
-- answered is simply absent. Shared by remove_pages, save_page and set_draft_action.
create function intake.without_pages(d intake.drafts, p_pages text[])
returns intake.drafts
language plpgsql
stable
set search_path = ''
as $$
begin
  if p_pages is null or exists (
      select 1 from unnest(p_pages) as p (page)
      where p.page is null
         or not exists (select 1 from intake.service_pages s where s.service = d.service and s.page = p.page)) then
    perform intake.fail('invalid_page');
  end if;
  d.answers := d.answers - p_pages;
  return d;
end;
$$;
revoke all on function intake.without_pages(intake.drafts, text[]) from public, anon, authenticated, service_role;

create or replace function public.remove_pages(p_draft_id text, p_pages text[])
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
begin
  return intake.draft_json(intake.saved_draft(intake.without_pages(intake.locked_draft(p_draft_id), p_pages))) - 'answers';
end;
$$;

drop function public.save_page(text, text, jsonb);
-- Save (replace) the answers of one page, and remove the pages that no longer apply after it
-- (p_remove_pages, e.g. the agent page when "for myself" is saved). Each save extends the draft's
-- life by the retention period.
create function public.save_page(p_draft_id text, p_page text, p_answers jsonb, p_remove_pages text[] default '{}')
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  d intake.drafts := intake.locked_draft(p_draft_id);
begin
  d.answers := d.answers || jsonb_build_object(p_page, intake.checked_page_answers(d.service, p_page, p_answers));
  d := intake.without_pages(d, p_remove_pages);
  perform intake.check_draft_size(d.answers);
  return intake.draft_json(intake.saved_draft(d)) - 'answers' || jsonb_build_object('page', p_page);
end;
$$;
revoke all on function public.save_page(text, text, jsonb, text[]) from public, anon, authenticated;
grant execute on function public.save_page(text, text, jsonb, text[]) to service_role;

drop function public.set_draft_action(text, text);
-- Choose (or change, or clear with null) the action, and remove the pages that no longer apply to it.
create function public.set_draft_action(p_draft_id text, p_action text, p_remove_pages text[] default '{}')
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  d intake.drafts := intake.locked_draft(p_draft_id);
begin
  perform intake.check_action(d.service, p_action);
  d.action := p_action;
  return intake.draft_json(intake.saved_draft(intake.without_pages(d, p_remove_pages))) - 'answers';
end;
$$;
revoke all on function public.set_draft_action(text, text, text[]) from public, anon, authenticated;
grant execute on function public.set_draft_action(text, text, text[]) to service_role;
