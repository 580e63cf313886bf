import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A tarball of a freshly initialised, empty PGlite cluster (no roles, no migrations). */
    pgliteInitdbTarball: string;
  }
}

/**
 * Creating a PGlite cluster (initdb) takes 5–20 s here; loading a tarball of one takes ~1–2 s. So
 * initdb runs once, and every test file starts from that empty cluster and runs the migrations itself.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pglite-initdb-'));
  const file = path.join(dir, 'initdb.tar');
  const db = await PGlite.create();
  const dump = await db.dumpDataDir('none');
  await db.close();
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteInitdbTarball', file);
  return () => rm(dir, { recursive: true, force: true });
}
