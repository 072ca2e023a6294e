// SECURITY.md's promise that tokens live only in msal's cache, held after a real run: a refused grant, a full grant
// with its directory sync and activity backfill, a manual sync, and a sync that fails because the grant was revoked.
// Then every place the extension keeps or shows data is read and searched for any token: chrome.storage (local, sync,
// session), every IndexedDB database the extension made (msal's own stores excepted), the activity-log exports, the
// console's and the popup's text, and what the pages and the worker wrote to their consoles.
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTenant, openGrantWizard, signInThrough, grantOutcome, shownRunId, showPage } from './harness/console';
import { openExtensionPage, readTable } from './harness/extension';
import { sharedFixture } from './harness/fixtures';
import { useE2ESession } from './harness/session';
import { completeSignIn, waitForSignInWindow } from './harness/sign-in-window';
import { recordTokenResponses, type RecordedTokens } from './harness/token-recorder';

const session = useE2ESession({ orgs: [{ users: 40 }] });
const org = () => session.tenant.orgs[0]!;
let page: Page;
let recorder: Awaited<ReturnType<typeof recordTokenResponses>>;
const consoleLines: string[] = [];

/** JWT-shaped text (header.payload in base64url), the form of every access and id token. */
const JWT_SHAPE = /eyJ[\w-]{10,}\.[\w-]{10,}/;

/** Where in `text` any recorded token, or anything JWT-shaped, appears (empty when none does). */
function tokensIn(text: string, tokens: RecordedTokens): string[] {
  const found = [...tokens.accessTokens, ...tokens.refreshTokens, ...tokens.idTokens]
    .filter((token) => text.includes(token))
    .map((token) => `a recorded token ${token.slice(0, 8)}…`);
  const jwt = JWT_SHAPE.exec(text);
  if (jwt) found.push(`JWT-shaped text ${jwt[0].slice(0, 12)}… near "${text.slice(Math.max(0, jwt.index - 60), jwt.index)}"`);
  return found;
}

async function downloaded(page: Page, button: string): Promise<string> {
  const download: Promise<Download> = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  const file = await (await download).path();
  const { readFile } = await import('node:fs/promises');
  return readFile(file, 'utf8');
}

beforeAll(async () => {
  const { context } = session.browser;
  const worker = await session.browser.worker();
  worker.on('console', (message) => consoleLines.push(`worker: ${message.text()}`));
  context.on('page', (opened) => opened.on('console', (message) => consoleLines.push(`${opened.url()}: ${message.text()}`)));
  recorder = await recordTokenResponses(context, worker);
});
afterAll(async () => {
  await recorder?.stop();
  await page?.close();
});

/**
 * The real run every test searches the traces of: built by whichever test runs first (alone with -t too), once per
 * file; the tests after it only read.
 */
const realRun = sharedFixture(async () => {
  const admin = { username: org().admin.userPrincipalName, password: org().admin.password };
  page = await addTenant(session.browser, { serviceAccount: org().admin.userPrincipalName });

  // A grant the admin refuses on the consent page.
  const refusedForm = await openGrantWizard(page, org().domain);
  const previous = await shownRunId(page);
  const window = waitForSignInWindow(session.browser.context);
  await refusedForm.getByRole('button', { name: 'Sign in and grant access' }).click();
  await completeSignIn(await window, { ...admin, consent: 'cancel' });
  expect(await grantOutcome(page, previous)).toBe('failed');
  session.tenant.control.endSessions();

  // The full grant: sign-in, checks, directory sync, 7-day activity backfill.
  const form = await openGrantWizard(page, org().domain);
  expect(await signInThrough(page, form.getByRole('button', { name: 'Sign in and grant access' }), session.browser, admin)).toBe(
    'succeeded',
  );
  expect((await readTable(page, 'users')).length).toBe(org().userCount);

  // A manual sync that works, then one that fails: the grant is revoked, Graph answers 401.
  const sync = page.locator(`[aria-label="Directory sync of ${org().displayName}"]`);
  session.tenant.control.addUser({ displayName: 'Security Hire', mailNickname: 'securityhire' });
  await sync.getByRole('button', { name: 'Sync now' }).click();
  // Wait for this sync's result (the card showed the grant's successful sync before it started).
  await expect.poll(async () => (await readTable(page, 'users')).length, { timeout: 30_000 }).toBe(org().userCount + 1);
  await expect.poll(() => sync.getAttribute('data-sync-state'), { timeout: 30_000 }).toBe('success');
  session.tenant.control.revokeGrants(org().admin.userPrincipalName);
  await sync.getByRole('button', { name: 'Sync now' }).click();
  await expect.poll(() => sync.getAttribute('data-sync-state'), { timeout: 30_000 }).not.toMatch(/success|running/);

  // The run was real: the browser received tokens, which the scans below must not find anywhere.
  expect(recorder.tokens.accessTokens.length).toBeGreaterThan(0);
  expect(recorder.tokens.refreshTokens.length).toBeGreaterThan(0);
  expect(recorder.tokens.idTokens.length).toBeGreaterThan(0);
  // The scanner itself finds a token where there is one.
  expect(tokensIn(`x${recorder.tokens.refreshTokens[0]}x`, recorder.tokens)).toHaveLength(1);
  expect(tokensIn(`x${recorder.tokens.accessTokens[0]}x`, recorder.tokens).length).toBeGreaterThan(0);
});

// Each test may build the real run first (two grants and three syncs).
describe('Tokens stay in msal’s cache', { timeout: 180_000 }, () => {
  it('runs a refused grant, a full grant with sync, a manual sync and a failed sync', async () => {
    await realRun();
  });

  it('are not in chrome.storage (local, sync, session)', async () => {
    await realRun();
    const worker = await session.browser.worker();
    const areas = await worker.evaluate(async () => ({
      local: await chrome.storage.local.get(null),
      sync: await chrome.storage.sync.get(null),
      session: await chrome.storage.session.get(null),
    }));
    for (const [area, content] of Object.entries(areas)) expect(tokensIn(JSON.stringify(content), recorder.tokens), area).toEqual([]);
  });

  it('are not in any IndexedDB store of the extension', async () => {
    await realRun();
    const dump = await page.evaluate(async () => {
      const read = (name: string) =>
        new Promise<Record<string, unknown[]>>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onerror = () => reject(new Error(String(open.error)));
          open.onsuccess = () => {
            const db = open.result;
            const stores = [...db.objectStoreNames];
            const out: Record<string, unknown[]> = {};
            if (stores.length === 0) return resolve(out);
            const tx = db.transaction(stores);
            for (const store of stores) {
              const all = tx.objectStore(store).getAll();
              all.onsuccess = () => (out[store] = all.result as unknown[]);
            }
            tx.oncomplete = () => (db.close(), resolve(out));
            tx.onerror = () => reject(new Error(String(tx.error)));
          };
        });
      const result: Record<string, Record<string, unknown[]>> = {};
      for (const { name } of await indexedDB.databases()) if (name && !name.startsWith('msal')) result[name] = await read(name);
      return result;
    });
    // The dump holds the real data (so an empty read cannot pass for a clean one).
    expect(dump['m365-connectors']?.users?.length).toBeGreaterThan(org().userCount);
    expect(dump['m365-connectors']?.activityLog?.length).toBeGreaterThan(0);
    for (const [db, stores] of Object.entries(dump)) {
      for (const [store, records] of Object.entries(stores))
        expect(tokensIn(JSON.stringify(records), recorder.tokens), `${db}.${store}`).toEqual([]);
    }
  });

  it('are not in the activity-log exports', async () => {
    await realRun();
    // The exports are on the console's activity log page.
    await showPage(page, 'Activity log');
    const csv = await downloaded(page, 'Export CSV');
    const json = await downloaded(page, 'Export JSON');
    expect(json).toContain('grant');
    expect(tokensIn(csv, recorder.tokens)).toEqual([]);
    expect(tokensIn(json, recorder.tokens)).toEqual([]);
  });

  it('are not in what the console and the popup show, nor in what the extension logged', async () => {
    await realRun();
    const popup = await openExtensionPage(session.browser.context, session.browser.extensionId, 'popup.html');
    await popup.getByText(org().displayName).first().waitFor();
    for (const shown of [page, popup]) {
      const text = await shown.evaluate(() => document.body.innerText);
      expect(text.length).toBeGreaterThan(50);
      expect(tokensIn(text, recorder.tokens), shown.url()).toEqual([]);
      expect(tokensIn(await shown.content(), recorder.tokens), shown.url()).toEqual([]);
    }
    await popup.close();
    expect(tokensIn(consoleLines.join('\n'), recorder.tokens)).toEqual([]);
  });
});
