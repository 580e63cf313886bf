#!/usr/bin/env node
/**
 * `npm start`: the whole portal on http://localhost:4321 with no account and no network.
 * Starts the embedded Supabase stand-in (PGlite + supabase/migrations) once, keeping its data in
 * .local-supabase/ so saved drafts survive a restart, and runs `astro dev` pointed at it — so the
 * on-demand pages and the JSON API in functions/ (which the dev server loads afresh per request)
 * share one database. The stand-in (dev/local-supabase) is started here and handed over as
 * SUPABASE_URL and SUPABASE_SECRET_KEY, because src/data only reads the environment: production code
 * never imports development tooling. With both already set, uses that project instead.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
let local;
if (!env.SUPABASE_URL || !env.SUPABASE_SECRET_KEY) {
  const { startLocalSupabase } = await import('../dev/local-supabase/start.ts');
  local = await startLocalSupabase({ dataDir: `${root}.local-supabase` });
  env.SUPABASE_URL = local.url;
  env.SUPABASE_SECRET_KEY = local.serviceKey;
  env.SUPABASE_PUBLISHABLE_KEY = local.anonKey;
  console.log(`Embedded Supabase stand-in at ${local.url} (data in .local-supabase/; delete the folder to start empty)`);
  const { seedDevelopmentAdmin, DEV_ADMIN } = await import('../dev/local-supabase/seed-staff.ts');
  const hasStaff = async () => (await local.db.query('select 1 from intake.staff_members limit 1')).rows.length > 0;
  const seeded = await seedDevelopmentAdmin({ url: local.url, serviceKey: local.serviceKey }, hasStaff);
  if (seeded) console.log(`Staff workspace /staff/: ${DEV_ADMIN.email}, first password ${DEV_ADMIN.password} (development only)`);
  console.log(`  for \`npm run staff\`: SUPABASE_URL=${local.url} SUPABASE_SECRET_KEY=${local.serviceKey}`);
}
const astro = spawn(process.execPath, [`${root}node_modules/astro/bin/astro.mjs`, 'dev', '--port', process.env.PORT ?? '4321'], {
  cwd: root,
  env,
  stdio: 'inherit',
});
const stop = async () => {
  astro.kill('SIGTERM');
  await local?.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
astro.on('exit', async (code) => {
  await local?.stop();
  process.exit(code ?? 0);
});
