import { useEffect, useState } from 'react';
import { dbUpgradeProgress, type DbUpgradeProgress } from '@/lib/config/db-upgrade';
import { formatCount } from '@/lib/i18n/format';
import { t } from '@/lib/i18n/t';

/** What a page says while its records have not come: why, when the database is being upgraded. Pure. */
export function loadingLabel(upgrade: DbUpgradeProgress | null | undefined): string {
  return upgrade ? t('common_upgradingRecords', formatCount(upgrade.records)) : t('common_loading');
}

/**
 * The words for a page's wait for its records. After an update the database may first be upgraded (the worker says
 * how far in chrome.storage's session area, lib/worker/upgrade-notice.ts): minutes for a large mirror, during which
 * "Loading…" alone would look stuck. Only mounted while the page waits, so it costs nothing once the records are there.
 */
export function useLoadingLabel(): string {
  const [upgrade, setUpgrade] = useState<DbUpgradeProgress | null>();
  useEffect(() => {
    let live = true;
    void dbUpgradeProgress.getValue().then(
      (value) => live && setUpgrade(value),
      () => undefined,
    );
    const unwatch = dbUpgradeProgress.watch((value) => setUpgrade(value));
    return () => {
      live = false;
      unwatch();
    };
  }, []);
  return loadingLabel(upgrade);
}
