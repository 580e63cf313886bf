#!/usr/bin/env node
// Run the local Supabase stand-in on its own (the migrations behind POST /rest/v1/rpc/<fn> on
// 127.0.0.1), for trying the API with curl or pointing a dev server at it:
//
//   node_modules/.bin/node scripts/local-supabase.mjs [--port 54321] [--data-dir .local-supabase] [--seed]
//   node_modules/.bin/node scripts/local-supabase.mjs --database-url postgres://postgres@127.0.0.1:5432/portal
//   SUPABASE_URL=http://127.0.0.1:54321 SUPABASE_SECRET_KEY=<printed key> SUPABASE_PUBLISHABLE_KEY=<printed key> npm run dev
//
// The database is an embedded PGlite (in memory, or in --data-dir), or the PostgreSQL named by
// --database-url (a database of its own; the migrations are applied to it). --seed loads
// supabase/seed.sql into a database that has just been created. --port 0 picks a free port.
// Needs Node >= 22.18 (it imports the TypeScript sources directly, with type stripping).
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '54321' },
    'data-dir': { type: 'string' },
    'database-url': { type: 'string' },
    'pool-size': { type: 'string' },
    seed: { type: 'boolean', default: false },
  },
});
const { startLocalSupabase } = await import('../dev/local-supabase/start.ts');
const local = await startLocalSupabase({
  port: Number(values.port),
  seed: values.seed,
  ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
  ...(values['database-url'] ? { databaseUrl: values['database-url'] } : {}),
  ...(values['pool-size'] ? { postgres: { max: Number(values['pool-size']) } } : {}),
});
console.log(`Local Supabase stand-in (${local.engine}): ${local.url}`);
console.log(`  anon key (local, HS256 with the CLI default secret):         ${local.anonKey}`);
console.log(`  service_role key (local, HS256 with the CLI default secret): ${local.serviceKey}`);
// src/data only reads the environment, so a dev server reaches this stand-in through these two.
console.log(`  for a dev server: SUPABASE_URL=${local.url} SUPABASE_SECRET_KEY=${local.serviceKey} SUPABASE_PUBLISHABLE_KEY=${local.anonKey}`);
const stop = async () => {
  await local.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
