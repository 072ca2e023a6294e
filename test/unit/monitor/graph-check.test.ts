import { describe, expect, it } from 'vitest';
import { checkRequests, readCheckAnswers, upnDomain } from '../../../lib/monitor/graph-check';
import { GLOBAL_ADMIN_TEMPLATE_ID } from '../../../lib/graph/tenant-checks';

const admin = { id: 'role', status: 200, body: { value: [{ roleTemplateId: GLOBAL_ADMIN_TEMPLATE_ID }] } };
const health = {
  id: 'health',
  status: 200,
  body: {
    value: [
      { service: 'Exchange Online', status: 'serviceDegradation' },
      { service: 'OneDrive', status: 'serviceOperational' },
    ],
  },
};

describe('the check’s one Graph request', () => {
  it('asks for the role (through groups too), its PIM eligibility, the health and one probe per connected service', () => {
    expect(checkRequests(['exchange', 'onedrive'])).toEqual([
      { id: 'role', url: '/me/transitiveMemberOf/microsoft.graph.directoryRole?$select=id,roleTemplateId' },
      {
        id: 'eligibility',
        url: "/roleManagement/directory/roleEligibilityScheduleInstances/filterByCurrentUser(on='principal')?$select=roleDefinitionId,directoryScopeId&$expand=roleDefinition($select=templateId)",
      },
      {
        id: 'activation',
        url: "/roleManagement/directory/roleAssignmentScheduleInstances/filterByCurrentUser(on='principal')?$select=roleDefinitionId,directoryScopeId,assignmentType,endDateTime",
      },
      { id: 'health', url: '/admin/serviceAnnouncement/healthOverviews?$select=service,status' },
      {
        id: 'incidents',
        url: '/admin/serviceAnnouncement/issues?$filter=isResolved%20eq%20false&$select=id,title,service,classification,status,lastModifiedDateTime',
      },
      { id: 'account', url: '/me?$select=lastPasswordChangeDateTime,passwordPolicies,onPremisesSyncEnabled,accountEnabled,assignedPlans' },
      { id: 'exchange', url: '/me/mailFolders/inbox?$select=id' },
      { id: 'onedrive', url: '/me/drive?$select=id' },
    ]);
  });

  it("asks for the policy of the service account's domain when its UPN is known", () => {
    expect(checkRequests(['exchange'], upnDomain('svc@Contoso.com'))).toContainEqual({
      id: 'domain',
      url: '/domains/contoso.com?$select=id,passwordValidityPeriodInDays,passwordNotificationWindowInDays',
    });
    expect(checkRequests(['exchange'], upnDomain(undefined)).map((request) => request.id)).not.toContain('domain');
  });

  const eligible = (status: number, roleDefinitionId = GLOBAL_ADMIN_TEMPLATE_ID) => ({
    id: 'eligibility',
    status,
    body: status === 200 ? { value: [{ roleDefinitionId, directoryScopeId: '/' }] } : { error: { code: 'AadPremiumLicenseRequired' } },
  });
  const gone = { ...admin, body: { value: [{ roleTemplateId: 'other' }] } };

  it.each([
    ['the activation lapsed, still eligible', [gone, eligible(200), health], { globalAdmin: false, globalAdminEligible: true }],
    ['eligible for another role only', [gone, eligible(200, 'other'), health], { globalAdmin: false, globalAdminEligible: false }],
    ['held, and eligible too', [admin, eligible(200), health], { globalAdmin: true, globalAdminEligible: true }],
  ] as const)('PIM: %s', (_, answers, expected) => {
    expect(readCheckAnswers(answers, [], 5)).toMatchObject(expected);
  });

  const activation = (status: number, value: unknown[] = []) => ({ id: 'activation', status, body: status === 200 ? { value } : {} });
  const instance = (patch: Record<string, unknown>) => ({ roleDefinitionId: GLOBAL_ADMIN_TEMPLATE_ID, directoryScopeId: '/', ...patch });

  it.each([
    [
      'an activation ending at a known time',
      activation(200, [instance({ assignmentType: 'Activated', endDateTime: '2026-12-05T06:00:00Z' })]),
      { globalAdminActiveUntil: Date.parse('2026-12-05T06:00:00Z') },
    ],
    [
      'two activations: the later end holds',
      activation(200, [
        instance({ assignmentType: 'Activated', endDateTime: '2026-12-05T06:00:00Z' }),
        instance({ assignmentType: 'Activated', endDateTime: '2026-12-05T08:00:00Z' }),
      ]),
      { globalAdminActiveUntil: Date.parse('2026-12-05T08:00:00Z') },
    ],
    [
      'a permanent assignment: no end',
      activation(200, [instance({ assignmentType: 'Assigned', endDateTime: null })]),
      { globalAdminActiveUntil: null },
    ],
    [
      'another role only: nothing said',
      activation(200, [instance({ roleDefinitionId: 'other', endDateTime: '2026-12-05T06:00:00Z' })]),
      {},
    ],
    [
      'a scoped assignment is not Global Administrator',
      activation(200, [instance({ directoryScopeId: '/administrativeUnits/1', endDateTime: '2026-12-05T06:00:00Z' })]),
      {},
    ],
    ['the permission not granted (403): unread, said so', activation(403), { globalAdminActivationUnread: true }],
    ['no Entra ID P2 (400): nothing to know', activation(400), {}],
  ] as const)('PIM activation: %s', (_, answer, expected) => {
    const check = readCheckAnswers([admin, answer, health], [], 5);
    expect(check).toMatchObject(expected);
    for (const key of ['globalAdminActiveUntil', 'globalAdminActivationUnread'])
      if (!(key in expected)) expect(check).not.toHaveProperty(key);
  });

  it.each([400, 403])('says nothing of the eligibility when its read answers %i', (status) => {
    const check = readCheckAnswers([gone, eligible(status), health], [], 5);
    expect(check.globalAdmin).toBe(false);
    expect('globalAdminEligible' in check).toBe(false);
  });

  it.each([
    ['all answer', [admin, health, { id: 'exchange', status: 200 }], { globalAdmin: true, probes: { exchange: 'ok' } }],
    [
      'the role is gone',
      [{ ...admin, body: { value: [{ roleTemplateId: 'other' }] } }, health, { id: 'exchange', status: 200 }],
      { globalAdmin: false },
    ],
    ['the role read is refused', [{ id: 'role', status: 403 }, health, { id: 'exchange', status: 200 }], { globalAdmin: false }],
    ["the service's permission is lost", [admin, health, { id: 'exchange', status: 403 }], { probes: { exchange: 'forbidden' } }],
    ['the mailbox is missing', [admin, health, { id: 'exchange', status: 404 }], { probes: { exchange: 'failed' } }],
    [
      'everything 401',
      [
        { id: 'role', status: 401 },
        { id: 'health', status: 401 },
        { id: 'exchange', status: 401 },
      ],
      { failure: 'graph_unauthorized' },
    ],
  ] as const)('%s', (_, answers, expected) => {
    expect(readCheckAnswers(answers, ['exchange'], 5)).toMatchObject(expected);
  });

  it('says nothing of the role when its read fails otherwise', () => {
    const check = readCheckAnswers([{ id: 'role', status: 503 }, health, { id: 'exchange', status: 200 }], ['exchange'], 5);
    expect('globalAdmin' in check).toBe(false);
  });

  it("keeps Microsoft's open incidents of the connected services, none when none is open", () => {
    const incident = { id: 'EX1', title: 'Mail delayed', service: 'Exchange Online', classification: 'incident', isResolved: false };
    const read = (value: unknown[]) =>
      readCheckAnswers([admin, health, { id: 'incidents', status: 200, body: { value } }], ['exchange'], 5);
    expect(read([incident]).incidents).toEqual({ exchange: [{ id: 'EX1', title: 'Mail delayed' }] });
    expect(read([]).incidents).toEqual({});
    // Not read (no ServiceHealth.Read.All, or the role lapsed): nothing is said either way.
    expect(readCheckAnswers([admin, health, { id: 'incidents', status: 403 }], ['exchange'], 5)).not.toHaveProperty('incidents');
  });

  it("keeps Microsoft's health of the connected services only", () => {
    const check = readCheckAnswers([admin, health, { id: 'exchange', status: 200 }], ['exchange'], 5);
    expect(check.health).toEqual({
      exchange: {
        state: 'degraded',
        status: 'serviceDegradation',
        checkedAt: 5,
      },
    });
  });
});

describe("the check keeps the service account's password facts as Graph gave them", () => {
  const user = (body: Record<string, unknown>, status = 200) => ({ id: 'account', status, body });
  const domain = (body: Record<string, unknown>, status = 200) => ({ id: 'domain', status, body });
  const cloudUser = {
    lastPasswordChangeDateTime: '2026-09-11T08:00:00Z',
    passwordPolicies: null,
    onPremisesSyncEnabled: null,
    accountEnabled: true,
  };

  it.each([
    [
      'a cloud account under a 90-day domain policy',
      [user(cloudUser), domain({ id: 'contoso.com', passwordValidityPeriodInDays: 90, passwordNotificationWindowInDays: 14 })],
      {
        lastPasswordChangeAt: Date.parse('2026-09-11T08:00:00Z'),
        passwordPolicies: null,
        onPremisesSyncEnabled: null,
        accountEnabled: true,
        domainPolicy: { validityDays: 90, notificationDays: 14 },
      },
    ],
    [
      'a synchronised account that never expires, the domain policy not set',
      [
        user({ ...cloudUser, passwordPolicies: 'DisablePasswordExpiration', onPremisesSyncEnabled: true }),
        domain({ id: 'contoso.com', passwordValidityPeriodInDays: null, passwordNotificationWindowInDays: null }),
      ],
      {
        passwordPolicies: 'DisablePasswordExpiration',
        onPremisesSyncEnabled: true,
        domainPolicy: { validityDays: null, notificationDays: null },
      },
    ],
    ['the domain read refused: no policy', [user(cloudUser), domain({}, 403)], { accountEnabled: true }],
    ['no last change', [user({ accountEnabled: false }), domain({ passwordValidityPeriodInDays: 90 })], { accountEnabled: false }],
  ] as const)('%s', (_, answers, expected) => {
    expect(readCheckAnswers([admin, ...answers], [], 5).account).toMatchObject(expected);
  });

  it('keeps no policy when the domain read is refused, and no date when Graph gave none', () => {
    expect(readCheckAnswers([admin, user(cloudUser), domain({}, 403)], [], 5).account).not.toHaveProperty('domainPolicy');
    expect(readCheckAnswers([admin, user({ accountEnabled: true })], [], 5).account).not.toHaveProperty('lastPasswordChangeAt');
  });

  it("keeps each plan's service and capabilityStatus, nothing else", () => {
    const assignedPlans = [
      { assignedDateTime: '2026-01-01T00:00:00Z', capabilityStatus: 'Warning', service: 'exchange', servicePlanId: 'efb87545' },
      { capabilityStatus: 'Enabled' },
    ];
    const account = readCheckAnswers([admin, user({ ...cloudUser, assignedPlans })], [], 5).account;
    expect(account?.plans).toEqual([{ service: 'exchange', capabilityStatus: 'Warning' }]);
  });

  it('keeps nothing when the account read failed', () => {
    expect(readCheckAnswers([admin, user({}, 503)], [], 5)).not.toHaveProperty('account');
  });
});

describe("the check keeps Graph's ids of what failed", () => {
  const ids = { requestId: 'request-1', clientRequestId: 'client-1' };

  it("a refused or failed probe's ids, never a working one's", () => {
    const check = readCheckAnswers(
      [admin, health, { id: 'exchange', status: 403, ids }, { id: 'onedrive', status: 200, ids: { requestId: 'x' } }],
      ['exchange', 'onedrive'],
      5,
    );
    expect(check.probeIds).toEqual({ exchange: ids });
  });

  it("a batch refused as a whole: the failure's ids", () => {
    const check = readCheckAnswers([{ id: 'role', status: 401, ids }], [], 5);
    expect(check).toMatchObject({ failure: 'graph_unauthorized', failureIds: ids });
  });
});
