import { useEffect, useState } from 'react';
import type { UnrecordedEnd } from '@/lib/sync/unrecorded-end';
import { unrecordedEndsItem } from '@/lib/sync/unrecorded-end-store';

/** The end of the tenant's sync run that a full disk kept from its record (chrome.storage.session), as it changes. */
export function useUnrecordedEnd(tenantId: string): UnrecordedEnd | undefined {
  const [end, setEnd] = useState<UnrecordedEnd>();
  useEffect(() => {
    let current = true;
    void unrecordedEndsItem.getValue().then((ends) => current && setEnd(ends[tenantId]));
    const unwatch = unrecordedEndsItem.watch((ends) => setEnd(ends[tenantId]));
    return () => {
      current = false;
      unwatch();
    };
  }, [tenantId]);
  return end;
}
