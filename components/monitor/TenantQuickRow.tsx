import { Body1, Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { QuickAction, QuickTenantRow } from '@/lib/monitor/quick-status';
import { ServiceHealthBadge } from '../ServiceHealthBadge';
import { StatusMark } from './StatusMark';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  reason: { display: 'block', paddingLeft: '1.2em', color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  facts: { display: 'flex', flexDirection: 'column' },
});

export const ACTION_LABELS: Record<QuickAction, string> = { regrant: 'Re-grant', sync_now: 'Sync now', open_console: 'Open console' };

export interface TenantQuickRowProps {
  row: QuickTenantRow;
  onAction: (action: QuickAction) => void;
  onGrant: () => void;
  busy?: QuickAction;
}

/** One tenant in the popup: each connector's state in words (and a mark), the horizon, the last sync, the fixes. */
export function TenantQuickRow({ row, onAction, onGrant, busy }: TenantQuickRowProps) {
  const styles = useStyles();
  // The popup has its own "Open console" at the bottom: here only when it is the fix.
  const more = row.more.filter((action) => action !== 'open_console');
  return (
    <section className={styles.root} aria-label={`Tenant ${row.displayName}`} data-tenant-id={row.tenantId} data-severity={row.severity}>
      <Body1>
        <strong>{row.displayName}</strong> <Caption1>{row.domain}</Caption1>
      </Body1>
      {row.connectors.length > 0 && (
        <ul className={styles.list}>
          {row.connectors.map((c) => (
            <li key={c.connectorId} data-service={c.service} data-severity={c.severity}>
              <Body1>
                <StatusMark severity={c.severity}>
                  {c.serviceLabel}: <strong>{c.label}</strong>
                </StatusMark>
                {c.health && (
                  <>
                    {' · '}
                    <ServiceHealthBadge health={c.health} />
                  </>
                )}
              </Body1>
              {c.reason && c.severity !== 'ok' && <Caption1 className={styles.reason}>{c.reason}</Caption1>}
            </li>
          ))}
        </ul>
      )}
      <div className={styles.facts}>
        {row.offline && (
          <Caption1 data-testid="offline">
            <StatusMark severity="warning">{row.offline}</StatusMark>
          </Caption1>
        )}
        {row.horizon && (
          <Caption1 data-testid="horizon" data-severity={row.horizon.severity}>
            Access: {row.horizon.text}
          </Caption1>
        )}
        {row.lastSync && <Caption1 data-testid="last-sync">Last sync: {row.lastSync}</Caption1>}
        {row.lastCheck && !row.offline && <Caption1 data-testid="last-check">{row.lastCheck}</Caption1>}
      </div>
      <div className={styles.actions}>
        {row.fixes.map((action) => (
          <Button key={action} appearance="primary" size="small" disabled={busy === action} onClick={() => onAction(action)}>
            {ACTION_LABELS[action]}
          </Button>
        ))}
        {row.canGrant && (
          <Button appearance={row.connectors.length === 0 ? 'primary' : 'secondary'} size="small" onClick={onGrant}>
            Grant access
          </Button>
        )}
        {more.map((action) => (
          <Button key={action} size="small" disabled={busy === action} onClick={() => onAction(action)}>
            {ACTION_LABELS[action]}
          </Button>
        ))}
      </div>
    </section>
  );
}
