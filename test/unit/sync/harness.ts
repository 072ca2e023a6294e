// The local Microsoft 365 tenant, seen from the sync's tests: one tenant per test file (started on a free port),
// Node's fetch made to trust its certificate, a token for its Global Administrator, the real Graph client of
// lib/graph, and an independent read of what the tenant holds to compare the mirror with.

import Dexie from 'dexie';
import type { Client } from '@microsoft/microsoft-graph-client';
import { afterAll, afterEach, beforeAll, beforeEach, expect, vi } from 'vitest';
import { AppDB } from '../../../lib/db/app-db';
import type { DirectoryGroup, DirectoryUser, TenantRecord } from '../../../lib/db/types';
import { createGraphClient } from '../../../lib/graph/client';
import type { SyncDeps } from '../../../lib/sync';
import { startTenant, type Tenant, type TenantOrgOptions } from '../../emulator/index.ts';
import { acquireTokens, Browser, graph } from '../../emulator/test-support.ts';
import { directoryObject, memberRange, membershipOf, objectRange } from '../../../lib/db/keys';
import { searchMailOf } from '../../../lib/sync/map';

/**
 * Make Node's fetch trust the tenant's self-signed certificate without turning certificate checks off. `undici`
 * (Node's fetch) is bundled but not importable here; its global dispatcher lives under a registered symbol, so the
 * first (failing) fetch creates it and a new Agent of the same class, with the tenant's CA, replaces it.
 */
export async function trustTenantCertificate(tenant: Tenant): Promise<void> {
  const key = Symbol.for('undici.globalDispatcher.1');
  const slots = globalThis as unknown as Record<symbol, unknown>;
  await fetch(tenant.url).catch(() => undefined);
  const current = slots[key] as { constructor: new (options: unknown) => unknown } | undefined;
  if (!current) throw new Error("Node's fetch has no global dispatcher to replace");
  slots[key] = new current.constructor({ connect: { ca: tenant.ca } });
}

export interface TestTenant {
  tenant: Tenant;
  org: Tenant['orgs'][number];
  record: TenantRecord;
  /** How many times the Graph client asked for a token. */
  tokenRequests: number;
  /** After `control.reset()` issued tokens answer 401: forget the cached one. */
  forgetToken(): void;
  graph: Client;
  /** Raw HTTPS to the tenant with the admin's token, for independent reads. */
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; json<T>(): T; text: string }>;
  close(): Promise<void>;
}

/** `scopes`: the Graph permissions the admin's token is asked for (the local tenant's defaults when left out). */
export async function startTestTenant(org: TenantOrgOptions, scopes?: string[]): Promise<TestTenant> {
  const tenant = await startTenant({ port: 0, orgs: [org] });
  await trustTenantCertificate(tenant);
  const info = tenant.orgs[0]!;
  let token: Promise<string> | undefined;
  const browser = new Browser(tenant);
  const accessToken = () =>
    (token ??= acquireTokens(tenant, {
      authority: info.tenantId,
      username: info.admin.userPrincipalName,
      password: info.admin.password,
      ...(scopes && { scopes }),
    }).then(({ tokens }) => tokens.access_token));
  const test: TestTenant = {
    tenant,
    org: info,
    record: {
      tenantId: info.tenantId,
      displayName: info.displayName,
      domain: info.domain,
      cloud: 'local',
      clientId: tenant.clientId,
      syncScope: { mode: 'all' },
      createdAt: 0,
    },
    tokenRequests: 0,
    forgetToken: () => {
      token = undefined;
    },
    graph: createGraphClient({
      graphHost: tenant.graphBaseUrl,
      getAccessToken: () => {
        test.tokenRequests++;
        return accessToken();
      },
    }),
    get: async (path, headers = {}) => graph(browser, path, await accessToken(), headers),
    close: () => tenant.close(),
  };
  return test;
}

let dbCounter = 0;

/** A fresh AppDB (fake-indexeddb) per test. */
export function freshDb(): AppDB {
  return new AppDB(`sync-test-${process.pid}-${++dbCounter}-${Date.now()}`);
}

export async function dropDb(db: AppDB): Promise<void> {
  db.close();
  await Dexie.delete(db.name);
}

/**
 * The sync integration files' fixture: one tenant per file (started before its tests), and before each test the
 * tenant back at its start state (directory, faults, request log, tokens), no cached token and a fresh mirror
 * database, handed to `use`; after each test, mocks are restored and the database dropped.
 */
export function useSyncTenant(org: TenantOrgOptions, use: (tenant: TestTenant, db: AppDB) => void, scopes?: string[]): void {
  let tenant: TestTenant | undefined;
  let db: AppDB | undefined;
  beforeAll(async () => {
    tenant = await startTestTenant(org, scopes);
  }, 30_000);
  afterAll(() => tenant?.close());
  beforeEach(() => {
    if (!tenant) throw new Error('The local tenant did not start');
    tenant.tenant.control.reset();
    tenant.forgetToken();
    db = freshDb();
    use(tenant, db);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    if (db) await dropDb(db);
  });
}

/** Deps with a real clock and a sleep that only records (faults are counted, not timed, in the local tenant). */
export function depsFor(t: TestTenant, db: AppDB, overrides: Partial<SyncDeps> = {}): SyncDeps & { waits: number[] } {
  const waits: number[] = [];
  return {
    db,
    graph: t.graph,
    graphHost: t.tenant.graphBaseUrl,
    now: () => Date.now(),
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    ownerId: 'test-worker',
    random: () => 0.5,
    ...overrides,
    waits,
  };
}

export interface DirectoryView {
  users: Map<string, { displayName: string; userPrincipalName: string; mail: string | null; accountEnabled: boolean }>;
  groups: Map<string, { displayName: string; mail: string | null }>;
  memberships: Set<string>;
}

async function readAll(t: TestTenant, path: string): Promise<Array<Record<string, unknown> & { id: string }>> {
  const out: Array<Record<string, unknown> & { id: string }> = [];
  let link: string | undefined = path;
  while (link) {
    const res = await t.get(link);
    expect(res.status, res.text).toBe(200);
    const page = res.json<{ value: Array<Record<string, unknown> & { id: string }>; '@odata.nextLink'?: string }>();
    out.push(...page.value);
    link = page['@odata.nextLink'];
  }
  return out;
}

/** What the tenant holds, read over plain HTTPS with /users, /groups and each group's members (not delta). */
export async function readTenant(t: TestTenant): Promise<DirectoryView> {
  const users = await readAll(t, '/users?$select=id,displayName,userPrincipalName,mail,accountEnabled&$top=999');
  const groups = await readAll(t, '/groups?$select=id,displayName,mail&$top=999');
  const memberships = new Set<string>();
  for (const group of groups) {
    for (const member of await readAll(t, `/groups/${group.id}/members?$select=id&$top=999`)) memberships.add(`${group.id} ${member.id}`);
  }
  return {
    users: new Map(
      users.map((u) => [
        u.id,
        {
          displayName: u.displayName as string,
          userPrincipalName: u.userPrincipalName as string,
          mail: (u.mail as string | null) ?? null,
          accountEnabled: u.accountEnabled as boolean,
        },
      ]),
    ),
    groups: new Map(groups.map((g) => [g.id, { displayName: g.displayName as string, mail: (g.mail as string | null) ?? null }])),
    memberships,
  };
}

/** What the mirror holds for the tenant, in the same shape; checks the search keys on the way. */
export async function readMirror(db: AppDB, tenantId: string): Promise<DirectoryView> {
  const users = (
    await db.users
      .where(':id')
      .between(...objectRange(tenantId))
      .toArray()
  ).map((row) => directoryObject<DirectoryUser>(row));
  const groups = (
    await db.groups
      .where(':id')
      .between(...objectRange(tenantId))
      .toArray()
  ).map((row) => directoryObject<DirectoryGroup>(row));
  const memberships = (
    await db.memberOf
      .where(':id')
      .between(...memberRange(tenantId))
      .toArray()
  ).map(membershipOf);
  for (const user of users) {
    expect(user.searchName).toBe(user.displayName.toLowerCase());
    expect(user.searchUpn).toBe(user.userPrincipalName.toLowerCase());
    expect(user.searchMail).toBe(searchMailOf(user.searchUpn, user.mail));
  }
  return {
    users: new Map(
      users.map((u) => [
        u.id,
        {
          displayName: u.displayName,
          userPrincipalName: u.userPrincipalName,
          mail: u.mail ?? null,
          accountEnabled: u.accountEnabled ?? false,
        },
      ]),
    ),
    groups: new Map(groups.map((g) => [g.id, { displayName: g.displayName, mail: g.mail ?? null }])),
    memberships: new Set(memberships.map((m) => `${m.groupId} ${m.userId}`)),
  };
}

/** The mirror equals the tenant, record by record (and nothing more: the maps compare their sizes too). */
export async function expectMirrorEqualsTenant(t: TestTenant, db: AppDB): Promise<DirectoryView> {
  const [mirror, truth] = await Promise.all([readMirror(db, t.org.tenantId), readTenant(t)]);
  expect(mirror.users.size).toBe(truth.users.size);
  expect(mirror.groups.size).toBe(truth.groups.size);
  expect(mirror.memberships.size).toBe(truth.memberships.size);
  expect(mirror.users).toEqual(truth.users);
  expect(mirror.groups).toEqual(truth.groups);
  expect(mirror.memberships).toEqual(truth.memberships);
  return truth;
}
