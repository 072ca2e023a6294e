// setLatency: Graph's time per page, for the bench (test/bench/paging.ts).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTenant, type Tenant } from './index.ts';
import { acquireTokens, adminToken, Browser, graph, type HttpResponse } from './test-support.ts';

let tenant: Tenant;
let browser: Browser;
let token: string;

beforeAll(async () => {
  tenant = await startTenant({ orgs: [{ users: 10 }] });
  ({ browser, token } = await adminToken(tenant, ['Directory.Read.All']));
});
afterAll(() => tenant.close());
beforeEach(() => {
  tenant.control.setLatency({ path: '/delta', ms: 0 });
  tenant.control.clearFaults();
});

async function timed(request: Promise<HttpResponse>): Promise<{ res: HttpResponse; ms: number }> {
  const started = performance.now();
  const res = await request;
  return { res, ms: performance.now() - started };
}

describe('setLatency', () => {
  it('delays every matching request by the set time, and no other request', async () => {
    tenant.control.setLatency({ path: '/delta', ms: 1500 });
    for (const path of ['/users/delta', '/groups/delta', '/users/delta']) {
      const { res, ms } = await timed(graph(browser, path, token));
      expect(res.status).toBe(200);
      expect(ms).toBeGreaterThanOrEqual(1490);
    }
    const me = await timed(graph(browser, '/me', token));
    expect(me.res.status).toBe(200);
    expect(me.ms).toBeLessThan(1500);
  });

  it('delays pages asked for in parallel each by the set time, not one after another', async () => {
    tenant.control.setLatency({ path: '/delta', ms: 1000 });
    const started = performance.now();
    const answers = await Promise.all(
      ['/users/delta', '/groups/delta', '/users/delta', '/groups/delta'].map((path) => timed(graph(browser, path, token))),
    );
    const total = performance.now() - started;
    for (const { res, ms } of answers) {
      expect(res.status).toBe(200);
      expect(ms).toBeGreaterThanOrEqual(990);
    }
    // Queued behind each other they would take 4 s.
    expect(total).toBeLessThan(2500);
  });

  it('ms 0 removes it; faults still apply after the wait', async () => {
    tenant.control.setLatency({ path: '/users/delta', ms: 800 });
    tenant.control.injectFault({ path: '/users/delta', kind: '503' });
    const faulted = await timed(graph(browser, '/users/delta', token));
    expect(faulted.res.status).toBe(503);
    expect(faulted.ms).toBeGreaterThanOrEqual(790);
    tenant.control.setLatency({ path: '/users/delta', ms: 0 });
    const fast = await timed(graph(browser, '/users/delta', token));
    expect(fast.res.status).toBe(200);
    expect(fast.ms).toBeLessThan(800);
  });

  it('is set over the HTTP control API too, and refuses a latency without a path or a number', async () => {
    const res = await new Browser(tenant).request('POST', '/_control/setLatency', { json: [{ path: '/delta', ms: 700 }] });
    expect(res.status).toBe(200);
    expect((await timed(graph(browser, '/users/delta', token))).ms).toBeGreaterThanOrEqual(690);
    const bad = await new Browser(tenant).request('POST', '/_control/setLatency', { json: [{ path: '/delta', ms: 'slow' }] });
    expect(bad.status).toBe(400);
    expect(() => tenant.control.setLatency({ path: '', ms: 10 })).toThrow(/path/);
  });

  it('reset() removes it', async () => {
    tenant.control.setLatency({ path: '/delta', ms: 1500 });
    tenant.control.reset();
    const fresh = await acquireTokens(tenant, {
      authority: tenant.orgs[0]!.tenantId,
      username: tenant.orgs[0]!.admin.userPrincipalName,
      password: tenant.orgs[0]!.admin.password,
      scopes: ['Directory.Read.All'],
    });
    ({
      browser,
      tokens: { access_token: token },
    } = fresh);
    const { res, ms } = await timed(graph(browser, '/users/delta', token));
    expect(res.status).toBe(200);
    expect(ms).toBeLessThan(1500);
  });
});
