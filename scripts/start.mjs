#!/usr/bin/env node
/**
 * `npm start` (after `npm run build`): the portal exactly as production serves it and as the tests
 * test it — the built site through the local Netlify-like server (dist/, the SSR function for the
 * on-demand pages, the applications API function, the headers of netlify.toml; search from the
 * Pagefind index in dist/) — with the embedded database: the local Supabase stand-in on PGlite
 * with the migrations and the seed data, kept in .local-supabase/ (LOCAL_SUPABASE_DIR) so saved
 * drafts survive a restart. With SUPABASE_URL and SUPABASE_SECRET_KEY already set it uses that
 * Supabase project instead. The stand-in is started here and handed over through those two
 * variables, because src/data only reads the environment: production code never imports
 * development tooling.
 *
 * Port: PORT (default 4321). `npm run dev` is plain `astro dev`, for development.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
if (!existsSync(`${root}dist/index.html`) || !existsSync(`${root}dist/pagefind`)) {
  console.error('dist/ is missing or has no search index: run `npm run build` first (npm start does).');
  process.exit(1);
}
const port = Number(process.env.PORT ?? 4321);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, not ${process.env.PORT}`);
  process.exit(1);
}

let local;
if (!process.env.SUPABASE_URL || !process.env.SUPABASE_SECRET_KEY) {
  const dataDir = process.env.LOCAL_SUPABASE_DIR ?? `${root}.local-supabase`;
  const { startLocalSupabase } = await import('../dev/local-supabase/start.ts');
  local = await startLocalSupabase({ dataDir, seed: true, rootDir: root });
  process.env.SUPABASE_URL = local.url;
  process.env.SUPABASE_SECRET_KEY = local.serviceKey;
  process.env.SUPABASE_PUBLISHABLE_KEY = local.anonKey;
  console.log(`Embedded Supabase stand-in (PGlite) at ${local.url}; data in ${dataDir} (delete it to start again from the seed data)`);
  // One development administrator for the staff workspace (the seed refuses to run in production).
  const { seedDevelopmentAdmin, DEV_ADMIN } = await import('../dev/local-supabase/seed-staff.ts');
  const hasStaff = async () => (await local.db.query('select 1 from intake.staff_members limit 1')).rows.length > 0;
  const seeded = await seedDevelopmentAdmin({ url: local.url, serviceKey: local.serviceKey }, hasStaff);
  if (seeded) console.log(`Staff workspace /staff/: ${DEV_ADMIN.email}, first password ${DEV_ADMIN.password} (development only)`);
  console.log(`  for \`npm run staff\` and \`npm run api-key\`: SUPABASE_URL=${local.url} SUPABASE_SECRET_KEY=${local.serviceKey}`);
} else {
  console.log(`Using the Supabase project at ${new URL(process.env.SUPABASE_URL).origin}`);
}

const { startStaticServer } = await import('./serve-static.mjs');
const { server } = await startStaticServer(port);
const actual = server.address().port;
console.log(`Portal at http://localhost:${actual}/`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(() => resolve(undefined)));
  await local?.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
