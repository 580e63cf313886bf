import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalSupabase } from '../../dev/local-supabase/start.ts';
import { createDraft, getDraft, purgeExpired, recordStatus, savePage, submitApplication, type Receipt } from '../../src/data/applications.ts';
import { startTestStandin } from '../sql/database.ts';
import { token } from '../sql/fixtures.ts';
import { newClientKey, newKey, postApplication, transitFor, useStandin } from './support.ts';

/**
 * Concurrency on a real PostgreSQL: many connections at once through the stand-in's pool, as
 * Supabase serves them. PGlite runs one statement at a time, so none of this can be shown there.
 */
let local: LocalSupabase;
let client: SupabaseClient;

beforeAll(async () => {
  local = await startTestStandin();
  client = useStandin(local);
});
afterAll(() => local.stop());

const PARALLEL = 50;
const count = async (sql: string, params: unknown[] = []) => (await local.db.query<{ n: number }>(`select count(*)::int as n ${sql}`, params)).rows[0]!.n;

/**
 * Makes every insert of an application take 50 ms longer (a trigger that sleeps before the row is
 * written), so that the calls racing below really overlap: each has passed its checks before the
 * first one commits. Without it the calls are so short that they could run one after another by
 * chance, and a missing lock or unique index would go unnoticed.
 */
async function withSlowInserts<T>(fn: () => Promise<T>): Promise<T> {
  await local.db.exec(`
    create function intake.test_slow_insert() returns trigger language plpgsql as $$
    begin perform pg_sleep(0.05); return new; end $$;
    create trigger test_slow_insert before insert on intake.applications for each row execute function intake.test_slow_insert();`);
  try {
    return await fn();
  } finally {
    await local.db.exec(`drop trigger test_slow_insert on intake.applications; drop function intake.test_slow_insert();`);
  }
}

/** A transit-card draft with every required page saved (applicant i). */
async function completeDraft(i: number): Promise<string> {
  const { application } = transitFor(i);
  const draft = await createDraft({ service: 'transit-card', action: 'new', clientKey: newClientKey() }, client);
  for (const [page, answers] of Object.entries(application.answers)) await savePage(draft.draftId, page, answers, client);
  return draft.draftId;
}

describe('the check page submitted 50 times at once with one token (double clicks, retries)', () => {
  it('makes one application, and every call gets its reference', async () => {
    const draftId = await completeDraft(1);
    const receipts = await withSlowInserts(() => Promise.all(Array.from({ length: PARALLEL }, () => submitApplication(draftId, token(1), newClientKey(), client))));
    expect(new Set(receipts.map((r) => r.reference)).size).toBe(1);
    expect(receipts.filter((r) => !r.repeated)).toHaveLength(1);
    expect(await count('from intake.applications where draft_id = $1', [draftId])).toBe(1);
    expect(await count('from intake.drafts where id = $1', [draftId])).toBe(0);
    // Another token cannot make a second application of the draft.
    await expect(submitApplication(draftId, token(2), newClientKey(), client)).rejects.toMatchObject({ code: 'draft_already_submitted' });
  });
});

describe('POST /api/v1/applications 50 times at once with one Idempotency-Key', () => {
  it('the same body: one 201, the rest 200 with the same reference, one application', async () => {
    const key = newKey();
    const { application } = transitFor(2);
    const responses = await withSlowInserts(() => Promise.all(Array.from({ length: PARALLEL }, () => postApplication(application, key))));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(PARALLEL - 1);
    expect(new Set(responses.map((r) => r.body['reference'])).size).toBe(1);
    expect(await count('from intake.applications where client_token = $1', [key])).toBe(1);
  });

  it('50 different bodies: one 201 and 49 × 409 token_reused, one application', async () => {
    const key = newKey();
    const responses = await withSlowInserts(() => Promise.all(Array.from({ length: PARALLEL }, (_, i) => postApplication(transitFor(100 + i).application, key))));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    const refused = responses.filter((r) => r.status === 409);
    expect(refused).toHaveLength(PARALLEL - 1);
    expect(refused.every((r) => (r.body['error'] as { code: string }).code === 'token_reused')).toBe(true);
    expect(await count('from intake.applications where client_token = $1', [key])).toBe(1);
  });

  it('two bodies interleaved: the first to commit wins; its repeats get 200, the other body 409', async () => {
    const key = newKey();
    const bodies = [transitFor(200).application, transitFor(201).application];
    const sent = Array.from({ length: PARALLEL }, (_, i) => i % 2);
    const responses = await withSlowInserts(() => Promise.all(sent.map((b) => postApplication(bodies[b], key))));
    const created = responses.findIndex((r) => r.status === 201);
    expect(created).toBeGreaterThanOrEqual(0);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    const winner = sent[created];
    responses.forEach((r, i) => {
      if (i === created) return;
      expect(r.status, `request ${i}`).toBe(sent[i] === winner ? 200 : 409);
      if (r.status === 200) expect(r.body['reference']).toBe(responses[created]!.body['reference']);
    });
    expect(await count('from intake.applications where client_token = $1', [key])).toBe(1);
  });
});

describe('reference numbers colliding under concurrency', () => {
  it('are retried until unique when the alphabet is shrunk to 2 characters (256 references)', async () => {
    // The same generator with an alphabet of "23": 8 characters give 256 references, so 80
    // applications at once collide often, also with rows other transactions have not committed.
    await local.db.exec(`
      create sequence intake.test_reference_draws;
      create or replace function intake.new_reference() returns text language plpgsql volatile set search_path = '' as $$
      declare
        bits bigint := ('x' || substr(md5(gen_random_uuid()::text), 1, 8))::bit(32)::bigint;
        result text := '';
      begin
        perform nextval('intake.test_reference_draws');
        for i in 0..7 loop
          result := result || substr('23', ((bits >> i) & 1)::integer + 1, 1);
        end loop;
        return result;
      end $$;`);
    try {
      const n = 80;
      const before = await count('from intake.applications');
      const responses = await Promise.all(Array.from({ length: n }, (_, i) => postApplication(transitFor(300 + i).application, newKey())));
      expect(responses.map((r) => r.status)).toEqual(Array(n).fill(201));
      const references = responses.map((r) => String(r.body['reference']));
      expect(new Set(references).size).toBe(n);
      expect(references.every((r) => /^[23]{8}$/.test(r))).toBe(true);
      expect(await count('from intake.applications')).toBe(before + n);
      const draws = (await local.db.query<{ n: number }>(`select last_value as n from intake.test_reference_draws`)).rows[0]!.n;
      // Every draw beyond one per application was a collision, retried.
      expect(draws - n).toBeGreaterThan(0);
      console.log(`${n} applications at once, alphabet of 2: ${draws - n} collisions retried`);
    } finally {
      await local.db.exec(`delete from intake.applications where reference ~ '^[23]{8}$';
        drop sequence intake.test_reference_draws;`);
      // Back to the migrations' generator.
      const { readFile } = await import('node:fs/promises');
      const helpers = await readFile(new URL('../../supabase/migrations/20251122000200_intake_helpers.sql', import.meta.url), 'utf8');
      const definition = /create function intake\.new_reference\(\)[\s\S]*?\$\$;/.exec(helpers)![0];
      await local.db.exec(definition.replace('create function', 'create or replace function'));
    }
  });
});

describe('the purge running while drafts are saved and submitted', () => {
  it('deletes what is past retention and nothing that should stay', async () => {
    const submitted = 30;
    const kept = 20;
    const expiredCount = 20;
    const closedCount = 5;
    // Past retention: expired drafts, applications closed more than a year ago.
    const expired: string[] = [];
    for (let i = 0; i < expiredCount; i++) expired.push((await createDraft({ service: 'certificate', action: 'new', clientKey: newClientKey() }, client)).draftId);
    await local.db.query(`update intake.drafts set expires_at = now() - interval '1 minute' where id = any($1::uuid[])`, [expired]);
    const closed: string[] = [];
    for (let i = 0; i < closedCount; i++) {
      const { reference } = await submitApplication(await completeDraft(400 + i), token(400 + i), newClientKey(), client);
      await recordStatus({ reference, status: 'rejected' }, client);
      closed.push(reference);
    }
    await local.db.query(`update intake.applications set closed_at = now() - interval '2 years' where reference = any($1)`, [closed]);
    // An open application submitted long ago stays, whatever its age.
    const open = await submitApplication(await completeDraft(410), token(410), newClientKey(), client);
    await local.db.query(`update intake.applications set submitted_at = now() - interval '3 years' where reference = $1`, [open.reference]);
    // Drafts about to expire that are saved now: each save extends them, so they stay.
    const soon: string[] = [];
    for (let i = 0; i < 10; i++) soon.push(await completeDraft(420 + i));
    await local.db.query(`update intake.drafts set expires_at = now() + interval '3 seconds' where id = any($1::uuid[])`, [soon]);

    const purged = { drafts: 0, applications: 0 };
    let working = true;
    const purging = (async () => {
      while (working) {
        const result = await purgeExpired(client);
        purged.drafts += result.drafts;
        purged.applications += result.applications;
      }
    })();
    const receipts: Receipt[] = [];
    const keptDrafts: string[] = [];
    try {
      await Promise.all([
        ...Array.from({ length: submitted }, async (_, i) => {
          receipts.push(await submitApplication(await completeDraft(500 + i), token(500 + i), newClientKey(), client));
        }),
        ...Array.from({ length: kept }, async (_, i) => keptDrafts.push(await completeDraft(600 + i))),
        ...soon.map((id) => savePage(id, 'who', { applying_for: 'self' }, client)),
      ]);
    } finally {
      working = false;
      await purging;
    }
    const last = await purgeExpired(client);
    purged.drafts += last.drafts;
    purged.applications += last.applications;

    expect(purged).toEqual({ drafts: expiredCount, applications: closedCount });
    expect(receipts).toHaveLength(submitted);
    expect(await count('from intake.applications where reference = any($1)', [receipts.map((r) => r.reference)])).toBe(submitted);
    expect(await count('from intake.applications where reference = $1', [open.reference])).toBe(1);
    expect(await count('from intake.applications where reference = any($1)', [closed])).toBe(0);
    expect(await count('from intake.drafts where id = any($1::uuid[])', [expired])).toBe(0);
    for (const id of [...keptDrafts, ...soon]) expect((await getDraft(id, client)).missingPages).toEqual([]);
  });
});

describe('the applicants of these tests', () => {
  it('are made up and distinct', () => {
    const ids = Array.from({ length: 700 }, (_, i) => transitFor(i).application.answers.certificate.certificate_number);
    expect(new Set(ids).size).toBe(700);
  });
});
