/* eslint-disable @typescript-eslint/no-unsafe-assignment -- vitest's asymmetric matchers (expect.stringMatching) are typed any. */
// The local tenant's permission contract: graph-permissions.json is what Microsoft's tables say, every Graph route
// answers as its operation's published permissions allow, every Graph path the product calls is known, and Entra
// refuses at sign-in what Graph does not publish as delegated.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContract, parsePermissionTable } from './contract/generate-permissions.ts';
import {
  APPLICATION_ONLY_PERMISSIONS,
  CONTRACT_OPERATIONS,
  contractOperation,
  DELEGATED_PERMISSIONS,
  pathFits,
} from './contract/permissions.ts';
import { GRAPH_SCOPES } from './entra/scopes.ts';
import { findRoute, ROUTES } from './graph/router.ts';
import { startTenant, type Tenant } from './index.ts';
import { acquireTokens, Browser, graph, refresh, signIn } from './test-support.ts';

const CONTRACT_DIR = new URL('contract/', import.meta.url);
const SAMPLE_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
/** Served by graph/batch.ts, which runs every inner request through the routes. */
const BATCH = 'json-batching';

describe('graph-permissions.json', () => {
  it('is exactly what the generator makes from the stored sources (no hand edits)', () => {
    const regenerated = buildContract((table) => readFileSync(new URL(`permission-sources/${table}.md`, CONTRACT_DIR), 'utf8'));
    const committed: unknown = JSON.parse(readFileSync(new URL('graph-permissions.json', CONTRACT_DIR), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(regenerated)));
  });

  it.each([
    [
      'three columns',
      '|Permission type|Least privileged permissions|Higher privileged permissions|\n|:---|:---|:---|\n|Delegated (work or school account)|Mail.ReadBasic|Mail.Read, Mail.ReadWrite|\n|Application|Mail.ReadBasic.All|Mail.Read|',
      {
        delegated: { least: [['Mail.ReadBasic']], higher: [['Mail.Read'], ['Mail.ReadWrite']] },
        application: { least: [['Mail.ReadBasic.All']], higher: [['Mail.Read']] },
      },
    ],
    [
      'permissions needed together, none available',
      '|Permission type|Least privileged permissions|Higher privileged permissions|\n|:---|:---|:---|\n|Delegated (work or school account)|AuditLog.Read.All and Directory.Read.All|Not available.|\n|Application|Not supported.|Not supported.|',
      { delegated: { least: [['AuditLog.Read.All', 'Directory.Read.All']], higher: [] }, application: { least: [], higher: [] } },
    ],
    [
      'the older single column, least first',
      '| Permission type | Permissions (from least to most privileged) |\n| :--- | :--- |\n| Delegated (work or school account) | Sites.Read.All, Sites.ReadWrite.All |\n| Application | Not supported |',
      { delegated: { least: [['Sites.Read.All']], higher: [['Sites.ReadWrite.All']] }, application: { least: [], higher: [] } },
    ],
    [
      'a row per Microsoft 365 service (the Purview audit search pages), each its own least',
      '|Microsoft 365 Service|Delegated (work or school account)|Delegated (personal Microsoft account)|Application\n|:---|:---|:---|:---|\n|Microsoft OneDrive|AuditLogsQuery-OneDrive.Read.All|Not supported|AuditLogsQuery-OneDrive.Read.All|\n|Microsoft Exchange|AuditLogsQuery-Exchange.Read.All|Not supported|AuditLogsQuery-Exchange.Read.All|',
      {
        delegated: { least: [['AuditLogsQuery-OneDrive.Read.All'], ['AuditLogsQuery-Exchange.Read.All']], higher: [] },
        application: { least: [['AuditLogsQuery-OneDrive.Read.All'], ['AuditLogsQuery-Exchange.Read.All']], higher: [] },
      },
    ],
  ])('reads a table with %s', (_, markdown, expected) => {
    expect(parsePermissionTable(markdown)).toEqual(expected);
  });

  it('knows Mail.ReadBasic.All as application-only, and the delegated permissions the product asks for', () => {
    expect(APPLICATION_ONLY_PERMISSIONS).toContain('Mail.ReadBasic.All');
    expect(DELEGATED_PERMISSIONS).not.toContain('Mail.ReadBasic.All');
    for (const name of [
      'User.Read',
      'Mail.ReadBasic',
      'Files.Read',
      'Files.Read.All',
      'Sites.Read.All',
      'User.Read.All',
      'GroupMember.Read.All',
    ]) {
      expect(DELEGATED_PERMISSIONS).toContain(name);
    }
    // Entra grants exactly the published delegated names, not a hand-kept list.
    expect([...GRAPH_SCOPES]).toEqual([...DELEGATED_PERMISSIONS]);
  });

  it('names every operation once, each with a table (or a page saying why none) and a source commit', () => {
    const ids = CONTRACT_OPERATIONS.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const op of CONTRACT_OPERATIONS) {
      if (op.id === BATCH) continue;
      expect(op.source?.commit, op.id).toMatch(/^[0-9a-f]{40}$|^[\w.-]+$/);
      expect(op.delegatedLeast.length + op.applicationLeast.length, op.id).toBeGreaterThan(0);
    }
  });
});

describe('Graph routes and the contract', () => {
  const instantiate = (template: string) => template.replace(/\{[^}]*\}/g, SAMPLE_ID);

  it.each(ROUTES.map((r) => [r.operation.id, r.pattern.source, r] as const))(
    'route of %s (%s) answers a path of its operation',
    (_, __, r) => {
      expect(r.operation.paths.some((template) => findRoute(instantiate(template), r.operation.method)?.route === r)).toBe(true);
    },
  );

  it('answers every path of a routed operation with a route of that operation', () => {
    const routed = new Set(ROUTES.map((r) => r.operation.id));
    const wrong = CONTRACT_OPERATIONS.filter((op) => routed.has(op.id)).flatMap((op) =>
      op.paths.filter((template) => findRoute(instantiate(template), op.method)?.route.operation.id !== op.id).map((t) => `${op.id} ${t}`),
    );
    expect(wrong).toEqual([]);
  });

  it('cannot declare a route for an operation the contract does not know', () => {
    expect(() => contractOperation('mail-readbasic-all-delegated')).toThrow(/not in test\/emulator\/contract\/graph-permissions\.json/);
  });
});

/** Every string or template literal in lib/ that reads as a Graph path: `${...}` becomes `{}`, the query is cut off. */
function graphPathsInProduct(): Array<{ file: string; path: string }> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.tsx?$/.test(name)) files.push(full);
    }
  };
  walk('lib');
  const found: Array<{ file: string; path: string }> = [];
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/`(\/[^`]*)`|'(\/[^'\n]*)'|"(\/[^"\n]*)"/g)) {
      // `${query({ ... })}` (lib/graph/transport.ts) is the query string: cut there, before its braces confuse `{}`.
      const literal = (m[1] ?? m[2] ?? m[3] ?? '').replace(/\$\{query\(.*?\)\}/gs, '?').replace(/\$\{[^}]*\}/g, '{}');
      const path = literal.split('?')[0] ?? '';
      // Extension pages and icons (/options.html, /icon/128.png) are not Graph.
      if (!/^\/[$A-Za-z{][\w$.{}()'=/-]*$/.test(path) || /\.(html|png|svg|json|js|css)$/.test(path)) continue;
      found.push({ file, path });
    }
  }
  return found;
}

describe('the product calls only what the contract and the local Graph know', () => {
  const calls = graphPathsInProduct();

  it('finds the product’s Graph calls in lib/ (the scan is not blind)', () => {
    const paths = calls.map((c) => c.path);
    for (const expected of ['/me', '/$batch', '/organization', '/me/mailFolders/inbox', '/auditLogs/directoryAudits', '/{}/delta']) {
      expect(paths).toContain(expected);
    }
  });

  it('has every Graph path of lib/ in graph-permissions.json, with a route that answers it', () => {
    const routed = new Set([...ROUTES.map((r) => r.operation.id), BATCH]);
    const unknown = calls.filter(
      ({ path }) => !CONTRACT_OPERATIONS.some((op) => routed.has(op.id) && op.paths.some((template) => pathFits(template, path))),
    );
    expect(unknown.map((c) => `${c.file}: ${c.path}`)).toEqual([]);
  });
});

describe('the local tenant enforces the contract', () => {
  let tenant: Tenant;
  let org: Tenant['orgs'][number];
  const redirectUri = 'https://iaoafjmjbhidbadlbfodfadofaghkmon.chromiumapp.org/';

  beforeAll(async () => {
    tenant = await startTenant({ orgs: [{ users: 12 }] });
    org = tenant.orgs[0]!;
  });
  afterAll(() => tenant.close());

  const admin = () => ({ authority: org.tenantId, username: org.admin.userPrincipalName, password: org.admin.password });

  it.each(['Mail.ReadBasic.All', 'https://graph.microsoft.com/Mail.ReadBasic.All', 'Files.ReadEverything'])(
    'refuses %s (not a delegated permission) at the authorize endpoint, at the redirect URI, before any page',
    async (scope) => {
      const query = new URLSearchParams({
        client_id: tenant.clientId,
        response_type: 'code',
        redirect_uri: redirectUri,
        scope: `openid profile offline_access User.Read ${scope}`,
        code_challenge: 'a'.repeat(43),
        code_challenge_method: 'S256',
        response_mode: 'fragment',
        state: 'st',
      });
      const res = await new Browser(tenant).get(`/${org.tenantId}/oauth2/v2.0/authorize?${query.toString()}`);
      expect(res.status).toBe(302);
      const location = new URL(String(res.headers.location));
      expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
      const fragment = new URLSearchParams(location.hash.slice(1));
      expect(fragment.get('error')).toBe('invalid_client');
      expect(fragment.get('state')).toBe('st');
      const short = scope.replace('https://graph.microsoft.com/', '');
      expect(fragment.get('error_description')).toMatch(
        new RegExp(
          `^AADSTS650053: The application 'M365 Connector Admin Helper' asked for scope '${short.replace(/\./g, '\\.')}' that doesn't exist on the resource '00000003-0000-0000-c000-000000000000'\\. Contact the app vendor\\.\\r\\nTrace ID: [0-9a-f-]{36}\\r\\nCorrelation ID: [0-9a-f-]{36}\\r\\nTimestamp: `,
        ),
      );
    },
  );

  it('grants the delegated Mail.ReadBasic and Files.Read, and refuses Mail.ReadBasic.All at the token endpoint', async () => {
    const { browser, tokens } = await acquireTokens(tenant, { ...admin(), scopes: ['User.Read', 'Mail.ReadBasic', 'Files.Read'] });
    expect(tokens.scope.split(' ')).toEqual(expect.arrayContaining(['Mail.ReadBasic', 'Files.Read']));
    const res = await refresh(browser, tenant, org.tenantId, tokens.refresh_token, ['User.Read', 'Mail.ReadBasic.All']);
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid_client', error_codes: [650053] });
    expect(String(res.json<{ error_description: string }>().error_description)).toContain("asked for scope 'Mail.ReadBasic.All'");
  });

  it('signs in with every delegated permission of the contract', async () => {
    const result = await signIn(new Browser(tenant), tenant, { ...admin(), scopes: [...DELEGATED_PERMISSIONS] });
    expect(result.params.get('code')).toBeTruthy();
  });

  describe('Graph answers 403 with its own body when the token lacks the permission', () => {
    let browser: Browser;
    let userRead: string;
    let auditOnly: string;

    beforeAll(async () => {
      const narrow = await acquireTokens(tenant, { ...admin(), scopes: ['User.Read'] });
      browser = narrow.browser;
      userRead = narrow.tokens.access_token;
      auditOnly = (await acquireTokens(tenant, { ...admin(), browser, scopes: ['User.Read', 'AuditLog.Read.All'] })).tokens.access_token;
    });

    const expectDenied = async (path: string, token: string, code: string, message: string) => {
      const res = await graph(browser, path, token, { 'client-request-id': 'f0e1d2c3-0000-4000-8000-000000000001' });
      expect(res.status).toBe(403);
      const body = res.json<{ error: { code: string; message: string; innerError: Record<string, string> } }>();
      expect(body.error.code).toBe(code);
      expect(body.error.message).toBe(message);
      expect(body.error.innerError).toEqual({
        date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
        'request-id': expect.stringMatching(/^[0-9a-f-]{36}$/),
        'client-request-id': 'f0e1d2c3-0000-4000-8000-000000000001',
      });
    };

    it('directory: /users with User.Read only', async () => {
      await expectDenied('/users', userRead, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    });

    it('directory: another user with User.Read only (User.Read reaches the signed-in user only), oneself is fine', async () => {
      await expectDenied(
        `/users/${org.user.id}`,
        userRead,
        'Authorization_RequestDenied',
        'Insufficient privileges to complete the operation.',
      );
      expect((await graph(browser, `/users/${org.admin.id}`, userRead)).status).toBe(200);
      expect((await graph(browser, '/me', userRead)).status).toBe(200);
    });

    it('Outlook: the inbox without Mail.ReadBasic', async () => {
      await expectDenied(
        `/users/${org.admin.id}/mailFolders/inbox`,
        userRead,
        'ErrorAccessDenied',
        'Access is denied. Check credentials and try again.',
      );
    });

    it('directory audits need AuditLog.Read.All and Directory.Read.All together (the table says "and")', async () => {
      await expectDenied(
        '/auditLogs/directoryAudits',
        auditOnly,
        'Authorization_RequestDenied',
        'Insufficient privileges to complete the operation.',
      );
    });
  });
});
