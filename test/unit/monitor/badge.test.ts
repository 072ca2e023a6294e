import { describe, expect, it } from 'vitest';
import type { ConnectorState } from '../../../lib/db/types';
import { renderBadge, type TenantSummary } from '../../../lib/monitor/badge';
import type { ConnectorStatus, Severity } from '../../../lib/monitor/types';
import { phrase, sayError } from '../../../lib/errors/phrase';
import { formatDateTime } from '../../../lib/i18n/format';

const time = (ms: number) => `T${ms}`;
const firstSentence = (text: string) => text.slice(0, text.search(/[.:](\s|$)/));

function status(
  service: ConnectorStatus['service'],
  state: ConnectorState,
  severity: Severity,
  reason?: ConnectorStatus['reason'],
): ConnectorStatus {
  return { connectorId: `t1:${service}`, tenantId: 't1', service, state, severity, label: state, reason, action: 'none' };
}

const tenant = (statuses: ConnectorStatus[], patch: Partial<TenantSummary> = {}): TenantSummary => ({
  displayName: 'Contoso',
  statuses,
  offline: false,
  lastCheckAt: 100,
  ...patch,
});

describe('renderBadge', () => {
  it('is empty with no connector', () => {
    expect(renderBadge([], time)).toEqual({ text: '', title: 'Microsoft 365 connectors: none connected yet' });
  });

  it('is empty when all is well, and says when it was checked', () => {
    expect(renderBadge([tenant([status('exchange', 'connected', 'ok'), status('onedrive', 'syncing', 'info')])], time)).toEqual({
      text: '',
      title: 'Microsoft 365 connectors: all 2 connected (checked T100)',
    });
  });

  it('is red with the number of connectors that need action now, and lists every problem on its own line', () => {
    const badge = renderBadge(
      [
        tenant([
          status('exchange', 'token_expired', 'error', { code: 'grant_revoked' }),
          status('onedrive', 'token_expired', 'error', { code: 'graph_unauthorized' }),
          status('sharepoint', 'sync_stale', 'warning', {
            code: 'sync_stale',
            params: [{ key: { one: 'monitor_hour', other: 'monitor_hours' }, params: [24] }],
          }),
        ]),
      ],
      time,
    );
    expect(badge).toMatchObject({ text: '2', color: 'red' });
    expect(badge.title.split('\n')).toEqual([
      'Microsoft 365 connectors',
      'Action needed — Contoso · Exchange Online: token_expired — The grant was revoked, for example after a password reset or a sign-out everywhere',
      `Action needed — Contoso · OneDrive: token_expired — ${firstSentence(sayError({ code: 'graph_unauthorized' }))}`,
      'Soon — Contoso · SharePoint Online: sync_stale — The directory copy is older than twice the sync schedule (24 hours)',
    ]);
  });

  it.each([
    ['one connector', [status('exchange', 'renewal_due', 'warning'), status('onedrive', 'connected', 'ok')]],
    ['two connectors', [status('exchange', 'renewal_due', 'warning'), status('onedrive', 'sync_stale', 'warning')]],
  ])('is amber with "!", not a number, when %s need action soon (not told by colour alone)', (_, statuses) => {
    expect(renderBadge([tenant(statuses)], time)).toMatchObject({ text: '!', color: 'amber' });
  });

  it('counts a predicted password expiry as amber, and its line says when', () => {
    const at = Date.UTC(2026, 11, 10, 14, 5);
    const reason = phrase('monitor_passwordExpiresOn', { at }, { code: 'password_expiring' });
    const badge = renderBadge([tenant([status('exchange', 'password_expiring', 'warning', reason)])], time);
    expect(badge).toMatchObject({ text: '!', color: 'amber' });
    expect(badge.title.split('\n')[1]).toBe(
      `Soon — Contoso · Exchange Online: password_expiring — The service account's password expires on ${formatDateTime(at)}`,
    );
  });

  it('says a tenant is offline without raising the badge', () => {
    const badge = renderBadge([tenant([status('exchange', 'connected', 'ok')], { offline: true, lastCheckAt: 7 })], time);
    expect(badge.text).toBe('');
    expect(badge.title).toContain('Contoso: offline, not checked; last checked T7');
  });
});
