-- What the portal tells residents about its own policy comes from the policy itself: how long a
-- draft is kept after its last save, and how long a throttled lookup or resume has to wait. The
-- pages and the JSON API read these figures (never a number typed into a sentence), so changing
-- intake.policy changes what residents are told.
--
-- And the first status says what has happened: the application was submitted (已提交). Nobody
-- has accepted (受理) anything at that moment; staff do that later.

create function public.intake_policy()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'draft_retention_days', extract(epoch from p.draft_retention)::integer / 86400,
    'lookup_window_minutes', extract(epoch from p.lookup_window)::integer / 60)
  from intake.policy p;
$$;
revoke all on function public.intake_policy() from public, anon, authenticated;
grant execute on function public.intake_policy() to service_role;

update intake.service_statuses
set label = '已提交：我们收到了您的申请，工作人员会尽快受理'
where status = 'received';
