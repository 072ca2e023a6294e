import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getDb } from '../../../lib/db';
import { onNotificationClicked } from '../../../lib/worker/monitor-service';
import { connector, okCheck, run, tenant } from '../monitor/fixtures';

beforeEach(async () => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
  const db = getDb();
  await Promise.all([db.tenants.clear(), db.connectors.clear(), db.checks.clear(), db.syncRuns.clear(), db.grantRuns.clear()]);
  await db.tenants.put(tenant);
});

/**
 * Records whose derived status is `token_expired` (the newest check found the grant revoked) or `sync_failed` (the
 * newest sync run failed): nothing stores a status, the click derives it as the popup does.
 */
async function click(status: 'token_expired' | 'sync_failed', buttonIndex: number | undefined, id = 'monitor:t1:123') {
  const db = getDb();
  await db.connectors.put(connector('exchange'));
  if (status === 'token_expired') {
    await db.checks.add(
      okCheck({ at: Date.now(), token: { ok: false, code: 'grant_revoked', silentSignInTried: false }, graph: undefined }),
    );
  } else {
    await db.syncRuns.add(run('failed', { startedAt: Date.now() - 1000, finishedAt: Date.now() }));
  }
  const regrant = vi.fn(() => Promise.resolve('run'));
  const clear = vi.spyOn(fakeBrowser.notifications, 'clear').mockResolvedValue(true);
  const open = vi.spyOn(fakeBrowser.tabs, 'create');
  await onNotificationClicked(id, buttonIndex, regrant);
  return { regrant, clear, open };
}

describe('a click on a monitor notification', () => {
  it("its button starts the re-grant of that tenant when re-granting is the fix, then opens the console on that tenant's grant", async () => {
    const { regrant, clear, open } = await click('token_expired', 0);
    expect(regrant).toHaveBeenCalledWith('t1');
    expect(clear).toHaveBeenCalledWith('monitor:t1:123');
    expect(open).toHaveBeenCalledWith({ url: expect.stringMatching(/\/options\.html#\/tenants\/t1\/grant$/) as unknown });
  });

  it("its body only opens the console, on that tenant's page", async () => {
    const { regrant, open } = await click('token_expired', undefined);
    expect(regrant).not.toHaveBeenCalled();
    expect(open).toHaveBeenCalledWith({ url: expect.stringMatching(/\/options\.html#\/tenants\/t1$/) as unknown });
  });

  it("its button opens the tenant's page without a re-grant when re-granting is not the fix", async () => {
    const { regrant, open } = await click('sync_failed', 0);
    expect(regrant).not.toHaveBeenCalled();
    expect(open).toHaveBeenCalledWith({ url: expect.stringMatching(/\/options\.html#\/tenants\/t1$/) as unknown });
  });

  it("ignores other notifications' clicks", async () => {
    const { regrant, open } = await click('token_expired', 0, 'someone-else');
    expect(regrant).not.toHaveBeenCalled();
    expect(open).not.toHaveBeenCalled();
  });
});
