import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '@/lib/db';
import { grantToShow } from '@/lib/provisioning/grant-to-show';
import { useNow } from '../use-now';

/** The grant the console and popup show: the latest one, while it matters. */
export function useLatestGrant() {
  const now = useNow();
  const runs = useLiveQuery(() => getDb().grantRuns.toArray(), []);
  return runs && grantToShow(runs, now);
}
