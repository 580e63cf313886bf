import type { PurgeCounts } from '../src/data/applications.ts';

/**
 * Retention (scheduled daily): deletes expired drafts, applications closed longer than the
 * retention period, old lookup failures, recognised clients not seen for long and submission
 * counts past their hour, through the purge_expired SQL function. Logs only the numbers of rows
 * deleted, never any personal data.
 */
export async function runPurge(purge?: () => Promise<PurgeCounts>): Promise<PurgeCounts> {
  const run = purge ?? (await import('../src/data/applications.ts')).purgeExpired;
  const counts = await run();
  console.log(
    `[purge-expired] deleted drafts=${counts.drafts} applications=${counts.applications} lookup_failures=${counts.lookup_failures}` +
      ` known_clients=${counts.known_clients} client_submissions=${counts.client_submissions}`,
  );
  return counts;
}

export default async (): Promise<Response> => {
  try {
    await runPurge();
    return new Response(null, { status: 204 });
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unexpected';
    console.error(`[purge-expired] failed: ${code}`);
    return new Response(null, { status: 500 });
  }
};

export const config = { schedule: '@daily' };
