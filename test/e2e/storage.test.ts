import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DirectoryUser, SyncRun } from '../../lib/db/types';
import { launchExtensionBrowser } from './harness/browser';
import { openExtensionPage, readTable } from './harness/extension';
import { syncedTenant } from './harness/fixtures';
import { useE2ESession } from './harness/session';

// Storage that is never silently lost, in Chromium. The extension's IndexedDB is exempt from the origin's quota and
// from eviction (unlimitedStorage), and a disk that fills mid-sync ends the run with one clear message, the mirror
// whole, and a "Sync now" that completes once there is space again. The full disk is real: the browser's profile
// lives on a small tmpfs that the test fills (so the file needs `mount`, i.e. root, as on the project's machines).
const session = useE2ESession({ orgs: [{ users: 60, premium: false }] }, {}, { fresh: 'test' });
const PAGE = 20;
const org = () => session.tenant.orgs[0]!;
const control = () => session.tenant.control;

/** Write ~1 KB random records in one transaction of a scratch database; how the transaction ended. */
function writeScratch(page: Page, records: number): Promise<string> {
  return page.evaluate(
    (records) =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open('scratch', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('x', { autoIncrement: true });
        open.onerror = () => resolve(`not opened: ${String(open.error?.name)}`);
        open.onsuccess = () => {
          const transaction = open.result.transaction('x', 'readwrite');
          for (let n = 0; n < records; n++) transaction.objectStore('x').put({ text: crypto.getRandomValues(new Uint8Array(1000)).join() });
          transaction.oncomplete = () => resolve('committed');
          transaction.onabort = () => resolve(String(transaction.error?.name));
        };
      }),
    records,
  );
}

/** A disk of its own for the browser's profile: a tmpfs that `fill` leaves without a free byte and `free` empties. */
function smallDisk(megabytes: number) {
  const dir = mkdtempSync(path.join(tmpdir(), 'm365-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(`This test needs to mount a tmpfs (run it as root): ${String(error)}`);
  }
  const filler = path.join(dir, 'filler');
  const freeBytes = () => statfsSync(dir).bavail * statfsSync(dir).bsize;
  return {
    profile: path.join(dir, 'profile'),
    freeBytes,
    fill: () => writeFileSync(filler, Buffer.alloc(freeBytes())),
    free: () => rmSync(filler, { force: true }),
    unmount: () => execFileSync('umount', ['-l', dir]),
  };
}

describe('Storage that is never silently lost', () => {
  it('is exempt from the quota: a quota lowered to 1 KB holds a web origin but not the extension', async () => {
    const { context, extensionId } = session.browser;
    const extension = await openExtensionPage(context, extensionId, 'options.html');
    const web = await context.newPage();
    await web.goto(`${session.tenant.url}/`);
    for (const page of [extension, web]) {
      const cdp = await context.newCDPSession(page);
      const origin = new URL(page.url()).origin;
      await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1024 });
      expect(await page.evaluate(async () => (await navigator.storage.estimate()).quota)).toBe(1024);
    }
    // Chromium's quota holds the web origin to its kilobyte; the extension's origin is not held to any quota.
    expect(await writeScratch(web, 300)).toBe('QuotaExceededError');
    expect(await writeScratch(extension, 300)).toBe('committed');
  });

  it('IndexedDB full mid-sync: one clear message, nothing lost or duplicated, and Sync now completes once there is space', async () => {
    const disk = smallDisk(400);
    try {
      await session.browser.close();
      session.browser = await launchExtensionBrowser({ userDataDir: disk.profile });
      control().capDeltaPages(PAGE);
      const { page } = await syncedTenant(session, { services: ['Exchange Online'] });
      // Unlimited: what the extension may still store is what the disk has free.
      const left = await page.evaluate(async () => {
        const { usage = 0, quota = 0 } = await navigator.storage.estimate();
        return quota - usage;
      });
      expect(Math.abs(left - disk.freeBytes())).toBeLessThan(0.05 * disk.freeBytes());

      const card: Locator = page.locator(`[aria-label="Directory sync of ${org().displayName}"]`);
      const users = async () => (await readTable<DirectoryUser>(page, 'users')).map((u) => u.id);
      const runs = async () => (await readTable<SyncRun>(page, 'syncRuns')).sort((a, b) => a.id! - b.id!);
      const mirroredBefore = await users();
      // 200 new people: the next sync writes ten pages of them, slowly enough to fill the disk in the middle.
      for (let n = 0; n < 200; n++) control().addUser({ displayName: `Disk Full ${n}`, mailNickname: `diskfull${n}` });
      control().injectFault({ path: '/v1.0/users/delta', kind: 'slow', delayMs: 400, count: Infinity });
      control().clearRequests();
      const runsBefore = (await runs()).length;
      await card.getByRole('button', { name: 'Sync now' }).click();
      const pagesRead = () =>
        control()
          .requests()
          .filter((r) => r.method === 'GET' && r.path === '/v1.0/users/delta').length;
      await expect.poll(pagesRead, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
      disk.fill();

      // One clear message, and "Sync now" free again.
      await expect.poll(() => card.getAttribute('data-sync-state'), { timeout: 60_000 }).toMatch(/failed|stopped/);
      await expect.poll(async () => card.textContent(), { timeout: 10_000 }).toContain('The disk is full');
      expect(await card.getByRole('button', { name: 'Sync now' }).isEnabled()).toBe(true);
      // Nothing lost, nothing twice: everyone mirrored before is still there, each once, with whole pages of the new.
      const whileFull = await users();
      expect(new Set(whileFull).size).toBe(whileFull.length);
      expect(mirroredBefore.every((id) => whileFull.includes(id))).toBe(true);
      expect(whileFull.length).toBeLessThan(control().listDirectory().users.length);

      disk.free();
      control().clearFaults();
      await card.getByRole('button', { name: 'Sync now' }).click();
      await expect.poll(() => card.getAttribute('data-sync-state'), { timeout: 60_000 }).toBe('success');
      const after = await users();
      expect(after.sort()).toEqual(
        control()
          .listDirectory()
          .users.map((u) => u.id)
          .sort(),
      );
      // The run the full disk ended is closed, none is left open, and the last one went on from the checkpoint.
      const ended = (await runs()).slice(runsBefore);
      expect(ended.map((r) => r.outcome)).not.toContain('running');
      expect(ended.at(-1)).toMatchObject({ trigger: 'manual', outcome: 'success' });
      expect(ended.at(-1)!.usersWritten).toBeLessThan(200);
    } finally {
      await session.browser.close();
      disk.unmount();
    }
  });
});
