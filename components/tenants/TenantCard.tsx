import {
  Body1,
  Button,
  Caption1,
  Card,
  CardHeader,
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
import { useState } from 'react';
import { policyById } from '@/lib/connectors/policies';
import { SERVICES } from '@/lib/connectors/services';
import type { ConnectorRecord, TenantRecord } from '@/lib/db/types';
import { sayParam } from '@/lib/errors/phrase';
import { formatDateTime } from '@/lib/i18n/format';
import { t, tCount } from '@/lib/i18n/t';
import { STATE_LABELS } from '@/lib/monitor/evaluate';
import type { ConnectorStatus } from '@/lib/monitor/types';
import type { GrantKind } from '@/lib/provisioning/types';
import { ServiceHealthBadge } from '../ServiceHealthBadge';
import { DisconnectDialog } from './DisconnectDialog';
import { RemoveTenantButton } from './RemoveTenantDialog';
import { SyncStatus } from './SyncStatus';
import { ActivityHistory } from './ActivityHistory';
import { useTableStyles } from '../table-styles';

const useStyles = makeStyles({ actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' } });

/** A connector's policy by name, in the language of the moment. */
function policyName(policyId: string | undefined): string {
  const policy = policyById(policyId);
  return policy ? t(policy.nameKey) : '—';
}

/**
 * One tenant: its service status table with the action each row needs, and the tenant's own actions. `statuses`: its
 * connectors' statuses as evaluateTenant derives them (the popup shows the same); a service without one is not connected.
 */
export function TenantCard(props: {
  tenant: TenantRecord;
  connectors: ConnectorRecord[];
  statuses: readonly ConnectorStatus[];
  onGrant(kind: GrantKind): void;
}) {
  const { tenant, connectors, statuses } = props;
  const styles = useStyles();
  const table = useTableStyles();
  const [activityOpen, setActivityOpen] = useState(false);
  const scope =
    tenant.syncScope.mode === 'all'
      ? t('tenantCard_scopeAll')
      : t(
          'tenantCard_scopeSelected',
          tCount(tenant.syncScope.userIds.length, { one: 'common_usersOne', other: 'common_usersOther' }),
          tCount(tenant.syncScope.groupIds.length, { one: 'common_groupsOne', other: 'common_groupsOther' }),
        );
  return (
    <Card aria-label={t('tenantCard_label', tenant.displayName)}>
      <CardHeader
        header={<Subtitle1 as="h2">{tenant.displayName}</Subtitle1>}
        description={
          <Caption1>
            {tenant.domain} · {tenant.tenantId} · {t('tenantCard_scope', scope)}
            {tenant.serviceAccountUpn && ` · ${t('tenantCard_serviceAccount', tenant.serviceAccountUpn)}`}
          </Caption1>
        }
      />
      <Table className={table.table} size="small" aria-label={t('tenantCard_servicesLabel', tenant.displayName)}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('common_service')}</TableHeaderCell>
            <TableHeaderCell>{t('tenantCard_status')}</TableHeaderCell>
            <TableHeaderCell>{t('tenantCard_health')}</TableHeaderCell>
            <TableHeaderCell>{t('tenantCard_policy')}</TableHeaderCell>
            <TableHeaderCell>{t('tenantCard_lastSync')}</TableHeaderCell>
            <TableHeaderCell>{t('tenantCard_action')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {SERVICES.map((service) => {
            const connector = connectors.find((c) => c.service === service.id);
            const status = statuses.find((s) => s.service === service.id);
            return (
              <TableRow key={service.id} data-service={service.id}>
                <TableCell>{service.label}</TableCell>
                <TableCell>
                  <span data-testid={`status-${service.id}`}>{STATE_LABELS[status?.state ?? 'not_connected']}</span>
                  {/* Why, and the fix (a predicted failure: when), as the popup says it. */}
                  {status?.reason && status.severity !== 'ok' && (
                    <Caption1 block data-testid={`reason-${service.id}`}>
                      {sayParam(status.reason)}
                    </Caption1>
                  )}
                </TableCell>
                <TableCell data-testid={`health-${service.id}`}>
                  {connector ? <ServiceHealthBadge health={connector.serviceHealth} /> : '—'}
                </TableCell>
                <TableCell>{policyName(connector?.policyId)}</TableCell>
                <TableCell>{connector?.lastSyncAt ? formatDateTime(connector.lastSyncAt) : '—'}</TableCell>
                <TableCell>
                  {connector ? (
                    <DisconnectDialog
                      tenant={tenant}
                      services={[service.id]}
                      lastServices={connectors.length === 1}
                      label={t('common_disconnect')}
                    />
                  ) : (
                    <Body1>—</Body1>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {connectors.length > 0 && <SyncStatus tenant={tenant} />}
      {connectors.length > 0 && (
        // Read only when opened: a large tenant has tens of thousands of events a week.
        <details onToggle={(event) => setActivityOpen(event.currentTarget.open)}>
          <summary>{t('tenantCard_activity')}</summary>
          {activityOpen && <ActivityHistory tenant={tenant} />}
        </details>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" onClick={() => props.onGrant('grant')} disabled={connectors.length === SERVICES.length}>
          {t('tenantCard_grant')}
        </Button>
        {connectors.length > 0 && <Button onClick={() => props.onGrant('regrant')}>{t('common_regrant')}</Button>}
        {connectors.length > 0 && <Button onClick={() => props.onGrant('scope_switch')}>{t('tenantCard_switchScope')}</Button>}
        {connectors.length > 0 && (
          <DisconnectDialog
            tenant={tenant}
            services={connectors.map((c) => c.service)}
            lastServices
            label={t('tenantCard_disconnectTenant')}
          />
        )}
        <RemoveTenantButton tenant={tenant} />
      </div>
    </Card>
  );
}
