import { Fragment, useState } from 'react';
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
 * One tenant in the popup. A tenant that is all well is one line (its name and "All services connected"), which
 * opens to the rest; any other shows its states, each said once for the services that share it, with the reason
 * once, then the horizon, the last sync, the last check and the fixes. Plain elements styled by the popup's static
 * stylesheet (entrypoints/popup/popup.css), not Fluent UI: the rows are the popup's first paint, and they must not
 * wait for a UI kit (issue #5's first-render benchmark).
 */
export function TenantQuickRow(props: TenantQuickRowProps) {
  const { row } = props;
  // A line that is well holds its details only once opened: with dozens of tenants, its closed details were most
  // of the popup's elements (432 of 720 with 30 tenants), made before the first paint for no one to see.
  const [opened, setOpened] = useState(false);
  const label = t('tenantQuickRow_label', row.displayName);
  if (row.allWell) {
    return (
      <section className="quick-row quick-well" aria-label={label} data-tenant-id={row.tenantId} data-severity={row.severity}>
        <details onToggle={(event) => event.currentTarget.open && setOpened(true)}>
          <summary className="popup-body quick-line">
            <PlainStatusMark severity="ok">
              <strong>{row.displayName}</strong>
            </PlainStatusMark>{' '}
            <span className="popup-caption" data-testid="well">
              {row.wellLine}
            </span>{' '}
            <span className="popup-caption quick-domain">{row.domain}</span>
          </summary>
          <div className="quick-detail">{opened && <TenantDetails {...props} />}</div>
        </details>
      </section>
    );
  }
  return (
    <section className="quick-row" aria-label={label} data-tenant-id={row.tenantId} data-severity={row.severity}>
      <span className="popup-body">
        <strong>{row.displayName}</strong> <span className="popup-caption">{row.domain}</span>
      </span>
      <TenantDetails {...props} />
    </section>
  );
}

function TenantDetails({ row, onAction, onGrant, busy, now }: TenantQuickRowProps) {
  // The popup has its own "Open console" at the bottom: here only when it is the fix.
  const more = row.more.filter((action) => action !== 'open_console');
  return (
    <>
      {row.states.length > 0 && (
        <ul className="quick-list">
          {row.states.map((line) => (
            <li key={line.connectors[0]!.connectorId} data-state={line.state} data-severity={line.severity}>
              <span className="popup-body">
                <PlainStatusMark severity={line.severity}>
                  <strong>{line.label}</strong>
                </PlainStatusMark>
                {': '}
                {line.connectors.map((c, i) => (
                  <Fragment key={c.connectorId}>
                    {i > 0 && ', '}
                    <span data-service={c.service} data-severity={c.severity}>
                      {c.serviceLabel}
                    </span>
                  </Fragment>
                ))}
              </span>
              {line.reason && <span className="popup-caption quick-reason">{sayParam(line.reason)}</span>}
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
        {row.health.length > 0 && (
          // Said once for the tenant: the services named only when their health differs.
          <span className="popup-caption" data-testid="health">
            {t('tenantQuickRow_health')}{' '}
            {row.health.map((line, i) => (
              <Fragment key={line.serviceLabels[0]}>
                {i > 0 && ' · '}
                {!line.all && `${sayParam(line.serviceLabels)}: `}
                <PlainHealthBadge health={line.health} now={now} />
              </Fragment>
            ))}
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
    </>
  );
}
