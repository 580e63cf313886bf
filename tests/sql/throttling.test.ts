import { randomUUID } from 'node:crypto';
import type { SqlDatabase } from '../../dev/local-supabase/sql.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase, rpc } from './database.ts';
import { completeCertificateDraft, idNumber, newClient } from './fixtures.ts';

/**
 * The two promises of the throttling shared by status lookup and resume codes
 * (20251215000100_intake_throttling.sql), for both doors: a stranger who knows a reference or a
 * code cannot lock its owner out, and a guesser spread over many addresses gets at most the
 * stated number of tries a day (10 per reference or code, 3 per address).
 */
let db: SqlDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db.close());
beforeEach(() => db.exec('delete from intake.lookup_failures; delete from intake.known_clients'));

type Answer = Record<string, unknown>;

interface Door {
  name: string;
  /** Something to get into: its code, the right fact, and the address that made it. */
  make(): Promise<{ code: string; fact: string; maker: string }>;
  attempt(code: string, fact: string, client: string): Promise<Answer>;
  throttled: string;
}

const DOORS: Door[] = [
  {
    name: 'status lookup',
    async make() {
      const id = idNumber('1971-05-17', String(100 + Math.floor(Math.random() * 800)));
      const maker = `submitting-client-${randomUUID()}`;
      const receipt = await rpc<{ reference: string }>(db, 'service_role', 'submit_application', {
        p_draft_id: await completeCertificateDraft(db, id), p_client_token: `throttle-${randomUUID()}`, p_client_key: maker,
      });
      return { code: receipt.reference, fact: id.slice(-4), maker };
    },
    attempt: (code, fact, client) => rpc(db, 'service_role', 'lookup_status', { p_reference: code, p_fact: fact, p_client_key: client }),
    throttled: 'lookup_throttled',
  },
  {
    name: 'resume code',
    async make() {
      const id = idNumber('1968-03-09', String(100 + Math.floor(Math.random() * 800)));
      const maker = `saving-client-${randomUUID()}`;
      const issued = await rpc<{ resume_code: string }>(db, 'service_role', 'issue_resume_code', {
        p_draft_id: await completeCertificateDraft(db, id), p_client_key: maker,
      });
      return { code: issued.resume_code, fact: id.slice(-4), maker };
    },
    attempt: (code, fact, client) => rpc(db, 'service_role', 'resume_draft', { p_code: code, p_fact: fact, p_client_key: client }),
    throttled: 'resume_throttled',
  },
];

/** Four characters that are not the fact. */
const wrong = (fact: string, n: number) => {
  const guess = String(n % 10_000).padStart(4, '0');
  return guess === fact ? '9X9X' : guess;
};

describe.each(DOORS)('$name', (door) => {
  it('a stranger at one address, trying as hard as he may, cannot lock the owner out', async () => {
    const { code, fact } = await door.make();
    const stranger = newClient();
    const answers = [];
    for (let i = 0; i < 20; i++) answers.push(await door.attempt(code, wrong(fact, i), stranger));
    // Three failures on this one code count, then he is refused without being heard.
    expect(answers.filter((a) => a['ok'] === false && a['error'] !== door.throttled)).toHaveLength(3);
    expect(answers.at(-1)).toMatchObject({ ok: false, error: door.throttled, scope: 'subject', limit: 3 });
    // He stays refused after the 15-minute window, until a day has passed.
    await db.exec(`update intake.lookup_failures set failed_at = now() - interval '1 hour'`);
    expect(await door.attempt(code, wrong(fact, 99), stranger)).toMatchObject({ error: door.throttled, scope: 'subject' });
    // The owner, at an address never seen before, gets in at once.
    expect(await door.attempt(code, fact, newClient())).toMatchObject({ ok: true });
  });

  it('three strangers together cannot lock the owner out either', async () => {
    const { code, fact } = await door.make();
    for (let s = 0; s < 3; s++) {
      const stranger = newClient();
      for (let i = 0; i < 5; i++) await door.attempt(code, wrong(fact, s * 10 + i), stranger);
    }
    expect(await door.attempt(code, fact, newClient())).toMatchObject({ ok: true });
  });

  it('a guesser spread over many addresses is heard 10 times a day, and then not even the right fact gets in', async () => {
    const { code, fact } = await door.make();
    let heard = 0;
    // 60 addresses, three guesses each; the right fact is among the last guesses.
    for (let a = 0; a < 60; a++) {
      const address = newClient();
      for (let g = 0; g < 3; g++) {
        const guess = a === 59 && g === 2 ? fact : wrong(fact, a * 3 + g);
        const answer = await door.attempt(code, guess, address);
        expect(answer['ok'], `address ${a}, guess ${g}`).toBe(false);
        if (answer['error'] !== door.throttled) heard++;
      }
    }
    expect(heard).toBe(10);
    const refused = await door.attempt(code, fact, newClient());
    expect(refused).toMatchObject({ ok: false, error: door.throttled, scope: 'subject', limit: 10 });
    expect(refused['retry_after']).toBeGreaterThan(86_400 - 120);
    expect(refused['retry_after']).toBeLessThanOrEqual(86_400);
    // The next day the code can be tried again.
    await db.exec(`update intake.lookup_failures set failed_at = now() - interval '25 hours'`);
    expect(await door.attempt(code, fact, newClient())).toMatchObject({ ok: true });
  });

  it('even then, the owner gets in from the address that made it and from any address where the fact was right before', async () => {
    const { code, fact, maker } = await door.make();
    const ownersPhone = newClient();
    expect(await door.attempt(code, fact, ownersPhone)).toMatchObject({ ok: true });
    for (let a = 0; a < 5; a++) {
      const address = newClient();
      for (let g = 0; g < 3; g++) await door.attempt(code, wrong(fact, a * 3 + g), address);
    }
    expect(await door.attempt(code, fact, newClient())).toMatchObject({ error: door.throttled, scope: 'subject' });
    expect(await door.attempt(code, fact, maker)).toMatchObject({ ok: true });
    expect(await door.attempt(code, fact, ownersPhone)).toMatchObject({ ok: true });
  });

  it('a known address is still held to 5 failures in 15 minutes', async () => {
    const { code, fact, maker } = await door.make();
    for (let i = 0; i < 5; i++) expect(await door.attempt(code, wrong(fact, i), maker)).toMatchObject({ ok: false });
    expect(await door.attempt(code, fact, maker)).toMatchObject({ error: door.throttled, scope: 'client', limit: 5 });
    await db.exec(`update intake.lookup_failures set failed_at = now() - interval '16 minutes'`);
    expect(await door.attempt(code, fact, maker)).toMatchObject({ ok: true });
  });
});

describe('the figures', () => {
  it('come from intake.policy', async () => {
    const [door] = DOORS;
    const { code, fact } = await door!.make();
    await db.exec(`update intake.policy set lookup_max_failures_per_reference = 4, lookup_max_failures_per_subject_client = 2`);
    try {
      for (let a = 0; a < 2; a++) {
        const address = newClient();
        for (let g = 0; g < 3; g++) await door!.attempt(code, wrong(fact, a * 3 + g), address);
      }
      expect(await door!.attempt(code, fact, newClient())).toMatchObject({ scope: 'subject', limit: 4 });
    } finally {
      await db.exec(`update intake.policy set lookup_max_failures_per_reference = 10, lookup_max_failures_per_subject_client = 3`);
    }
  });

  it('are those the README states: 5 per address in 15 minutes, 3 per address and 10 in all per reference or code a day', async () => {
    const { rows } = await db.query(
      `select extract(epoch from lookup_window)::int as window, lookup_max_failures_per_client as client,
              extract(epoch from lookup_subject_window)::int as day, lookup_max_failures_per_subject_client as subject_client,
              lookup_max_failures_per_reference as subject, extract(epoch from lookup_failure_retention)::int as kept
       from intake.policy`,
    );
    expect(rows[0]).toEqual({ window: 900, client: 5, day: 86_400, subject_client: 3, subject: 10, kept: 86_400 });
  });
});
