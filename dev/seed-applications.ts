import type { SqlSession } from './local-supabase/sql.ts';

/**
 * Many made-up applications at once, straight into intake.applications as the database owner (the
 * intake functions would take minutes for 10,000): for the export benchmark and its test. The
 * people are invented (address code 110105, names 测试 + a number); townships and services
 * rotate, a third of the certificates have reached 制证 (with their status event) and a few names
 * start like a spreadsheet formula, to prove the files never run them.
 */
export interface SeedOptions {
  count: number;
  townships: readonly string[];
  /** Prefix of client tokens, so that several seedings can share a database. */
  batch?: string;
}

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export async function seedApplications(db: SqlSession, { count, townships, batch = 'seed' }: SeedOptions): Promise<void> {
  await db.query(
    `insert into intake.applications (reference, draft_id, client_token, service, action, answers, applicant_id_number,
                                      lookup_salt, lookup_fact_hash, status, submitted_at, updated_at)
     select
       (select string_agg(substr($4, ((n + $5::bigint) / (32 ^ k)::bigint % 32)::int + 1, 1), '' order by k) from generate_series(0, 7) k),
       gen_random_uuid(),
       $3 || '-' || lpad(n::text, 12, '0'),
       svc,
       case svc when 'certificate' then 'new' when 'transit-card' then 'new' end,
       jsonb_build_object(
         'who', jsonb_build_object('applying_for', 'self'),
         'applicant', jsonb_build_object(
           'name', case when n % 97 = 0 then '=HYPERLINK("http://example.invalid","测试")' else '测试' || n end,
           'id_number', idn, 'phone', '138' || lpad((n % 100000000)::text, 8, '0'), 'hukou_address', '示例县人民路 ' || n || ' 号'),
         'township', jsonb_build_object('township', ($2::text[])[n % array_length($2::text[], 1) + 1]),
         'category', jsonb_build_object('category', (n % 7 + 1)::text),
         'certificate', case when svc <> 'certificate' then jsonb_build_object('has_certificate', 'yes', 'certificate_number', idn || (n % 7 + 1)::text || (n % 4 + 1)::text) end,
         'device', case when svc = 'assistive-devices' then jsonb_build_object('devices', jsonb_build_array('manual-wheelchair')) end,
         'declaration', jsonb_build_object('confirm', 'yes')),
       idn, '\\x00'::bytea, '\\x00'::bytea,
       case when svc = 'certificate' and n % 3 = 0 then 'production' else 'received' end,
       timestamptz '2026-01-01 09:00+08' + n * interval '7 minutes',
       timestamptz '2026-01-01 09:00+08' + n * interval '7 minutes'
     from generate_series(1, $1::int) n,
       lateral (select (array['certificate', 'assistive-devices', 'transit-card'])[n % 3 + 1] as svc,
                       '110105' || to_char(date '1950-01-01' + (n % 20000), 'YYYYMMDD') || lpad((n % 1000)::text, 3, '0') || 'X' as idn) x`,
    [count, townships, batch, ALPHABET, String(hashOffset(batch))],
  );
  await db.query(
    `insert into intake.status_events (application_id, service, status, note)
     select id, service, 'production', null from intake.applications
     where client_token like $1 || '-%' and status = 'production'`,
    [batch],
  );
}

/** A different range of references per batch (references are unique). */
function hashOffset(batch: string): number {
  let h = 0;
  for (const ch of batch) h = (h * 31 + ch.charCodeAt(0)) % 1_000_000_007;
  return h * 1000;
}
