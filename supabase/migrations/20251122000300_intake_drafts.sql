-- Drafts: create, read, save one page, choose the action, remove pages that no longer apply.
-- Called by the server with the secret key (service_role).
-- Errors: P0001 with message unknown_service, invalid_action, draft_not_found, draft_expired,
-- invalid_page, invalid_answers, invalid_id_number, invalid_certificate_number.

------------------------------------------------------------------------------------------------
-- Private helpers (not executable by any API role). The one-shot submit and save and return use
-- them too, so a draft is held to the same rules however it is written.
------------------------------------------------------------------------------------------------

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

-- Required pages of a service that the answers do not have yet, in a stable order.
create function intake.missing_pages(p_service text, p_answers jsonb)
returns text[]
language sql
stable
set search_path = ''
as $$
  select coalesce(array_agg(s.page order by s.page), '{}')
  from intake.service_pages s
  where s.service = p_service and s.required and not (p_answers ? s.page);
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
    'missing_pages', to_jsonb(intake.missing_pages(d.service, d.answers)));
$$;

-- An action is valid for a service when it is one of the service's actions, or null: a draft may
-- start before the action is known (transit-card asks about eligibility first), and
-- assistive-devices has no actions at all. Submitting insists on it where there are actions.
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

-- One page's answers, checked and normalised: the page must be one of the service's pages, the
-- answers a small JSON object; ID and certificate numbers are normalised and checked here so that
-- nothing invalid is ever stored. Shared by save_page and submit_complete_application, so a whole
-- application sent at once is held to exactly the same rules as one saved page by page.
create function intake.checked_page_answers(p_service text, p_page text, p_answers jsonb)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  answers jsonb := p_answers;
  field text;
  number text;
begin
  if not exists (select 1 from intake.service_pages where service = p_service and page = p_page) then
    perform intake.fail('invalid_page');
  end if;
  if answers is null or jsonb_typeof(answers) <> 'object' or octet_length(answers::text) > 8192 then
    perform intake.fail('invalid_answers');
  end if;

  -- The error code names the field: invalid_id_number, invalid_certificate_number.
  foreach field in array array['id_number', 'certificate_number'] loop
    continue when not answers ? field;
    number := intake.normalise_id(answers ->> field);
    if not coalesce(case field
                      when 'id_number' then intake.is_valid_id_number(number)
                      else intake.is_valid_certificate_number(number)
                    end, false) then
      perform intake.fail('invalid_' || field);
    end if;
    answers := jsonb_set(answers, array[field], to_jsonb(number));
  end loop;
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

-- Store a changed draft (its answers, action and resume code) and extend its life: retention
-- counts from the last save. The draft must be locked (intake.locked_draft), so that nothing else
-- changed it since it was read.
create function intake.saved_draft(d intake.drafts)
returns intake.drafts
language plpgsql
set search_path = ''
as $$
begin
  update intake.drafts
  set answers = d.answers,
      action = d.action,
      resume_code_hash = d.resume_code_hash,
      updated_at = now(),
      expires_at = intake.new_draft_expiry()
  where id = d.id
  returning * into d;
  return d;
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

revoke all on all functions in schema intake from public, anon, authenticated, service_role;

------------------------------------------------------------------------------------------------
-- The API: executable by service_role only.
------------------------------------------------------------------------------------------------

-- Start a draft. The action may be left null until it is known (see intake.check_action).
create function public.create_draft(p_service text, p_action text default null)
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
revoke all on function public.create_draft(text, text) from public, anon, authenticated;
grant execute on function public.create_draft(text, text) to service_role;

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
revoke all on function public.get_draft(text) from public, anon, authenticated;
grant execute on function public.get_draft(text) to service_role;

-- Save (replace) the answers of one page. Each save extends the draft's life by the retention period.
create function public.save_page(p_draft_id text, p_page text, p_answers jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  d intake.drafts := intake.locked_draft(p_draft_id);
begin
  d.answers := d.answers || jsonb_build_object(p_page, intake.checked_page_answers(d.service, p_page, p_answers));
  perform intake.check_draft_size(d.answers);
  return intake.draft_json(intake.saved_draft(d)) - 'answers' || jsonb_build_object('page', p_page);
end;
$$;
revoke all on function public.save_page(text, text, jsonb) from public, anon, authenticated;
grant execute on function public.save_page(text, text, jsonb) to service_role;

-- Choose (or change) the action once the eligibility questions are answered. Null clears it.
-- Which pages still apply is the application's decision (remove_pages).
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
  d.action := p_action;
  return intake.draft_json(intake.saved_draft(d)) - 'answers';
end;
$$;
revoke all on function public.set_draft_action(text, text) from public, anon, authenticated;
grant execute on function public.set_draft_action(text, text) to service_role;

-- Remove pages that no longer apply after an answer changed (e.g. the agent page after switching
-- to "for myself"), so that nothing the person did not mean to send is submitted. Every name must
-- be one of the service's pages (invalid_page otherwise); a page not answered is simply absent.
create function public.remove_pages(p_draft_id text, p_pages text[])
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  d intake.drafts := intake.locked_draft(p_draft_id);
begin
  if p_pages is null or exists (
      select 1 from unnest(p_pages) as p (page)
      where p.page is null
         or not exists (select 1 from intake.service_pages s where s.service = d.service and s.page = p.page)) then
    perform intake.fail('invalid_page');
  end if;
  d.answers := d.answers - p_pages;
  return intake.draft_json(intake.saved_draft(d)) - 'answers';
end;
$$;
revoke all on function public.remove_pages(text, text[]) from public, anon, authenticated;
grant execute on function public.remove_pages(text, text[]) to service_role;
