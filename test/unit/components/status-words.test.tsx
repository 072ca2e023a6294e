// @vitest-environment happy-dom
import { Window } from 'happy-dom';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RemoveTenantHost } from '../../../components/tenants/RemoveTenantDialog';
import { TenantCard } from '../../../components/tenants/TenantCard';
import { SERVICES } from '../../../lib/connectors/services';
import type { ConnectorState, ServiceId } from '../../../lib/db/types';
import { evaluateTenant, STATE_LABELS, type TenantFacts } from '../../../lib/monitor/evaluate';
import { quickStatus } from '../../../lib/monitor/quick-status';
import { phrase, say, sayError } from '../../../lib/errors/phrase';
import { formatDateTime } from '../../../lib/i18n/format';
import { connector, facts, HOUR, NOW, okCheck, run, SETTINGS, tenant } from '../monitor/fixtures';
import { renderedRow } from './quick-row-dom';

const FORMAT = { clock: (ms: number) => new Date(ms).toISOString(), number: String };

/** Each service's words in the console's status table and in the popup's row, rendered from the same records. */
function shownWords(input: TenantFacts): { console: Record<string, string>; popup: Record<string, string> } {
  const card = renderToStaticMarkup(
    <RemoveTenantHost onRemoved={() => undefined}>
      <TenantCard
        tenant={input.tenant}
        connectors={[...input.connectors]}
        statuses={evaluateTenant(input, SETTINGS, NOW)}
        onGrant={() => undefined}
      />
    </RemoveTenantHost>,
  );
  const [row] = quickStatus([{ ...input, userCount: 3 }], SETTINGS, NOW, FORMAT);
  // Opened, as the admin opens a tenant that is well: its states are made only then.
  const rendered = renderedRow(row!, NOW);
  rendered.open();
  const popup = rendered.element.innerHTML;
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

const DAY = 24 * HOUR;
/** The service account's password changed 85 days ago under a 90-day domain policy: it expires in 5 days. */
const passwordCheck = okCheck({
  graph: {
    globalAdmin: true,
    probes: { exchange: 'ok' },
    account: { lastPasswordChangeAt: NOW - 85 * DAY, domainPolicy: { validityDays: 90, notificationDays: 14 } },
  },
});
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
  ['the password expires in 5 days', 'password_expiring', facts({ lastOnlineCheck: passwordCheck })],
  ['the account disabled', 'account_blocked', facts({ lastOnlineCheck: failedToken('account_disabled') })],
  [
    'the Exchange licence in its grace period',
    'licence_ending',
    facts({
      lastOnlineCheck: okCheck({
        graph: {
          globalAdmin: true,
          probes: { exchange: 'ok' },
          account: { plans: [{ service: 'exchange', capabilityStatus: 'Warning' }] },
        },
      }),
    }),
  ],
  [
    'Microsoft has an open incident for Exchange',
    'service_incident',
    facts({
      lastOnlineCheck: okCheck({
        graph: { globalAdmin: true, probes: { exchange: 'ok' }, incidents: { exchange: [{ id: 'EX1', title: 'Mail delayed' }] } },
      }),
    }),
  ],
  [
    'the Exchange licence ended',
    'licence_lost',
    facts({
      lastOnlineCheck: okCheck({
        graph: {
          globalAdmin: true,
          probes: { exchange: 'ok' },
          account: { plans: [{ service: 'exchange', capabilityStatus: 'Deleted' }] },
        },
      }),
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

  it('says when the password expires, and the fix, in the console and in the popup', () => {
    const input = facts({ lastOnlineCheck: passwordCheck });
    const card = renderToStaticMarkup(
      <RemoveTenantHost onRemoved={() => undefined}>
        <TenantCard
          tenant={input.tenant}
          connectors={[...input.connectors]}
          statuses={evaluateTenant(input, SETTINGS, NOW)}
          onGrant={() => undefined}
        />
      </RemoveTenantHost>,
    );
    const [row] = quickStatus([{ ...input, userCount: 3 }], SETTINGS, NOW, FORMAT);
    const popup = renderedRow(row!, NOW).element.innerHTML;
    const document = new Window().document;
    document.body.innerHTML = `<div id="console">${card}</div><div id="popup">${popup}</div>`;
    const words = say(phrase('monitor_passwordExpiresOn', { at: NOW + 5 * DAY }, { code: 'password_expiring' }));
    expect(words).toContain(`expires on ${formatDateTime(NOW + 5 * DAY)}. ${sayError({ code: 'password_expiring' })}`);
    expect(document.querySelector('#console [data-testid="reason-exchange"]')?.textContent).toBe(words);
    expect(document.querySelector('#popup [data-service="exchange"]')?.closest('li')?.textContent).toContain(words);
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
