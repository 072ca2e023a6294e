// @vitest-environment happy-dom
import { Window } from 'happy-dom';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TenantQuickRow } from '../../../components/monitor/TenantQuickRow';
import type { ConnectorRecord } from '../../../lib/db/types';
import { quickStatus } from '../../../lib/monitor/quick-status';
import type { TenantFacts } from '../../../lib/monitor/evaluate';
import { connector, facts, NOW, okCheck, SETTINGS } from '../monitor/fixtures';
import { renderedRow } from './quick-row-dom';

const FORMAT = { clock: (ms: number) => new Date(ms).toISOString(), number: String };
const operational = (c: ConnectorRecord): ConnectorRecord => ({
  ...c,
  serviceHealth: { state: 'operational', status: 'serviceOperational', checkedAt: NOW - 60_000 },
});
const ALL = [connector('exchange'), connector('sharepoint'), connector('onedrive')].map(operational);
const failedToken = (code: string) => okCheck({ token: { ok: false, code: code as never, silentSignInTried: false }, graph: undefined });

/** The popup's row of one tenant, as a document. */
function shown(input: TenantFacts) {
  const [row] = quickStatus([{ ...input, userCount: 3 }], SETTINGS, NOW, FORMAT);
  const html = renderToStaticMarkup(<TenantQuickRow row={row!} onAction={() => undefined} onGrant={() => undefined} now={NOW} />);
  const document = new Window().document;
  document.body.innerHTML = html;
  return document;
}

// Issue #17: with the grant revoked, the same two-line sentence stood under each of the three services, and
// "checked just now" four times (each service's health, and the tenant's check).
describe("the popup's row of a tenant", () => {
  it('says a state and its reason once for the services that share it, and when it was checked once', () => {
    const document = shown(facts({ connectors: ALL, lastOnlineCheck: failedToken('grant_revoked') }));
    const lines = [...document.querySelectorAll('li[data-state]')];
    expect(lines.map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^✕Access expired: Exchange Online, SharePoint Online, OneDrive/),
    ]);
    expect(document.querySelectorAll('.quick-reason')).toHaveLength(1);
    expect(document.body.textContent.match(/checked/gi)).toHaveLength(1);
    expect(document.querySelector('[data-testid="health"]')?.textContent).toBe('Service health: Operational');
    expect(document.querySelector('summary')).toBeNull();
  });

  it('is one line when all is well, which opens to the same details and buttons', () => {
    const [row] = quickStatus([{ ...facts({ connectors: ALL }), userCount: 3 }], SETTINGS, NOW, FORMAT);
    const { element, open } = renderedRow(row!, NOW);
    const summary = element.querySelector('section > details > summary');
    expect(summary?.textContent).toBe('✓Contoso All services connected contoso.com');
    const details = element.querySelector('details')!;
    expect(details.hasAttribute('open')).toBe(false);
    // Closed, the details are not made at all (issue #17: most of the popup's first render with 30 tenants).
    expect(details.querySelector('.quick-detail')?.childElementCount).toBe(0);
    open();
    expect([...details.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Re-grant', 'Sync now']);
    expect(details.querySelector('li[data-state="connected"]')?.textContent).toBe(
      '✓Connected: Exchange Online, SharePoint Online, OneDrive',
    );
  });

  it('names the services whose health differs', () => {
    const degraded = { ...ALL[0]!, serviceHealth: { state: 'degraded' as const, status: 'serviceDegradation', checkedAt: NOW } };
    const document = shown(facts({ connectors: [degraded, ALL[1]!, ALL[2]!] }));
    expect(document.querySelector('[data-testid="health"]')?.textContent).toMatch(
      /^Service health: Exchange Online: .+ · SharePoint Online, OneDrive: Operational$/,
    );
  });
});
