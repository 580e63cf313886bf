import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter, parseIdNumber } from '../../src/domain/identity/id-number.ts';
import { freshDatabase, type SqlDatabase } from './database.ts';

/**
 * The ID number rule is written twice, in TypeScript for the pages (src/domain/identity) and in SQL
 * for every client (intake.is_valid_id_number): both must say the same of every number.
 */
let db: SqlDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db.close());

/** A small deterministic generator (mulberry32), so a failure can be repeated. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function candidates(n: number): string[] {
  const next = random(20251210);
  const digit = () => String(Math.floor(next() * 10));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const year = 1890 + Math.floor(next() * 125); // 1890–2014: before 1900 is refused
    const month = String(Math.floor(next() * 13) + (next() < 0.05 ? 0 : 1)).padStart(2, '0'); // 00–13 at times
    const day = String(Math.floor(next() * 32) + 1).padStart(2, '0'); // up to 32
    const first17 = `${digit()}${digit()}${digit()}${digit()}${digit()}${digit()}${year}${month}${day}${digit()}${digit()}${digit()}`;
    const right = checkCharacter(first17);
    // Half with the right check character, half with another one.
    const last = next() < 0.5 ? right : '0123456789X'[Math.floor(next() * 11)]!;
    out.push(first17 + last);
  }
  return out;
}

describe('intake.is_valid_id_number', () => {
  it('agrees with the TypeScript rule on 3,000 numbers, valid and not', async () => {
    const numbers = candidates(3000);
    const { rows } = await db.query<{ v: string; ok: boolean }>(
      `select v, intake.is_valid_id_number(v) as ok from unnest($1::text[]) as v`,
      [numbers],
    );
    const today = new Date().toISOString().slice(0, 10);
    const disagreements = rows.filter((r) => r.ok !== parseIdNumber(r.v, today).ok);
    expect(disagreements).toEqual([]);
    // The set holds both kinds in numbers, or the comparison would prove little.
    expect(rows.filter((r) => r.ok).length).toBeGreaterThan(500);
    expect(rows.filter((r) => !r.ok).length).toBeGreaterThan(500);
  });
});
