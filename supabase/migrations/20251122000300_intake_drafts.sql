-- Drafts: create, read, save one step. Called by the server with the secret key (service_role).
-- Errors: P0001 with message unknown_service, invalid_action, draft_not_found, draft_expired,
-- invalid_step, invalid_answers, invalid_id_number, invalid_certificate_number.

-- The draft row, locked for the rest of the transaction; raises when missing or expired.
create function intake.locked_draft(p_draft_id text)
returns intake.drafts
language plpgsql
set search_path = ''
as $$
declare
  d intake.drafts;
begin
  select * into d from intake.drafts where id = intake.try_uuid(p_draft_id) for update;
  if not found then
    perform intake.fail('draft_not_found');
  end if;
  if d.expires_at <= now() then
    perform intake.fail('draft_expired');
  end if;
  return d;
end;
$$;

-- Required steps of a service that the answers do not have yet, in a stable order.
create function intake.missing_steps(p_service text, p_answers jsonb)
returns text[]
language sql
stable
set search_path = ''
as $$
  select coalesce(array_agg(s.step order by s.step), '{}')
  from intake.service_steps s
  where s.service = p_service and s.required and not (p_answers ? s.step);
$$;

create function intake.draft_json(d intake.drafts)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_build_object(
    'draft_id', d.id,
    'service', d.service,
    'action', d.action,
    'answers', d.answers,
    'expires_at', d.expires_at,
    'missing_steps', to_jsonb(intake.missing_steps(d.service, d.answers)));
$$;

revoke all on all functions in schema intake from public, anon, authenticated, service_role;

create function public.create_draft(p_service text, p_action text default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  d intake.drafts;
  has_actions boolean;
begin
  if not exists (select 1 from intake.services where service = p_service) then
    perform intake.fail('unknown_service');
  end if;
  has_actions := exists (select 1 from intake.service_actions where service = p_service);
  if (has_actions and not exists (
        select 1 from intake.service_actions where service = p_service and action = p_action))
     or (not has_actions and p_action is not null) then
    perform intake.fail('invalid_action');
  end if;
  insert into intake.drafts (service, action, expires_at)
  values (p_service, p_action, now() + (select draft_retention from intake.policy))
  returning * into d;
  return intake.draft_json(d);
end;
$$;

create function public.get_draft(p_draft_id text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
begin
  return intake.draft_json(intake.locked_draft(p_draft_id));
end;
$$;

-- Save (replace) the answers of one step. Each save extends the draft's life by the retention period.
-- ID and certificate numbers are normalised and checked here so that nothing invalid is ever stored.
create function public.save_step(p_draft_id text, p_step text, p_answers jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  d intake.drafts := intake.locked_draft(p_draft_id);
  answers jsonb := p_answers;
  merged jsonb;
  id_number text;
  certificate text;
begin
  if not exists (select 1 from intake.service_steps where service = d.service and step = p_step) then
    perform intake.fail('invalid_step');
  end if;
  if answers is null or jsonb_typeof(answers) <> 'object' or octet_length(answers::text) > 8192 then
    perform intake.fail('invalid_answers');
  end if;

  if answers ? 'id_number' then
    id_number := intake.normalise_id(answers ->> 'id_number');
    if not intake.is_valid_id_number(id_number) then
      perform intake.fail('invalid_id_number');
    end if;
    answers := jsonb_set(answers, '{id_number}', to_jsonb(id_number));
  end if;
  if answers ? 'certificate_number' then
    certificate := intake.normalise_id(answers ->> 'certificate_number');
    if not intake.is_valid_certificate_number(certificate) then
      perform intake.fail('invalid_certificate_number');
    end if;
    answers := jsonb_set(answers, '{certificate_number}', to_jsonb(certificate));
  end if;

  merged := d.answers || jsonb_build_object(p_step, answers);
  if octet_length(merged::text) > 65536 then
    perform intake.fail('invalid_answers', 'draft too large');
  end if;

  update intake.drafts
  set answers = merged,
      updated_at = now(),
      expires_at = now() + (select draft_retention from intake.policy)
  where id = d.id
  returning * into d;
  return intake.draft_json(d) - 'answers' || jsonb_build_object('step', p_step);
end;
$$;

revoke all on function public.create_draft(text, text) from public, anon, authenticated;
revoke all on function public.get_draft(text) from public, anon, authenticated;
revoke all on function public.save_step(text, text, jsonb) from public, anon, authenticated;
grant execute on function public.create_draft(text, text) to service_role;
grant execute on function public.get_draft(text) to service_role;
grant execute on function public.save_step(text, text, jsonb) to service_role;
