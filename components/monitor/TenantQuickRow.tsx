import { PlainButton } from '@/components/plain/PlainButton';
import { PlainHealthBadge } from '@/components/plain/PlainHealthBadge';
import { PlainStatusMark } from '@/components/plain/PlainStatusMark';
import type { QuickAction, QuickTenantRow } from '@/lib/monitor/quick-status';
import { t } from '@/lib/i18n/t';
import { sayParam } from '@/lib/errors/phrase';

export const ACTION_LABELS: Record<QuickAction, string> = {
  regrant: t('common_regrant'),
  sync_now: t('common_syncNow'),
  open_console: t('popup_openConsole'),
};

export interface TenantQuickRowProps {
  row: QuickTenantRow;
  onAction: (action: QuickAction) => void;
  onGrant: () => void;
  busy?: QuickAction;
  now: number;
}

/**
 * One tenant in the popup: each connector's state in words (and a mark), the horizon, the last sync, the fixes.
 * Plain elements styled by the popup's static stylesheet (entrypoints/popup/popup.css), not Fluent UI: the rows are
 * the popup's first paint, and they must not wait for a UI kit (issue #5's first-render benchmark).
 */
export function TenantQuickRow({ row, onAction, onGrant, busy, now }: TenantQuickRowProps) {
  // The popup has its own "Open console" at the bottom: here only when it is the fix.
  const more = row.more.filter((action) => action !== 'open_console');
  return (
    <section
      className="quick-row"
      aria-label={t('tenantQuickRow_label', row.displayName)}
      data-tenant-id={row.tenantId}
      data-severity={row.severity}
    >
      <span className="popup-body">
        <strong>{row.displayName}</strong> <span className="popup-caption">{row.domain}</span>
      </span>
      {row.connectors.length > 0 && (
        <ul className="quick-list">
          {row.connectors.map((c) => (
            <li key={c.connectorId} data-service={c.service} data-severity={c.severity}>
              <span className="popup-body">
                <PlainStatusMark severity={c.severity}>
                  {c.serviceLabel}: <strong>{c.label}</strong>
                </PlainStatusMark>
                {c.health && (
                  <>
                    {' · '}
                    <PlainHealthBadge health={c.health} now={now} />
                  </>
                )}
              </span>
              {c.reason && c.severity !== 'ok' && <span className="popup-caption quick-reason">{sayParam(c.reason)}</span>}
            </li>
          ))}
        </ul>
      )}
      <div className="quick-facts">
        {row.offline && (
          <span className="popup-caption" data-testid="offline">
            <PlainStatusMark severity="warning">{row.offline}</PlainStatusMark>
          </span>
        )}
        {row.horizon && (
          <span className="popup-caption" data-testid="horizon" data-severity={row.horizon.severity}>
            {t('tenantQuickRow_access', row.horizon.text)}
          </span>
        )}
        {row.lastSync && (
          <span className="popup-caption" data-testid="last-sync">
            {t('tenantQuickRow_lastSync', row.lastSync)}
          </span>
        )}
        {row.lastCheck && !row.offline && (
          <span className="popup-caption" data-testid="last-check">
            {row.lastCheck}
          </span>
        )}
      </div>
      <div className="quick-actions">
        {row.fixes.map((action) => (
          <PlainButton key={action} appearance="primary" size="small" disabled={busy === action} onClick={() => onAction(action)}>
            {ACTION_LABELS[action]}
          </PlainButton>
        ))}
        {row.canGrant && (
          <PlainButton appearance={row.connectors.length === 0 ? 'primary' : 'secondary'} size="small" onClick={onGrant}>
            {t('popup_grantAccess')}
          </PlainButton>
        )}
        {more.map((action) => (
          <PlainButton key={action} size="small" disabled={busy === action} onClick={() => onAction(action)}>
            {ACTION_LABELS[action]}
          </PlainButton>
        ))}
      </div>
    </section>
  );
}
