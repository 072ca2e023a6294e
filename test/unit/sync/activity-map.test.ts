import { describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../../../lib/db/types';
import { sayParam } from '../../../lib/errors/phrase';
import { graphTime, mapDirectoryAudit, mapSignIn, serviceOf } from '../../../lib/sync/activity-map';

/** The event as the console shows it: its summary is a phrase, worded in the language of the moment (English here). */
const worded = (event: ActivityEvent | undefined) => event && { ...event, summary: sayParam(event.summary) };

describe('serviceOf', () => {
  it.each([
    [['Office 365 Exchange Online'], 'exchange'],
    [['Outlook Mobile'], 'exchange'],
    [['SharePoint Online Web Client Extensibility'], 'sharepoint'],
    [['OneDrive SyncEngine'], 'onedrive'],
    [['Microsoft Teams', 'Office 365 SharePoint Online'], 'sharepoint'],
    [['Core Directory', 'Add user'], 'entra'],
    [[undefined, 'OneDrive for Business'], 'onedrive'],
    [[], 'entra'],
  ] as const)('%j → %s', (names, expected) => {
    expect(serviceOf(names)).toBe(expected);
  });
});

describe('mapDirectoryAudit', () => {
  const base = {
    id: 'a1',
    activityDateTime: '2025-06-01T10:00:00Z',
    activityDisplayName: 'Add member to group',
    loggedByService: 'Core Directory',
    result: 'success',
    initiatedBy: { user: { userPrincipalName: 'admin@contoso.com', displayName: 'Admin' }, app: null },
    targetResources: [{ displayName: 'Sales', type: 'Group' }],
  };
  it.each([
    [
      'a directory change by an admin',
      base,
      { summary: 'Add member to group: Sales', actor: 'admin@contoso.com', succeeded: true, service: 'entra' },
    ],
    [
      'a failed change by an app, target named by UPN',
      {
        ...base,
        result: 'failure',
        resultReason: 'Denied',
        initiatedBy: { app: { displayName: 'Sync Agent' } },
        targetResources: [{ userPrincipalName: 'megan@contoso.com', displayName: 'Megan' }],
      },
      { summary: 'Add member to group: megan@contoso.com (failed: Denied)', actor: 'Sync Agent', succeeded: false },
    ],
    ['logged by Exchange', { ...base, loggedByService: 'Exchange' }, { service: 'exchange' }],
  ])('%s', (_, raw, expected) => {
    expect(worded(mapDirectoryAudit('t', raw))).toMatchObject({
      tenantId: 't',
      id: 'a1',
      kind: 'directoryAudit',
      occurredAt: Date.parse('2025-06-01T10:00:00Z'),
      ...expected,
    });
  });

  it.each([[{ ...base, id: undefined }], [{ ...base, activityDateTime: 'yesterday' }], [{ ...base, id: '' }]])(
    'skips a record without id or time (%#)',
    (raw) => {
      expect(mapDirectoryAudit('t', raw)).toBeUndefined();
    },
  );
});

describe('mapSignIn', () => {
  const base = {
    id: 's1',
    createdDateTime: '2025-06-01T10:00:00Z',
    userPrincipalName: 'megan@contoso.com',
    appDisplayName: 'Office 365 Exchange Online',
    resourceDisplayName: 'Microsoft Graph',
    status: { errorCode: 0 },
  };
  it.each([
    [
      'a successful sign-in to Exchange',
      base,
      { summary: 'Sign-in to Office 365 Exchange Online', service: 'exchange', succeeded: true, actor: 'megan@contoso.com' },
    ],
    [
      'a failed sign-in',
      { ...base, appDisplayName: 'OneDrive SyncEngine', status: { errorCode: 50126, failureReason: 'Invalid username or password.' } },
      { summary: 'Sign-in to OneDrive SyncEngine failed: Invalid username or password.', service: 'onedrive', succeeded: false },
    ],
    [
      'an app Microsoft does not name',
      { ...base, appDisplayName: undefined, status: undefined },
      { summary: 'Sign-in to an app', service: 'entra' },
    ],
  ])('%s', (_, raw, expected) => {
    expect(worded(mapSignIn('t', raw))).toMatchObject({
      kind: 'signIn',
      id: 's1',
      occurredAt: Date.parse(base.createdDateTime),
      ...expected,
    });
  });
});

describe('graphTime', () => {
  it('drops the milliseconds Graph filters do not take', () => {
    expect(graphTime(Date.parse('2025-06-01T10:00:00.789Z'))).toBe('2025-06-01T10:00:00Z');
  });
});
