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
import type { GrantKind } from '@/lib/provisioning/types';
import { ServiceHealthBadge } from '../ServiceHealthBadge';
import { DisconnectDialog } from './DisconnectDialog';
import { SyncStatus } from './SyncStatus';
import { ActivityHistory } from './ActivityHistory';

const useStyles = makeStyles({ actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' } });

const STATUS_WORDS: Record<ConnectorRecord['status'], string> = {
  not_connected: 'Not connected',
  granting: 'Granting access…',
  syncing: 'Syncing…',
  connected: 'Connected',
  renewal_due: 'Renewal due',
  token_expired: 'Access expired',
  permission_missing: 'Permission missing',
  sync_stale: 'Sync out of date',
  sync_failed: 'Sync failed',
  service_degraded: 'Microsoft service degraded',
};

/** One tenant: its service status table with the action each row needs, and the tenant's own actions. */
export function TenantCard(props: { tenant: TenantRecord; connectors: ConnectorRecord[]; onGrant(kind: GrantKind): void }) {
  const { tenant, connectors } = props;
  const styles = useStyles();
  const [activityOpen, setActivityOpen] = useState(false);
  const scope =
    tenant.syncScope.mode === 'all'
      ? 'All users and groups'
      : `Selected: ${tenant.syncScope.userIds.length} users, ${tenant.syncScope.groupIds.length} groups`;
  return (
    <Card aria-label={`Tenant ${tenant.displayName}`}>
      <CardHeader
        header={<Subtitle1 as="h2">{tenant.displayName}</Subtitle1>}
        description={
          <Caption1>
            {tenant.domain} · {tenant.tenantId} · Sync scope: {scope}
            {tenant.serviceAccountUpn && ` · Service account: ${tenant.serviceAccountUpn}`}
          </Caption1>
        }
      />
      <Table size="small" aria-label={`Services of ${tenant.displayName}`}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Service</TableHeaderCell>
            <TableHeaderCell>Status</TableHeaderCell>
            <TableHeaderCell>Microsoft service health</TableHeaderCell>
            <TableHeaderCell>Protection policy</TableHeaderCell>
            <TableHeaderCell>Last sync</TableHeaderCell>
            <TableHeaderCell>Action</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {SERVICES.map((service) => {
            const connector = connectors.find((c) => c.service === service.id);
            return (
              <TableRow key={service.id} data-service={service.id}>
                <TableCell>{service.label}</TableCell>
                <TableCell data-testid={`status-${service.id}`}>{STATUS_WORDS[connector?.status ?? 'not_connected']}</TableCell>
                <TableCell data-testid={`health-${service.id}`}>
                  {connector ? <ServiceHealthBadge health={connector.serviceHealth} /> : '—'}
                </TableCell>
                <TableCell>{policyById(connector?.policyId)?.name ?? '—'}</TableCell>
                <TableCell>{connector?.lastSyncAt ? new Date(connector.lastSyncAt).toLocaleString() : '—'}</TableCell>
                <TableCell>
                  {connector ? (
                    <DisconnectDialog tenant={tenant} services={[service.id]} lastServices={connectors.length === 1} label="Disconnect" />
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
          <summary>Activity in the last 7 days</summary>
          {activityOpen && <ActivityHistory tenant={tenant} />}
        </details>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" onClick={() => props.onGrant('grant')} disabled={connectors.length === SERVICES.length}>
          Grant access
        </Button>
        {connectors.length > 0 && <Button onClick={() => props.onGrant('regrant')}>Re-grant</Button>}
        {connectors.length > 0 && <Button onClick={() => props.onGrant('scope_switch')}>Switch sync scope</Button>}
        {connectors.length > 0 && (
          <DisconnectDialog tenant={tenant} services={connectors.map((c) => c.service)} lastServices label="Disconnect tenant" />
        )}
      </div>
    </Card>
  );
}
