import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '@/lib/db';
import { grantToShow } from '@/lib/provisioning/grant-to-show';
import type { GrantRun } from '@/lib/provisioning/types';
import { useNow } from '../use-now';

/** The grant the console and popup show: the latest one, while it matters. */
export function useLatestGrant() {
  const now = useNow();
  const runs = useLiveQuery(() => getDb().grantRuns.toArray(), []);
  return runs && grantToShow(runs, now);
}

/** True while a grant runs or waits for the admin: no second wizard then. */
export function grantGoingOn(run: GrantRun | undefined): boolean {
  return run?.state === 'running' || run?.state === 'waiting';
}
