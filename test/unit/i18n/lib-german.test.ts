import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICES } from '../../../lib/connectors/services';
import { BUILT_IN_POLICIES } from '../../../lib/connectors/policies';
import { MICROSOFT_CLOUDS } from '../../../lib/config/clouds';
import { AuthError } from '../../../lib/errors/app-error';
import { timeAgo } from '../../../lib/format/time-ago';
import { substitute } from '../../../lib/i18n/substitute';
import { useMessageLookup } from '../../../lib/i18n/t';
import { renderBadge } from '../../../lib/monitor/badge';
import { STATE_LABELS } from '../../../lib/monitor/evaluate';
import { STEP_LABELS } from '../../../lib/provisioning/plan-steps';
import { healthPhrase } from '../../../lib/service-health/status';
import { phrase, say, sayError } from '../../../lib/errors/phrase';
import { t } from '../../../lib/i18n/t';
import { formatDateTime } from '../../../lib/i18n/format';
import { readMessages, type Messages } from './messages';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// lib/ in German: the words follow the browser's language, including the records that pages import once (their
// values are read when used), and substitutions land in the German sentence's own order.
const lookupIn = (messages: Messages) => (key: string, substitutions: string[]) => {
  const entry = messages[key];
  return entry ? substitute(entry.message, substitutions) : '';
};

describe('lib/ in German', () => {
  beforeAll(() => useMessageLookup(lookupIn(readMessages('de'))));
  afterAll(() => useMessageLookup(lookupIn(readMessages('en'))));

  it('words states, steps, services, policies and clouds imported before the language was set', () => {
    expect(STATE_LABELS.token_expired).toBe('Zugriff abgelaufen');
    expect(STEP_LABELS.sign_in).toBe('Als Globaler Administrator anmelden');
    expect(SERVICES.map((service) => service.label)).toEqual(['Exchange Online', 'SharePoint Online', 'OneDrive']);
    expect(SERVICES[0]?.permissions[0]?.reason).toBe('Prüfen, ob Exchange Online antwortet, indem ein Postfach geöffnet wird.');
    expect(BUILT_IN_POLICIES.map((policy) => t(policy.nameKey))).toContain('Nur überwachen');
    expect(MICROSOFT_CLOUDS[0]?.label).toBe('Weltweit (kommerziell)');
  });

  it('words errors with their detail, and times ago', () => {
    expect(sayError({ code: 'not_global_admin', params: ['admin@contoso.com'] })).toMatch(
      /^Das Konto admin@contoso\.com ist kein Globaler Administrator/,
    );
    expect(sayError(new AuthError('auth_failed', { detail: phrase('auth_entraAnswered', 'AADSTS90002') }).toData())).toBe(
      'Die Anmeldung ist fehlgeschlagen: Microsoft Entra ID antwortete mit AADSTS90002. Versuchen Sie es erneut; wenn das wieder geschieht, prüfen Sie die App-Registrierung in Entra ID.',
    );
    expect(timeAgo(0, 5 * 60_000)).toBe('vor 5 Min.');
    expect(timeAgo(0, 24 * 3_600_000)).toBe('vor 1 Tag');
    expect(timeAgo(0, 3 * 24 * 3_600_000)).toBe('vor 3 Tagen');
    expect(say(healthPhrase({ state: 'degraded', status: 'serviceDegradation' }))).toBe(
      'Beeinträchtigt — einige Funktionen sind langsam oder nicht verfügbar',
    );
  });

  it('words the predicted failures, with the moment in the locale', () => {
    const at = Date.UTC(2026, 11, 10, 14, 5);
    expect(STATE_LABELS.password_expiring).toBe('Kennwort läuft ab');
    expect(STATE_LABELS.account_blocked).toBe('Anmeldung blockiert');
    expect(STATE_LABELS.licence_ending).toBe('Lizenz läuft aus');
    expect(STATE_LABELS.service_incident).toBe('Störung bei Microsoft');
    expect(STATE_LABELS.role_activation_ending).toBe('Rollenaktivierung endet');
    expect(say(phrase('monitor_passwordExpiresOn', { at }, { code: 'password_expiring' }))).toMatch(
      new RegExp(
        `^Das Kennwort des Dienstkontos läuft am ${escape(formatDateTime(at))} ab\\. Nach der Richtlinie seiner Domäne .*\\(AADSTS50173\\)`,
      ),
    );
    expect(say(phrase('monitor_accessEndsAt', { at }, { code: 'renewal_due' }))).toMatch(/^Der Zugriff endet am .+\. Microsoft beendet/);
  });

  it('words the toolbar button', () => {
    const badge = renderBadge(
      [
        {
          displayName: 'Contoso',
          offline: false,
          statuses: [
            {
              connectorId: 'c:exchange',
              tenantId: 'c',
              service: 'exchange',
              state: 'token_expired',
              severity: 'error',
              label: STATE_LABELS.token_expired,
              reason: { code: 'grant_revoked' },
              action: 'regrant',
            },
          ],
        },
      ],
      () => '14:05',
    );
    expect(badge.title.split('\n')).toEqual([
      'Microsoft 365-Connectors',
      'Handlungsbedarf — Contoso · Exchange Online: Zugriff abgelaufen — Die Zugriffsgewährung wurde widerrufen, zum Beispiel nach dem Zurücksetzen eines Kennworts oder einer Abmeldung überall',
    ]);
  });
});
