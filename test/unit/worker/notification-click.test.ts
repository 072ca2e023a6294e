import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getDb } from '../../../lib/db';
import { onNotificationClicked } from '../../../lib/worker/monitor-service';
import { connector, tenant } from '../monitor/fixtures';

beforeEach(async () => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
  await getDb().tenants.clear();
  await getDb().connectors.clear();
  await getDb().tenants.put(tenant);
});

async function click(status: 'token_expired' | 'sync_failed', buttonIndex: number | undefined, id = 'monitor:t1:123') {
  await getDb().connectors.put(connector('exchange', { status }));
  const regrant = vi.fn(() => Promise.resolve('run'));
  const clear = vi.spyOn(fakeBrowser.notifications, 'clear').mockResolvedValue(true);
  const open = vi.spyOn(fakeBrowser.tabs, 'create');
  await onNotificationClicked(id, buttonIndex, regrant);
  return { regrant, clear, open };
}

describe('a click on a monitor notification', () => {
  it('its button starts the re-grant of that tenant when re-granting is the fix, then opens the console', async () => {
    const { regrant, clear, open } = await click('token_expired', 0);
    expect(regrant).toHaveBeenCalledWith('t1');
    expect(clear).toHaveBeenCalledWith('monitor:t1:123');
    expect(open).toHaveBeenCalledWith({ url: expect.stringMatching(/\/options\.html$/) as unknown });
  });

  it('its body only opens the console', async () => {
    const { regrant, open } = await click('token_expired', undefined);
    expect(regrant).not.toHaveBeenCalled();
    expect(open).toHaveBeenCalled();
  });

  it('its button opens the console without a re-grant when re-granting is not the fix', async () => {
    const { regrant, open } = await click('sync_failed', 0);
    expect(regrant).not.toHaveBeenCalled();
    expect(open).toHaveBeenCalled();
  });

  it("ignores other notifications' clicks", async () => {
    const { regrant, open } = await click('token_expired', 0, 'someone-else');
    expect(regrant).not.toHaveBeenCalled();
    expect(open).not.toHaveBeenCalled();
  });
});
