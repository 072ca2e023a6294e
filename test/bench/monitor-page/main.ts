// The bench build's monitor page (never in a production build: wxt.config.ts adds it only when WXT_BENCH_FLOOR is
// set): seeds the product's database and times the popup's quick lookup (lib/directory/lookup.ts) where it runs, in
// an extension page, on the product's own IndexedDB.
import { AppDB } from '../../../lib/db/app-db';
import { lookupUsers, readGroupNames } from '../../../lib/directory/lookup';
import { seedTenants, seedUsers } from './seed';

const db = new AppDB();

/**
 * Each query `reps` times (after one unmeasured warm-up), as the popup's lookup runs them: with the group names it
 * reads once when the admin turns to the lookup (`groupNamesMs`, timed apart). The times in ms and each query's matches.
 */
async function timeLookups(
  queries: string[],
  reps: number,
): Promise<{ times: number[]; matches: Record<string, number>; groupNamesMs: number; groupNames: number }> {
  const opened = performance.now();
  const groupNames = await readGroupNames(db);
  const groupNamesMs = performance.now() - opened;
  const times: number[] = [];
  const matches: Record<string, number> = {};
  for (const query of queries) matches[query] = (await lookupUsers(db, query, { groupNames })).length;
  for (let rep = 0; rep < reps; rep++)
    for (const query of queries) {
      const started = performance.now();
      await lookupUsers(db, query, { groupNames });
      times.push(performance.now() - started);
    }
  return { times, matches, groupNamesMs, groupNames: groupNames.size };
}

declare global {
  interface Window {
    /** Called by test/bench/monitor.ts through Playwright. */
    benchMonitor?: {
      seedTenants: (count: number) => Promise<void>;
      seedUsers: (count: number) => Promise<number>;
      timeLookups: typeof timeLookups;
    };
  }
}

window.benchMonitor = {
  seedTenants: (count) => seedTenants(db, count),
  seedUsers: (count) => seedUsers(db, count),
  timeLookups,
};
