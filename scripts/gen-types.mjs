#!/usr/bin/env node
/**
 * Write src/data/database.types.ts from the migrations, in the shape `supabase gen types
 * typescript` writes (dev/supabase-types.ts): the migrations run on an in-memory PGlite and the
 * types are read from its catalog. With a linked Supabase project the CLI writes the same:
 *   supabase gen types typescript --linked --schema public > src/data/database.types.ts
 * tests/sql/database-types.test.ts fails when the committed file no longer matches the migrations.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const { openLocalDatabase } = await import('../dev/local-supabase/database.ts');
const { generateTypes } = await import('../dev/supabase-types.ts');
const db = await openLocalDatabase({ rootDir: root });
const text = await generateTypes(db);
await db.close();
await writeFile(`${root}src/data/database.types.ts`, text);
console.log('Wrote src/data/database.types.ts');
