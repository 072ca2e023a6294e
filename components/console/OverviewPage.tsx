import {
  Body1,
  Link,
  makeStyles,
  Subtitle1,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { serviceById } from '@/lib/connectors/services';
import type { TenantRecord } from '@/lib/db/types';
import { byDisplayName } from '@/lib/format/by-name';
import { formatConsoleRoute } from '@/lib/format/console-route';
import { t } from '@/lib/i18n/t';
import { SEVERITY_RANK } from '@/lib/monitor/evaluate';
import type { ConnectorStatus } from '@/lib/monitor/types';
import { StatusMark } from '../monitor/StatusMark';
import { useTableStyles } from '../table-styles';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  services: { listStyle: 'none', margin: 0, padding: 0 },
});

/** Every tenant at a glance, the ones that need action first, then by name (as the popup); each name opens its page. */
export function OverviewPage(props: { tenants: readonly TenantRecord[]; statusesOf: (tenantId: string) => readonly ConnectorStatus[] }) {
  const styles = useStyles();
  const table = useTableStyles();
  const worst = (tenantId: string) => Math.max(0, ...props.statusesOf(tenantId).map((status) => SEVERITY_RANK[status.severity]));
  const tenants = [...props.tenants].sort((a, b) => worst(b.tenantId) - worst(a.tenantId) || byDisplayName(a, b));
  return (
    <section className={styles.root} aria-labelledby="overview-title">
      <Subtitle1 as="h2" id="overview-title">
        {t('consoleNav_overview')}
      </Subtitle1>
      <Table size="small" className={table.table} aria-label={t('overviewPage_tableLabel')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('overviewPage_tenant')}</TableHeaderCell>
            <TableHeaderCell>{t('overviewPage_domain')}</TableHeaderCell>
            <TableHeaderCell>{t('overviewPage_services')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {tenants.map((tenant) => {
            const statuses = props.statusesOf(tenant.tenantId);
            return (
              <TableRow key={tenant.tenantId} data-tenant={tenant.tenantId}>
                <TableCell>
                  <Link href={formatConsoleRoute({ page: 'tenant', tenantId: tenant.tenantId })}>{tenant.displayName}</Link>
                </TableCell>
                <TableCell>{tenant.domain}</TableCell>
                <TableCell>
                  {statuses.length === 0 ? (
                    <Body1>{t('overviewPage_noService')}</Body1>
                  ) : (
                    <ul className={styles.services}>
                      {statuses.map((status) => (
                        <li key={status.service}>
                          <StatusMark severity={status.severity}>
                            {t('monitor_notificationLine', serviceById(status.service).label, status.label)}
                          </StatusMark>
                        </li>
                      ))}
                    </ul>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </section>
  );
}
