-- Retention: delete what is past its period (see intake.policy). Run on a schedule by the server
-- (a Netlify scheduled function calling rpc('purge_expired')), or by pg_cron on Supabase.
--  * drafts: expires_at passed (30 days after the last save);
--  * applications: closed (completed, rejected, withdrawn) longer than closed_application_retention
--    (1 year); their status events go with them. Open applications are never purged here;
--  * lookup failures: older than lookup_failure_retention (1 day).
-- Returns the number of rows deleted of each kind (never any personal data).

create function public.purge_expired()
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  p intake.policy;
  drafts integer;
  applications integer;
  failures integer;
begin
  select * into p from intake.policy;
  delete from intake.drafts where expires_at <= now();
  get diagnostics drafts = row_count;
  delete from intake.applications
  where closed_at is not null and closed_at <= now() - p.closed_application_retention;
  get diagnostics applications = row_count;
  delete from intake.lookup_failures where failed_at <= now() - p.lookup_failure_retention;
  get diagnostics failures = row_count;
  return jsonb_build_object('drafts', drafts, 'applications', applications, 'lookup_failures', failures);
end;
$$;
revoke all on function public.purge_expired() from public, anon, authenticated;
grant execute on function public.purge_expired() to service_role;

-- Row counts (numbers only, never personal data): for the scheduled job's log, tests and the
-- load test.
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
revoke all on function public.intake_counts() from public, anon, authenticated;
grant execute on function public.intake_counts() to service_role;
