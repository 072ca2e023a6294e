import { describe, expect, it } from 'vitest';
import { checkRequests, readCheckAnswers } from '../../../lib/monitor/graph-check';
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
  it('asks for the role, the health and one probe per connected service', () => {
    expect(checkRequests(['exchange', 'onedrive'], 'oid')).toEqual([
      { id: 'role', url: '/me/memberOf/microsoft.graph.directoryRole?$select=roleTemplateId' },
      { id: 'health', url: '/admin/serviceAnnouncement/healthOverviews?$select=service,status' },
      { id: 'exchange', url: '/users/oid/mailFolders/inbox?$select=id' },
      { id: 'onedrive', url: '/users/oid/drive?$select=id' },
    ]);
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

  it("keeps Microsoft's health of the connected services only", () => {
    const check = readCheckAnswers([admin, health, { id: 'exchange', status: 200 }], ['exchange'], 5);
    expect(check.health).toEqual({
      exchange: {
        state: 'degraded',
        status: 'serviceDegradation',
        words: 'Degraded — some features are slow or unavailable',
        checkedAt: 5,
      },
    });
  });
});
