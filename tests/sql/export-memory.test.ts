import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * A 10,000-row export streams: the benchmark (scripts/export-benchmark.mjs, its own process, the
 * stand-in in a child of it) exports 10,000 applications as CSV and as XLSX through the workspace's
 * code and measures that process's peak heap over its baseline. The bound is stated in README
 * "Exports": 40 MB of heap for either format (measured: about 13 MB for CSV, 17 MB for XLSX). The
 * same rows held in memory first take several times that, which the test also measures, so the
 * bound tells streaming from buffering rather than passing either way.
 */
const BOUND_MB = 40;
const run = promisify(execFile);

interface Result { format: string; bytes: number; rows?: number; ms: number; heapDeltaMB: number; rssDeltaMB: number }

describe('export memory', () => {
  it(`stays within ${BOUND_MB} MB of heap for 10,000 rows, CSV and XLSX`, async () => {
    const { stdout } = await run(process.execPath, [
      '--expose-gc', '--experimental-transform-types', '--disable-warning=ExperimentalWarning',
      'scripts/export-benchmark.mjs', '--rows', '10000', '--json', '--buffered',
    ], { maxBuffer: 1024 * 1024, timeout: 280_000 });
    const { rows, results } = JSON.parse(stdout.trim().split('\n').at(-1)!) as { rows: number; results: Result[] };
    expect(rows).toBe(10_000);
    const [csv, xlsx, buffered] = results as [Result, Result, Result];
    console.log(results.map((r) => `${r.format}: heap +${r.heapDeltaMB} MB, RSS +${r.rssDeltaMB} MB, ${r.ms} ms`).join('\n'));
    expect(csv.rows).toBe(10_000);
    expect(csv.bytes).toBeGreaterThan(1_000_000);
    expect(xlsx.bytes).toBeGreaterThan(300_000);
    expect(csv.heapDeltaMB).toBeLessThan(BOUND_MB);
    expect(xlsx.heapDeltaMB).toBeLessThan(BOUND_MB);
    expect(buffered.rows).toBe(10_000);
    expect(buffered.heapDeltaMB).toBeGreaterThan(2 * BOUND_MB);
  }, 300_000);
});
