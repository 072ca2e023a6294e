import { describe, expect, it } from 'vitest';
import { summarizeServiceHealth } from '../../../lib/sync/service-health';

const overview = (exchange?: string, sharepoint = 'serviceOperational', onedrive = 'serviceOperational') => [
  ...(exchange ? [{ service: 'Exchange Online', status: exchange }] : []),
  { service: 'SharePoint Online', status: sharepoint },
  { service: 'OneDrive for Business', status: onedrive },
  { service: 'Microsoft Teams', status: 'serviceInterruption' },
];

describe('summarizeServiceHealth', () => {
  it.each([
    ['serviceOperational', 'operational', 'Operational'],
    ['serviceRestored', 'operational', 'Operational'],
    ['falsePositive', 'operational', 'Operational'],
    ['postIncidentReviewPublished', 'operational', 'Operational'],
    ['serviceDegradation', 'degraded', 'Degraded — some features are slow or unavailable'],
    ['serviceInterruption', 'degraded', 'Degraded — the service is interrupted for many users'],
    ['investigating', 'degraded', 'Degraded — Microsoft is investigating a possible problem'],
    ['restoringService', 'degraded', 'Degraded — Microsoft is restoring the service'],
    ['extendedRecovery', 'degraded', 'Degraded — recovery is taking longer than usual'],
    ['verifyingService', 'degraded', 'Degraded — Microsoft is verifying its fix'],
    ['investigationSuspended', 'degraded', 'Degraded — Microsoft paused its investigation and may need more information'],
    ['somethingNew', 'degraded', 'Degraded — Microsoft reports "somethingNew"'],
  ])('Exchange %s → %s', (status, state, words) => {
    const summary = summarizeServiceHealth(overview(status));
    expect(summary.services[0]).toEqual({ service: 'exchange', status, state, words });
    expect(summary.allOperational).toBe(state === 'operational');
  });

  it('reads a service Microsoft did not list as unknown, and the others by name only', () => {
    const summary = summarizeServiceHealth(overview(undefined));
    expect(summary.services.map((s) => [s.service, s.state])).toEqual([
      ['exchange', 'unknown'],
      ['sharepoint', 'operational'],
      ['onedrive', 'operational'],
    ]);
    expect(summary.services[0]!.words).toBe('Unknown — Microsoft did not report this service');
    expect(summary.allOperational).toBe(false);
  });
});
