import { Window } from 'happy-dom';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TenantQuickRow } from '../../../components/monitor/TenantQuickRow';
import { TenantCard } from '../../../components/tenants/TenantCard';
import { SERVICES } from '../../../lib/connectors/services';
import type { ConnectorState, ServiceId } from '../../../lib/db/types';
import { evaluateTenant, STATE_LABELS, type TenantFacts } from '../../../lib/monitor/evaluate';
import { quickStatus } from '../../../lib/monitor/quick-status';
import { connector, facts, HOUR, NOW, okCheck, run, SETTINGS, tenant } from '../monitor/fixtures';

const FORMAT = { clock: (ms: number) => new Date(ms).toISOString(), number: String };

/** Each service's words in the console's status table and in the popup's row, rendered from the same records. */
function shownWords(input: TenantFacts): { console: Record<string, string>; popup: Record<string, string> } {
  const card = renderToStaticMarkup(
    <TenantCard
      tenant={input.tenant}
      connectors={[...input.connectors]}
      statuses={evaluateTenant(input, SETTINGS, NOW)}
      onGrant={() => undefined}
    />,
  );
  const [row] = quickStatus([{ ...input, userCount: 3 }], SETTINGS, NOW, FORMAT);
  const popup = renderToStaticMarkup(<TenantQuickRow row={row!} onAction={() => undefined} onGrant={() => undefined} now={NOW} />);
  const document = new Window().document;
  document.body.innerHTML = `<div id="console">${card}</div><div id="popup">${popup}</div>`;
  const words = (find: (service: ServiceId) => { textContent: string | null } | null | undefined) =>
    Object.fromEntries(
      SERVICES.flatMap(({ id }) => {
        const text = find(id)?.textContent;
        return text === undefined || text === null ? [] : [[id, text]];
      }),
    );
  return {
    console: words((id) => document.querySelector(`#console [data-testid="status-${id}"]`)),
    // The popup says a state once for the services that share it: the service's line, its state in bold.
    popup: words((id) => document.querySelector(`#popup [data-service="${id}"]`)?.closest('li')?.querySelector('strong')),
  };
}

const failedToken = (code: string) => okCheck({ token: { ok: false, code: code as never, silentSignInTried: false }, graph: undefined });

// Records → the state both surfaces must word for Exchange (SharePoint and OneDrive have no record: not connected).
const CASES: Array<[string, ConnectorState, TenantFacts]> = [
  ['all well', 'connected', facts()],
  ['the grant revoked', 'token_expired', facts({ lastOnlineCheck: failedToken('grant_revoked') })],
  ['the refresh horizon passed', 'token_expired', facts({ tenant: { ...tenant, grant: { ...tenant.grant!, refreshHorizon: NOW } } })],
  ['the horizon near', 'renewal_due', facts({ tenant: { ...tenant, grant: { ...tenant.grant!, refreshHorizon: NOW + HOUR } } })],
  ['a sync running', 'syncing', facts({ lastSyncRun: run('running') })],
  ['the last sync failed', 'sync_failed', facts({ lastSyncRun: run('failed') })],
  ['the sync out of date', 'sync_stale', facts({ connectors: [connector('exchange', { lastSyncAt: NOW - 49 * HOUR })] })],
  ['a grant under way', 'granting', facts({ grantInProgress: true })],
  [
    'Microsoft reports the service degraded',
    'service_degraded',
    facts({
      connectors: [connector('exchange', { serviceHealth: { state: 'degraded', status: 'serviceDegradation', checkedAt: NOW } })],
    }),
  ],
  [
    'the PIM activation lapsed',
    'role_inactive',
    facts({ lastOnlineCheck: okCheck({ graph: { globalAdmin: false, globalAdminEligible: true, probes: { exchange: 'ok' } } }) }),
  ],
];

describe('the console and the popup word a status the same', () => {
  it.each(CASES)('%s → %s in both', (_, state, input) => {
    const shown = shownWords(input);
    expect(shown.popup).toEqual({ exchange: STATE_LABELS[state] });
    expect(shown.console).toEqual({
      exchange: STATE_LABELS[state],
      sharepoint: STATE_LABELS.not_connected,
      onedrive: STATE_LABELS.not_connected,
    });
  });

  it('words every connector of a tenant from its own records', () => {
    const input = facts({
      connectors: [connector('exchange'), connector('onedrive')],
      lastOnlineCheck: okCheck({ graph: { globalAdmin: true, probes: { exchange: 'ok', onedrive: 'forbidden' } } }),
    });
    const shown = shownWords(input);
    expect(shown.popup).toEqual({ exchange: 'Connected', onedrive: 'Permission missing' });
    expect(shown.console).toEqual({ ...shown.popup, sharepoint: 'Not connected' });
  });
});
