import { Caption1Strong, Link, makeStyles, tokens } from '@fluentui/react-components';
import type { TenantRecord } from '@/lib/db/types';
import { type ConsoleRoute, formatConsoleRoute } from '@/lib/format/console-route';
import { byDisplayName } from '@/lib/format/by-name';
import { t } from '@/lib/i18n/t';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  tenants: { listStyle: 'none', margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column' },
  link: { display: 'block', padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`, overflowWrap: 'anywhere' },
  current: { fontWeight: tokens.fontWeightSemibold, backgroundColor: tokens.colorNeutralBackground1Selected },
});

/** Links to every page of the console, as Microsoft's admin centers list theirs; the page shown is marked current. */
export function ConsoleNav({ route, tenants }: { route: ConsoleRoute; tenants: readonly TenantRecord[] }) {
  const styles = useStyles();
  const item = (target: ConsoleRoute, words: string) => {
    const current =
      target.page === route.page && (target.page !== 'tenant' || (route.page === 'tenant' && route.tenantId === target.tenantId));
    return (
      <Link
        href={formatConsoleRoute(target)}
        appearance="subtle"
        className={current ? `${styles.link} ${styles.current}` : styles.link}
        aria-current={current ? 'page' : undefined}
      >
        {words}
      </Link>
    );
  };
  return (
    <nav className={styles.root} aria-label={t('consoleNav_label')}>
      <ul className={styles.list}>
        <li>{item({ page: 'overview' }, t('consoleNav_overview'))}</li>
        {tenants.length > 0 && (
          <li>
            <Caption1Strong id="nav-tenants">{t('consoleNav_tenants')}</Caption1Strong>
            <ul className={styles.tenants} aria-labelledby="nav-tenants">
              {[...tenants].sort(byDisplayName).map((tenant) => (
                <li key={tenant.tenantId}>{item({ page: 'tenant', tenantId: tenant.tenantId }, tenant.displayName)}</li>
              ))}
            </ul>
          </li>
        )}
        <li>{item({ page: 'monitor' }, t('monitorPanel_heading'))}</li>
        <li>{item({ page: 'activity-log' }, t('consoleApp_activityLogHeading'))}</li>
        <li>{item({ page: 'settings' }, t('consoleApp_settingsHeading'))}</li>
        <li>{item({ page: 'add-tenant' }, t('consoleApp_addTenantHeading'))}</li>
      </ul>
    </nav>
  );
}
