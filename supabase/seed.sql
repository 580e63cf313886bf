-- Development data, loaded after the migrations into a database that has just been created:
-- by `npm start` (an empty .local-supabase/) and by `supabase db reset` on a local Supabase stack
-- ([db.seed] in config.toml). Never production: `supabase db push` does not load it.
--
-- One made-up application to try the status page and the API with:
--   reference SAMPLE23, last 4 characters of the applicant's ID number 0136
--   (/status/, or GET /api/v1/applications/SAMPLE23 with X-Id-Number-Last4: 0136).
do $$
declare
  receipt jsonb;
  channel jsonb;
begin
  -- The channel it came through: a key nobody holds (only a hash of random bytes is stored).
  channel := public.issue_api_key('开发样例数据', encode(sha256(convert_to(gen_random_uuid()::text, 'UTF8')), 'hex'));
  receipt := public.submit_complete_application(
    'transit-card', 'new',
    '{"certificate": {"certificate_number": "11010519600315013612"},
      "who": {"applying_for": "self"},
      "applicant": {"name": "孙明", "phone": "13712345678"},
      "township": {"township": "chengguan"},
      "pickup": {"pickup_point": "bus-card-centre"},
      "declaration": {"confirm": "yes"}}'::jsonb,
    'seed-sample-application-0001', 'seed', channel ->> 'id');
  -- A fixed, readable reference (from the unambiguous alphabet) instead of the random one.
  update intake.applications set reference = 'SAMPLE23' where reference = receipt ->> 'reference';
  perform public.record_status('SAMPLE23', 'review', '示例数据：开发用的样例申请，不是真实的申请。');
end;
$$;
