import { describe, expect, it } from 'vitest';
import { phrase, say } from '../../../lib/errors/phrase';
import { healthPhrase, SERVICE_HEALTH_STATUSES, storedHealthState, summarizeServiceHealth } from '../../../lib/service-health/status';

const overview = (exchange?: string, sharepoint = 'serviceOperational', onedrive = 'serviceOperational') => [
  ...(exchange ? [{ service: 'Exchange Online', status: exchange }] : []),
  { service: 'SharePoint Online', status: sharepoint },
  { service: 'OneDrive for Business', status: onedrive },
  { service: 'Microsoft Teams', status: 'serviceInterruption' },
];

describe('summarizeServiceHealth', () => {
  // Every member of the serviceHealthStatus enum (msgraph-metadata schemas/v1.0-Prod.csdl), decided on Microsoft's
  // definitions (api-reference/v1.0/resources/servicehealthissue.md): only an impairment now is degraded.
  it.each([
    ['serviceOperational', 'operational', 'Operational'],
    ['investigating', 'unknown', 'Microsoft is investigating a possible problem (not confirmed yet)'],
    ['restoringService', 'degraded', 'Degraded — Microsoft is restoring the service'],
    ['verifyingService', 'operational', 'Operational — Microsoft fixed an issue and verified that the service is healthy'],
    ['serviceRestored', 'operational', 'Operational — Microsoft restored the service after an issue'],
    ['postIncidentReviewPublished', 'operational', 'Operational — Microsoft restored the service after an issue'],
    ['serviceDegradation', 'degraded', 'Degraded — some features are slow or unavailable'],
    ['serviceInterruption', 'degraded', 'Degraded — the service is interrupted for many users'],
    ['extendedRecovery', 'degraded', "Degraded — Microsoft's fix is reaching the affected users gradually"],
    ['falsePositive', 'operational', 'Operational'],
    ['investigationSuspended', 'unknown', 'Microsoft paused its investigation of a possible problem and may ask for more information'],
    ['resolved', 'unknown', 'Microsoft reports "resolved"'],
    ['mitigatedExternal', 'unknown', 'Microsoft reports "mitigatedExternal"'],
    ['mitigated', 'unknown', 'Microsoft reports "mitigated"'],
    ['resolvedExternal', 'unknown', 'Microsoft reports "resolvedExternal"'],
    ['confirmed', 'unknown', 'Microsoft reports "confirmed"'],
    ['reported', 'unknown', 'Microsoft reports "reported"'],
    ['unknownFutureValue', 'unknown', 'Microsoft reports "unknownFutureValue"'],
    ['somethingNew', 'unknown', 'Microsoft reports "somethingNew"'],
    ['toString', 'unknown', 'Microsoft reports "toString"'],
  ])('Exchange %s → %s', (status, state, words) => {
    const summary = summarizeServiceHealth(overview(status));
    expect(summary.services[0]).toEqual({ service: 'exchange', status, state });
    // Worded as the UI words it, from the status: the summary keeps no words.
    expect(say(healthPhrase(summary.services[0]!))).toBe(words);
    expect(summary.allOperational).toBe(state === 'operational');
  });

  it('reads a service Microsoft did not list as unknown, and the others by name only', () => {
    const summary = summarizeServiceHealth(overview(undefined));
    expect(summary.services.map((s) => [s.service, s.state])).toEqual([
      ['exchange', 'unknown'],
      ['sharepoint', 'operational'],
      ['onedrive', 'operational'],
    ]);
    expect(healthPhrase(summary.services[0]!)).toEqual(phrase('sync_healthUnknown'));
    expect(summary.allOperational).toBe(false);
  });
});

describe('storedHealthState', () => {
  it("derives the state from Microsoft's status, so a read stored under an older rule follows the current one", () => {
    expect(storedHealthState({ state: 'degraded', status: 'verifyingService' })).toBe('operational');
    expect(storedHealthState({ state: 'degraded', status: 'investigating' })).toBe('unknown');
    expect(storedHealthState({ state: 'degraded' })).toBe('degraded');
  });

  it('knows every member of the enum, and only the four impairments are degraded', () => {
    expect(SERVICE_HEALTH_STATUSES).toHaveLength(18);
    expect(SERVICE_HEALTH_STATUSES.filter((status) => storedHealthState({ state: 'unknown', status }) === 'degraded')).toEqual([
      'restoringService',
      'serviceDegradation',
      'serviceInterruption',
      'extendedRecovery',
    ]);
  });
});

describe('healthPhrase', () => {
  it.each([
    [{ state: 'degraded', status: 'serviceDegradation' }, phrase('sync_healthDegradation')],
    [{ state: 'unknown', status: 'resolved' }, phrase('sync_healthOtherStatus', 'resolved')],
    [{ state: 'unknown' }, phrase('sync_healthUnknown')],
    // Kept before schema 6 without a status: worded by its state, since its words are gone.
    [{ state: 'degraded' }, phrase('sync_healthDegradation')],
    [{ state: 'operational' }, phrase('sync_healthOperational')],
  ] as const)('%j → %j', (health, expected) => {
    expect(healthPhrase(health)).toEqual(expected);
  });
});
