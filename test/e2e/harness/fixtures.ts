import type { Page } from 'playwright-core';
import type { E2ESession } from './session';
import { addTenant, openGrantWizard, signInThrough, tenantCard } from './console';
import { readBadge } from './extension';
import { until } from './expect-until';
import { checkNow } from './messages';

// The states a test starts from, built fast from a fresh profile and a tenant at its start (useE2ESession's
// `fresh: 'test'`): each test asks for its own, so that any one runs alone with `-t` and a failure stays in its test.
// They go through what an admin sees (the console's form, the wizard, the sign-in window) and the worker's own
// messages, never through the extension's tables or modules, so that they hold whatever lib/ stores and how.

export type ServiceLabel = 'Exchange Online' | 'SharePoint Online' | 'OneDrive';

export interface GrantedTenant {
  /** The console, on the tenant's card. */
  page: Page;
  /** The tenant's display name (its card's name after the grant). */
  name: string;
  /** The service account's sign-in, for a re-grant. */
  admin: { username: string; password: string };
}

export interface GrantOptions {
  /** The services to connect (default: all three, as the wizard offers them). */
  services?: ServiceLabel[];
  /** The first org by default. */
  org?: number;
  /** The service account the console is told of; the org's Global Administrator by default, '' for none. */
  serviceAccount?: string;
}

/** A tenant added in the console (its card shown, by its domain until a grant names it), not granted. */
export async function addedTenant(session: E2ESession, options: Omit<GrantOptions, 'services'> = {}): Promise<Page> {
  const org = session.tenant.orgs[options.org ?? 0]!;
  const page = await addTenant(session.browser, {
    tenant: org.domain,
    serviceAccount: options.serviceAccount ?? org.admin.userPrincipalName,
  });
  await tenantCard(page, org.domain).waitFor();
  return page;
}

const sync = (page: Page, name: string) => page.locator(`[aria-label="Directory sync of ${name}"]`);

/**
 * A tenant added in the console and granted through the wizard and the sign-in window (the grant's first sync
 * included), with the monitor's first check done: the badge then tells what the tenant's connectors are.
 */
export async function grantedTenant(session: E2ESession, options: GrantOptions = {}): Promise<GrantedTenant> {
  const org = session.tenant.orgs[options.org ?? 0]!;
  const admin = { username: org.admin.userPrincipalName, password: org.admin.password };
  const page = await addedTenant(session, options);
  const form = await openGrantWizard(page, org.domain, options.services);
  const outcome = await signInThrough(page, form.getByRole('button', { name: 'Sign in and grant access' }), session.browser, admin);
  if (outcome !== 'succeeded') throw new Error(`The fixture's grant ended ${outcome}`);
  // The grant's own check: its result is in the badge's title once it is done.
  await until(
    async () => (await readBadge(await session.browser.worker())).title,
    (title) => /\(checked/.test(title) || /Soon|Action needed/.test(title),
    {
      what: "the grant's first check",
    },
  );
  return { page, name: org.displayName, admin };
}

/** A granted tenant whose mirror holds the directory: the grant's sync ended successfully (shown on its sync card). */
export async function syncedTenant(session: E2ESession, options: GrantOptions = {}): Promise<GrantedTenant> {
  const granted = await grantedTenant(session, options);
  await until(
    () => sync(granted.page, granted.name).getAttribute('data-sync-state'),
    (state) => state === 'success',
    {
      what: "the grant's sync",
      timeout: 30_000,
    },
  );
  return granted;
}

/** A granted tenant whose grant Entra has revoked, and the monitor has seen it: the badge is red. */
export async function expiredGrant(session: E2ESession, options: GrantOptions = {}): Promise<GrantedTenant> {
  const granted = await grantedTenant(session, options);
  session.tenant.control.revokeGrants(granted.admin.username);
  await checkNow(granted.page);
  const badge = await readBadge(await session.browser.worker());
  if (!/Access expired/.test(badge.title)) throw new Error(`The fixture's revoked grant did not show: ${badge.title}`);
  return granted;
}

/** Re-grant from the tenant card, signing in again in the window (Entra's session is ended first, so one opens). */
export async function regrant(session: E2ESession, granted: GrantedTenant): Promise<string> {
  session.tenant.control.endSessions();
  const button = tenantCard(granted.page, granted.name).getByRole('button', { name: 'Re-grant' });
  return signInThrough(granted.page, button, session.browser, granted.admin);
}

/**
 * A state that several tests of one file inspect but none changes (a real run whose traces they search): built by the
 * first test that asks for it, in whatever order the tests run or whichever runs alone, and shared after that.
 */
export function sharedFixture<T>(build: () => Promise<T>): () => Promise<T> {
  let built: Promise<T> | undefined;
  return () => (built ??= build());
}
