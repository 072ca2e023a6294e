/**
 * `npm run demo`: the local Microsoft 365 tenant with a 2,000-user organisation, the extension built for it, and
 * Chromium with the extension loaded, the tenant added and access granted to its three services. A window where there is a display; with
 * `--headless` (or no display) the same path runs by script and screenshots go to demo-output/.
 * `--screenshots` (`npm run screenshots`): headless, the README's screenshots of each state into docs/screenshots/
 * (test/demo/screenshots.ts). `DEMO_PORT` moves the local tenant off 8443.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describeTenant, startTenant, type Tenant } from '../emulator';
import { launchExtensionBrowser } from '../e2e/harness/browser';
import { REPO_ROOT, SUCCESS_SENTENCE } from '../e2e/harness/constants';
import { openExtensionPage } from '../e2e/harness/extension';
import { addTenant, grantError, openGrantWizard, signInThrough } from '../e2e/harness/console';
import { takeScreenshots } from './screenshots';

const DEMO_PORT = Number(process.env.DEMO_PORT ?? 8443);
const DEMO_USERS = 2000;
/** Fewer users for the screenshots: the same states, a shorter grant. */
const SCREENSHOT_USERS = 500;
const OUT_DIR = path.join(REPO_ROOT, 'demo-output');
const BUILD_DIR = path.join(REPO_ROOT, '.output/demo');

const screenshots = process.argv.includes('--screenshots');
const headless = screenshots || process.argv.includes('--headless') || (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY);

async function main(): Promise<void> {
  const started = Date.now();
  // English words and formats in the screenshots, whatever the machine's locale (Chromium reads its UI language here).
  if (screenshots) Object.assign(process.env, { LANG: 'en_US.UTF-8', LANGUAGE: 'en_US', TZ: process.env.TZ ?? 'UTC' });
  const users = screenshots ? SCREENSHOT_USERS : DEMO_USERS;
  console.log(`Starting the local Microsoft 365 tenant with ${users.toLocaleString('en')} users…`);
  const tenant = await startTenant({ port: DEMO_PORT, orgs: [{ users }] });
  console.log(describeTenant(tenant));
  const org = tenant.orgs[0]!;

  // `--no-build` reuses the last demo build (made for the same DEMO_PORT) when only the script changed.
  const build = process.argv.includes('--no-build') ? { status: 0 } : buildFor(tenant, org.domain);
  if (build.status !== 0) throw new Error('The extension build failed; see the output above.');

  const browser = await launchExtensionBrowser({ extensionDir: path.join(BUILD_DIR, 'chrome-mv3'), headless });
  const { context, extensionId } = browser;
  if (screenshots) {
    console.log(`Taking the README's screenshots…`);
    const failed = await takeScreenshots(tenant, browser).finally(async () => {
      await browser.close();
      await tenant.close();
    });
    console.log(`Done in ${Math.round((Date.now() - started) / 1000)} s.`);
    if (failed.length > 0) throw new Error(`Screenshots not taken: ${failed.join(', ')}`);
    return;
  }
  mkdirSync(OUT_DIR, { recursive: true });

  const popup = await openExtensionPage(context, extensionId, 'popup.html');
  await popup.setViewportSize({ width: 400, height: 320 });
  await popup.getByRole('heading', { level: 1 }).waitFor();
  if (headless) await popup.screenshot({ path: path.join(OUT_DIR, 'popup-empty.png') });
  await popup.close();

  // What an admin does first: add the tenant, then grant access to all three services as the Global Administrator.
  const consolePage = await addTenant(browser, { serviceAccount: org.admin.userPrincipalName });
  const wizard = await openGrantWizard(consolePage, org.domain);
  const state = await signInThrough(consolePage, wizard.getByRole('button', { name: 'Sign in and grant access' }), browser, {
    username: org.admin.userPrincipalName,
    password: org.admin.password,
  });
  if (state !== 'succeeded') throw new Error(`The demo grant ended ${state}: ${(await grantError(consolePage)).text}`);
  console.log(`Granted access to ${org.domain} as ${org.admin.userPrincipalName}: ${SUCCESS_SENTENCE}`);

  if (headless) {
    await consolePage.screenshot({ path: path.join(OUT_DIR, 'console-connected.png'), fullPage: true });
    const connected = await openExtensionPage(context, extensionId, 'popup.html');
    await connected.setViewportSize({ width: 400, height: 560 });
    await connected.getByText(SUCCESS_SENTENCE).waitFor();
    await connected.screenshot({ path: path.join(OUT_DIR, 'popup-connected.png') });
    console.log(`Screenshots written to ${path.relative(process.cwd(), OUT_DIR)}/`);
    await browser.close();
    await tenant.close();
    return;
  }
  console.log('Chromium is open with the extension. Close the browser window (or press Ctrl-C) to stop the demo.');
  await new Promise<void>((resolve) => {
    context.on('close', () => resolve());
    process.on('SIGINT', () => resolve());
  });
  await browser.close().catch(() => undefined);
  await tenant.close();
}

function buildFor(tenant: Tenant, domain: string) {
  console.log('Building the extension for the local tenant…');
  return spawnSync('npx', ['wxt', 'build'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: {
      ...process.env,
      WXT_OUT_DIR: BUILD_DIR,
      WXT_LOCAL_TENANT_URL: tenant.url,
      WXT_DEFAULT_CLIENT_ID: tenant.clientId,
      WXT_DEFAULT_TENANT: domain,
    },
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
