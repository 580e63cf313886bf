#!/usr/bin/env node
// Run the local Supabase stand-in on its own (PGlite + supabase/migrations, serving
// POST /rest/v1/rpc/<fn> on 127.0.0.1), for trying the API with curl or pointing a dev server at it:
//
//   node_modules/.bin/node scripts/local-supabase.mjs [--port 54321] [--data-dir .local-supabase]
//   SUPABASE_URL=http://127.0.0.1:54321 SUPABASE_SECRET_KEY=<printed key> SUPABASE_PUBLISHABLE_KEY=<printed key> npm run dev
//
// Without --data-dir the database lives in memory and is gone when the process stops.
// Needs Node >= 22.18 (it imports the TypeScript sources directly, with type stripping).
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '54321' }, 'data-dir': { type: 'string' } },
});
const { startLocalSupabase } = await import('../dev/local-supabase/start.ts');
const local = await startLocalSupabase({
  port: Number(values.port),
  ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
});
console.log(`Local Supabase stand-in: ${local.url}`);
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
