import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getDb } from '../../../lib/db';
import type { TenantRecord } from '../../../lib/db/types';
import type { MsalHost } from '../../../lib/msal-host/msal-host';
import { registerMsalHostHandlers } from '../../../lib/msal-host/handlers';
import { registerWorkerHandlers } from '../../../lib/worker/handlers';

// Every door of the worker and of the msal host, with their real handlers and the real database: a malformed
// message gets its clear code, and nothing is read, written or sent for it.

const TENANT_ID = '6f1c2a3b-0d4e-4f5a-8b6c-7d8e9f0a1b2c';
const CLIENT_ID = '0b8f3c2e-5d71-4a9e-9f2a-1c3d5e7f9a0b';
const HOME = `aa11bb22-cc33-4d44-8e55-ff6677889900.${TENANT_ID}`;
const target = { clientId: CLIENT_ID, authorityHost: 'https://login.microsoftonline.com', tenant: TENANT_ID };

const tenant: TenantRecord = {
  tenantId: TENANT_ID,
  displayName: 'Contoso',
  domain: 'contoso.onmicrosoft.com',
  cloud: 'worldwide',
  clientId: CLIENT_ID,
  syncScope: { mode: 'all' },
  createdAt: 1,
};

const host = {
  buildAuthUrl: vi.fn(),
  completeAuth: vi.fn(),
  abandonAuth: vi.fn(),
  signOut: vi.fn(),
  renewToken: vi.fn(),
  acquireToken: vi.fn(),
};
const fetchSpy = vi.fn(() => Promise.reject(new Error('no network in this test')));

beforeAll(async () => {
  vi.stubGlobal('fetch', fetchSpy);
  await getDb().tenants.put(tenant);
  await getDb().alerts.put({
    id: `${TENANT_ID}:exchange:token_expired:1`,
    tenantId: TENANT_ID,
    connectorId: `${TENANT_ID}:exchange`,
    state: 'token_expired',
    reasonCode: 'grant_revoked',
    firstSeenAt: 1,
    lastSeenAt: 1,
  });
  registerWorkerHandlers();
  registerMsalHostHandlers(host as unknown as MsalHost);
});
afterAll(() => {
  vi.unstubAllGlobals();
  fakeBrowser.reset();
});

/** Deliver one message from the console, as the browser would, and return its answer. */
function deliver(type: string, data: unknown): Promise<{ res?: { ok: boolean; error?: { code: string } } }> {
  const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown>;
  const sender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') };
  return new Promise((resolve) => void trigger({ id: 1, type, data, timestamp: Date.now() }, sender, resolve));
}

/** Everything the extension keeps: every table of the database and chrome.storage. */
async function state(): Promise<unknown> {
  const db = getDb();
  const tables = await Promise.all(db.tables.map(async (table) => [table.name, await table.toArray()] as const));
  return { tables: Object.fromEntries(tables), local: await fakeBrowser.storage.local.get() };
}

const MALFORMED: Array<[type: string, data: unknown, code: string]> = [
  ['worker:saveTenant', { tenant: 'contoso.com/../common', clientId: CLIENT_ID, cloud: 'worldwide' }, 'input_tenant_invalid'],
  ['worker:saveTenant', { tenant: 'contoso.com', clientId: 'x', cloud: 'worldwide' }, 'input_client_id_invalid'],
  ['worker:saveTenant', { tenant: 'contoso.com', clientId: CLIENT_ID, cloud: 'mars' }, 'input_cloud_unknown'],
  ['worker:signIn', { tenant: 'contoso.com', clientId: CLIENT_ID, cloud: 'worldwide', scopes: ['Mail.Send'] }, 'input_scope_invalid'],
  [
    'worker:getProfile',
    { target: { clientId: CLIENT_ID, tenant: 'a b' }, homeAccountId: HOME, cloud: 'worldwide' },
    'input_tenant_invalid',
  ],
  [
    'worker:checkRegistration',
    { tenant: TENANT_ID, clientId: CLIENT_ID, cloud: 'worldwide', homeAccountId: HOME, userId: TENANT_ID, services: ['teams'] },
    'input_service_unknown',
  ],
  [
    'worker:startGrant',
    { tenantId: TENANT_ID, services: ['teams'], syncScope: { mode: 'all' }, policyId: 'monitor-only' },
    'input_service_unknown',
  ],
  [
    'worker:startGrant',
    {
      tenantId: TENANT_ID,
      services: ['exchange'],
      syncScope: { mode: 'selected', userIds: ['*'], groupIds: [] },
      policyId: 'monitor-only',
    },
    'input_scope_invalid',
  ],
  [
    'worker:startGrant',
    { tenantId: 'contoso', services: ['exchange'], syncScope: { mode: 'all' }, policyId: 'monitor-only' },
    'input_tenant_invalid',
  ],
  ['worker:resumeGrant', { runId: 7 }, 'input_malformed'],
  ['worker:continueGrant', { runId: TENANT_ID, userIds: 'all', groupIds: [] }, 'input_scope_invalid'],
  ['worker:cancelGrant', {}, 'input_malformed'],
  ['worker:searchDirectory', { runId: TENANT_ID, query: { $ne: '' } }, 'input_malformed'],
  ['worker:syncNow', { tenantId: '' }, 'input_tenant_invalid'],
  ['worker:checkNow', { force: true }, 'input_malformed'],
  ['worker:msalCacheKey', { key: 'x' }, 'input_malformed'],
  ['worker:setNotificationsMuted', { tenantId: TENANT_ID, muted: 'true' }, 'input_malformed'],
  ['worker:acknowledgeAlert', { alertId: ['x'] }, 'input_malformed'],
  ['worker:disconnect', { tenantId: TENANT_ID, services: ['exchange'], keepData: 'no' }, 'input_malformed'],
  ['worker:disconnect', { tenantId: TENANT_ID, services: [], keepData: false }, 'input_service_unknown'],
  ['worker:removeTenant', { tenantId: '' }, 'input_tenant_invalid'],
  ['offscreen:buildAuthUrl', { target: { ...target, tenant: 'evil.example/x' }, scopes: ['User.Read'] }, 'input_tenant_invalid'],
  [
    'offscreen:completeAuth',
    { target: { ...target, authorityHost: 'https://evil.example' }, responseUrl: 'https://x/' },
    'input_cloud_unknown',
  ],
  ['offscreen:abandonAuth', null, 'input_malformed'],
  ['offscreen:signOut', { target, homeAccountId: '' }, 'input_malformed'],
  ['offscreen:renewToken', { target, homeAccountId: HOME, scopes: ['.default'] }, 'input_scope_invalid'],
  [
    'offscreen:acquireToken',
    { target: { ...target, clientId: 'nope' }, homeAccountId: HOME, scopes: ['User.Read'] },
    'input_client_id_invalid',
  ],
];

describe('a malformed message at each door', () => {
  it.each(MALFORMED)('%s %j is refused with %s, and nothing changes', async (type, data, code) => {
    const before = await state();
    const answer = await deliver(type, data);
    expect(answer.res).toMatchObject({ ok: false, error: { code } });
    expect(await state()).toEqual(before);
    for (const call of Object.values(host)) expect(call).not.toHaveBeenCalled();
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('every message type of the protocol is among them', async () => {
    const { messageChecks } = await import('../../../lib/messaging/validate');
    expect(new Set(MALFORMED.map(([type]) => type))).toEqual(new Set(Object.keys(messageChecks([]))));
  });

  it('while a well-formed one goes through and changes what it should', async () => {
    const answer = await deliver('worker:setNotificationsMuted', { tenantId: TENANT_ID, muted: true });
    expect(answer.res).toEqual({ ok: true, data: null });
    expect((await getDb().tenants.get(TENANT_ID))?.notificationsMuted).toBe(true);
  });
});
