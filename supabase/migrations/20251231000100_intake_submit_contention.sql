-- Concurrent submits no longer wait for one another (measured: README.md, "Benchmark").
--
-- 1. The dashboard's journey counts (20251222000200_service_dashboard.sql) were one row per day,
--    service and channel, updated by a trigger on every application inserted. Every submit of the
--    day took that row's lock and kept it until its commit had been flushed, so submits committed
--    one at a time however many connections ran them: the SQL submit stopped at about 1,000 per
--    second whatever the concurrency, while a bare INSERT went on to 2,500. Each count is now
--    spread over 16 slots (a trigger adds to a slot chosen at random), so two submits meet on a
--    row only when they draw the same slot; the dashboard already sums what it reads.
-- 2. The one-shot submit stored the application, then updated the row it had just inserted to
--    record the API channel (a second version of the row and of every index entry). The channel
--    now goes into the INSERT: submit_draft takes it.

------------------------------------------------------------------------------------------------
-- 1. Journey counts in slots.
------------------------------------------------------------------------------------------------

alter table intake.journey_counts
  add column slot smallint not null default 0 check (slot between 0 and 15),
  drop constraint journey_counts_pkey,
  add primary key (day, service, channel, slot);

-- A slot for one count: random, so concurrent transactions rarely share one.
create function intake.journey_count_slot()
returns smallint
language plpgsql
volatile
set search_path = ''
as $$
begin
  return floor(random() * 16)::smallint;
end;
$$;
revoke all on function intake.journey_count_slot() from public, anon, authenticated, service_role;

create or replace function intake.count_journey_started()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    if new.answers = '{}'::jsonb then
      insert into intake.journey_counts as c (day, service, channel, slot, started)
      values ((new.created_at at time zone 'Asia/Shanghai')::date, new.service, new.channel, intake.journey_count_slot(), 1)
      on conflict (day, service, channel, slot) do update set started = c.started + 1;
    end if;
  elsif old.channel = 'online' and new.channel = 'counter' then
    -- Take the start back from any slot of the day that still has one (none: nothing to take).
    update intake.journey_counts set started = started - 1
    where ctid = (select ctid from intake.journey_counts
                  where day = (old.created_at at time zone 'Asia/Shanghai')::date and service = old.service
                    and channel = 'online' and started > 0
                  limit 1 for update);
    insert into intake.journey_counts as c (day, service, channel, slot, started)
    values ((old.created_at at time zone 'Asia/Shanghai')::date, old.service, 'counter', intake.journey_count_slot(), 1)
    on conflict (day, service, channel, slot) do update set started = c.started + 1;
  end if;
  return null;
end;
$$;

create or replace function intake.count_journey_submitted()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into intake.journey_counts as c (day, service, channel, slot, submitted)
  values ((new.submitted_at at time zone 'Asia/Shanghai')::date, new.service, new.channel, intake.journey_count_slot(), 1)
  on conflict (day, service, channel, slot) do update set submitted = c.submitted + 1;
  return null;
end;
$$;

------------------------------------------------------------------------------------------------
-- 2. The channel in the INSERT.
------------------------------------------------------------------------------------------------

-- As in 20251230000100_intake_fast_submit.sql, with the API channel recorded as the row is made
-- (null for the web forms and the counter).
drop function intake.submit_draft(intake.drafts, text, bytea);
create function intake.submit_draft(d intake.drafts, p_client_token text, p_request_hash bytea, p_channel_id uuid default null)
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
        applicant_id_number, lookup_salt, lookup_fact_hash, status, channel_id)
      values (
        intake.new_reference(), d.id, p_client_token, p_request_hash, d.service, d.action,
        -- The ID number is kept once, in its own column (the certificate number, which staff need
        -- for its category and grade digits, stays in the answers).
        d.answers #- '{applicant,id_number}',
        id_number, salt, intake.lookup_fact_hash(salt, right(id_number, 4)), 'received', p_channel_id)
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
revoke all on function intake.submit_draft(intake.drafts, text, bytea, uuid) from public, anon, authenticated, service_role;

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
    a := intake.submit_draft(d, p_client_token, request_hash, channel.id);
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
  perform intake.remember_client(a.reference, client_hash);
  return intake.receipt_json(a, false);
end;
$$;
