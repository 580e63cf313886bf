-- Save and return. issue_resume_code gives the person a short code to write down (shown once;
-- only its peppered hash is kept); resume_draft takes the code and the last 4 characters of the
-- applicant's ID number and gives back the draft id. Issuing again replaces the old code.
--
-- The code is a second way into personal data, so resume_draft behaves like lookup_status: an
-- unknown code, an expired draft and a wrong fact give the same resume_failed, failures are
-- recorded (as 'resume:' || code, which no typed reference can equal: references are uppercased)
-- and throttled with the same limits and the same per-client count, and failures are returned
-- ({ok:false, error:'resume_failed'|'resume_throttled'}), not raised, so the record stays.
-- Errors: P0001 with message resume_fact_missing, reference_exhausted, draft_not_found,
-- draft_expired, invalid_client_key.

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
-- The API: executable by service_role only.
------------------------------------------------------------------------------------------------

-- A new code for a draft (8 characters of the reference alphabet), retried on collision. Extends
-- the draft like a save.
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
  return jsonb_build_object('resume_code', code, 'expires_at', d.expires_at);
end;
$$;
revoke all on function public.issue_resume_code(text) from public, anon, authenticated;
grant execute on function public.issue_resume_code(text) to service_role;

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
revoke all on function public.resume_draft(text, text, text) from public, anon, authenticated;
grant execute on function public.resume_draft(text, text, text) to service_role;
