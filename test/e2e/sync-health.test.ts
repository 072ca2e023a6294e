import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tenantCard } from './harness/console';
import { EXTENSION_DIR } from './harness/constants';
import { openExtensionPage, readEvents, readTable } from './harness/extension';
import { syncedTenant } from './harness/fixtures';
import { useE2ESession } from './harness/session';

// Each test starts from a new profile and the tenant at its start, and builds its own synced tenant.
const session = useE2ESession({ orgs: [{ users: 120 }] }, {}, { fresh: 'test' });
let page: Page;
const mirrored = async () => {
  ({ page } = await syncedTenant(session));
};
const org = () => session.tenant.orgs[0]!;
const HEALTH_PATH = '/v1.0/admin/serviceAnnouncement/healthOverviews';
const DEGRADED = 'Degraded — some features are slow or unavailable';

/** Press Sync now on the tenant card and wait for a run newer than the last one to end. */
async function syncNow(): Promise<{ outcome: string }> {
  const runs = async () => (await readTable<{ id: number; outcome: string }>(page, 'syncRuns')).sort((a, b) => a.id - b.id);
  const before = (await runs()).at(-1)?.id;
  await page.locator(`[aria-label="Directory sync of ${org().displayName}"]`).getByRole('button', { name: 'Sync now' }).click();
  await expect
    .poll(async () => ((await runs()).at(-1)?.id !== before ? (await runs()).at(-1)?.outcome : 'not started'), { timeout: 30_000 })
    .not.toMatch(/running|not started/);
  return (await runs()).at(-1)!;
}

describe("Microsoft's service health on each connector", () => {
  it('is read at the end of the grant and shown on every connector row, in words with its age', async () => {
    await mirrored();
    const card = tenantCard(page, org().displayName);
    await expect.poll(() => card.getByRole('columnheader', { name: 'Microsoft service health' }).count()).toBe(1);
    for (const service of ['exchange', 'sharepoint', 'onedrive']) {
      const cell = card.getByTestId(`health-${service}`);
      await expect.poll(() => cell.textContent()).toBe('Operational · checked just now');
      expect(await cell.locator('[data-health]').getAttribute('data-health')).toBe('operational');
    }
  });

  it('"Sync now" reads it again: a degraded Exchange Online shows its words, the other services stay operational', async () => {
    await mirrored();
    session.tenant.control.setServiceHealth('Exchange Online', 'serviceDegradation');
    expect(await syncNow()).toMatchObject({ outcome: 'success' });
    const card = tenantCard(page, org().displayName);
    await expect.poll(() => card.getByTestId('health-exchange').textContent()).toBe(`${DEGRADED} · checked just now`);
    expect(await card.getByTestId('health-exchange').locator('[data-health]').getAttribute('data-health')).toBe('degraded');
    expect(await card.getByTestId('health-sharepoint').textContent()).toContain('Operational');

    const popup = await openExtensionPage(session.browser.context, session.browser.extensionId, 'popup.html');
    const exchange = popup.locator('li:has([data-service="exchange"])');
    // The monitor calls a degraded service amber ("Service degraded"); Microsoft's words are said once for the tenant,
    // each health with its services when they differ.
    await expect.poll(() => exchange.textContent()).toContain('▲Service degraded: Exchange Online');
    expect(await popup.locator('li:has([data-service="onedrive"])').textContent()).toBe('✓Connected: SharePoint Online, OneDrive');
    expect(await popup.getByTestId('health').textContent()).toBe(
      `Service health: Exchange Online: ${DEGRADED} · SharePoint Online, OneDrive: Operational`,
    );
    await popup.close();
  });

  it('a failed health read does not fail the sync: each connector keeps the health it had, and the log says why', async () => {
    await mirrored();
    const { control } = session.tenant;
    // What the connectors had before: Exchange Online degraded, read by a sync.
    control.setServiceHealth('Exchange Online', 'serviceDegradation');
    expect(await syncNow()).toMatchObject({ outcome: 'success' });
    await expect.poll(() => tenantCard(page, org().displayName).getByTestId('health-exchange').textContent()).toContain(DEGRADED);
    control.setServiceHealth('SharePoint Online', 'serviceInterruption');
    // Every read fails until the faults are cleared: the sync's own, the health check that follows every sync (inside
    // its $batch), and any check the worker's alarm starts meanwhile. A lone 503 would be retried like any request of
    // a run; a throttle longer than the worker lives is not waited out.
    control.injectFault({ path: HEALTH_PATH, kind: '429', retryAfterSeconds: 120, count: 50 });
    expect(await syncNow()).toMatchObject({ outcome: 'success' });
    const log = async () =>
      (await readTable<{ event: string; outcome: string; detail: { code: string } }>(page, 'activityLog')).filter(
        (e) => e.event === 'service_health',
      );
    await expect.poll(async () => (await log()).length).toBeGreaterThanOrEqual(1);
    expect((await log())[0]).toMatchObject({
      outcome: 'failure',
      detail: expect.objectContaining({ code: 'service_health_unread' }) as { code: string },
    });
    const card = tenantCard(page, org().displayName);
    expect(await card.getByTestId('health-exchange').textContent()).toContain(DEGRADED);
    expect(await card.getByTestId('health-sharepoint').textContent()).toContain('Operational');
    expect(
      control
        .requests()
        .filter((r) => r.path === HEALTH_PATH)
        .at(-1)?.status,
    ).toBe(429);

    // The next sync, once Microsoft answers again, reads it again.
    control.clearFaults();
    expect(await syncNow()).toMatchObject({ outcome: 'success' });
    await expect
      .poll(() => card.getByTestId('health-sharepoint').textContent())
      .toContain('Degraded — the service is interrupted for many users');
  });
});

describe('the 7-day activity chart', () => {
  it('draws events per day and service, filters the chart, the table and the list by service', async () => {
    await mirrored();
    const card = tenantCard(page, org().displayName);
    await card.getByText('Activity in the last 7 days').click();
    const history = card.getByRole('region', { name: /in the last 7 days/ });
    const chart = history.getByTestId('activity-chart');
    await chart.locator('svg rect').first().waitFor();
    expect(await chart.getByRole('region').getAttribute('aria-label')).toMatch(
      /events from all services in the last 7 days; the busiest day was/,
    );
    const summary = history.getByTestId('activity-summary');
    expect(await summary.textContent()).toMatch(/^[\d,]+ events from all services in the last 7 days/);

    await history.getByText('Show the numbers as a table').click();
    const table = history.getByRole('table', { name: 'Events per day and service' });
    expect(await table.getByRole('row').count()).toBe(1 + 7);
    expect(await table.getByRole('columnheader').allTextContents()).toEqual([
      'Day',
      'Exchange Online',
      'SharePoint Online',
      'OneDrive',
      'Microsoft Entra',
      'All',
    ]);

    const items = history.getByRole('list', { name: 'Matching events' }).getByRole('listitem');
    const sourcesListed = async () => [...new Set(await items.evaluateAll((li) => li.map((e) => e.getAttribute('data-source'))))].sort();
    expect((await sourcesListed()).length).toBeGreaterThan(1);

    const stored = await readEvents<{ service: string }>(page);
    for (const [source, label] of [
      ['exchange', 'Exchange Online'],
      ['entra', 'Microsoft Entra'],
    ] as const) {
      await history.getByLabel('Service', { exact: true }).selectOption(source);
      await expect.poll(sourcesListed).toEqual([source]);
      expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Day', label]);
      // The summary, the table and the store agree: the 7 days' cells add up to the summary's count.
      const cells = await table.locator('tbody tr td:nth-child(2)').allTextContents();
      const total = cells.reduce((sum, cell) => sum + Number(cell.replace(/\D/g, '')), 0);
      expect(total).toBeGreaterThan(0);
      expect(total).toBeLessThanOrEqual(stored.filter((e) => e.service === source).length);
      expect(await summary.textContent()).toMatch(new RegExp(`^${total.toLocaleString('en-US')} events? from ${label} in the last 7 days`));
      expect(await chart.getByRole('region').getAttribute('aria-label')).toContain(`from ${label}`);
      expect(await chart.locator('svg rect').count()).toBeGreaterThan(0);
    }
    await history.getByLabel('Service', { exact: true }).selectOption('all');
    await expect.poll(async () => (await sourcesListed()).length).toBeGreaterThan(1);
  });

  // Microsoft runs each query on its side (the tenant's clock here, 10 minutes a query); a query that will fail says so
  // only when its time is up, so at the grant all three are still running, Exchange's too.
  it("fills the chart, the filter and the search with each service's own events from Purview, through a slow and a failed query", async () => {
    const { control } = session.tenant;
    // Every query runs 10 minutes on the tenant clock; Exchange's first (at the grant) fails. The three are asked for
    // side by side, so the failure is set by service, not by which reaches the tenant first.
    control.setAuditSearch({ runMs: 10 * 60_000, failNext: 1, failNextOf: 'Exchange' });
    await mirrored();
    const grantState = async () => (await readTable<{ state: string }>(page, 'grantRuns')).at(-1)?.state;
    await expect.poll(grantState, { timeout: 60_000 }).toBe('succeeded');
    const posts = () => control.requests().filter((r) => r.method === 'POST' && r.path === '/v1.0/security/auditLog/queries');
    // One query per chosen service, each with its own permission in the token (else the local Graph answers 403).
    expect(posts().map((r) => r.status)).toEqual([201, 201, 201]);
    const ownEvents = async () =>
      [
        ...new Set(
          (await readEvents<{ service: string; kind: string }>(page)).filter((e) => e.kind === 'auditSearch').map((e) => e.service),
        ),
      ].sort();
    expect(await ownEvents()).toEqual([]);

    const card = tenantCard(page, org().displayName);
    await card.getByText('Activity in the last 7 days').click();
    const history = card.getByRole('region', { name: /in the last 7 days/ });
    const notes = history.getByTestId('activity-audit-search-note');
    const pending = (...services: string[]) =>
      services.map((service) => `Microsoft Purview is still searching the own events of ${service}; they appear after a later sync.`);
    // One note per connected service.
    await expect
      .poll(async () => (await notes.allTextContents()).sort())
      .toEqual(pending('Exchange Online', 'OneDrive', 'SharePoint Online'));

    // Minutes later on Microsoft's clock: a sync reads SharePoint's and OneDrive's, finds Exchange's failed and asks
    // again for it (each service a new query: 3 more)...
    control.advanceTime(10 * 60_000);
    expect(await syncNow()).toMatchObject({ outcome: 'success' });
    expect(posts().map((r) => r.status)).toEqual(Array.from({ length: 6 }, () => 201));
    await expect.poll(ownEvents).toEqual(['onedrive', 'sharepoint']);
    await expect.poll(() => notes.allTextContents()).toEqual(pending('Exchange Online'));
    // ...and the next reads Exchange's: every service's own events are in the chart, and no note is left.
    control.advanceTime(10 * 60_000);
    expect(await syncNow()).toMatchObject({ outcome: 'success' });
    await expect.poll(ownEvents).toEqual(['exchange', 'onedrive', 'sharepoint']);
    await expect.poll(() => notes.count()).toBe(0);

    // The chart counts them: each service's count holds at least its own events of the last 6 days (the 7th day's
    // edge moves with the real clock).
    const stored = await readEvents<{ service: string; kind: string; occurredAt: number }>(page);
    const summary = history.getByTestId('activity-summary');
    for (const [service, label] of [
      ['exchange', 'Exchange Online'],
      ['sharepoint', 'SharePoint Online'],
      ['onedrive', 'OneDrive'],
    ] as const) {
      const own = stored.filter((e) => e.kind === 'auditSearch' && e.service === service && e.occurredAt > Date.now() - 6 * 86_400_000);
      expect(own.length).toBeGreaterThan(0);
      await history.getByLabel('Service', { exact: true }).selectOption(service);
      await expect.poll(() => summary.textContent()).toMatch(new RegExp(`events? from ${label} in the last 7 days`));
      expect(Number((await summary.textContent())!.replace(/ .*/s, '').replace(/\D/g, ''))).toBeGreaterThanOrEqual(own.length);
      expect(await history.getByTestId('activity-chart').locator('svg rect').count()).toBeGreaterThan(0);
    }

    await history.getByLabel('Service', { exact: true }).selectOption('exchange');
    await history.getByLabel('Search the activity (what or who)').fill('MailItemsAccessed');
    const items = history.getByRole('list', { name: 'Matching events' }).getByRole('listitem');
    await expect.poll(() => items.count()).toBeGreaterThan(0);
    for (const text of await items.allTextContents()) expect(text).toMatch(/ — Exchange Online: MailItemsAccessed: /);
    expect(await summary.textContent()).toMatch(/events? from Exchange Online in the last 7 days/);
  });

  it('the chart library is in its own chunk, loaded by the console only: never by the popup', () => {
    const chunks = path.join(EXTENSION_DIR, 'chunks');
    const chartChunks = readdirSync(chunks).filter((f) => readFileSync(path.join(chunks, f), 'utf8').includes('VerticalStackedBarChart'));
    // The activity chart and the monitor's timeline each load it on demand.
    expect(chartChunks.length).toBeGreaterThan(0);
    for (const chunk of chartChunks) expect(chunk).toMatch(/^(ActivityChart|TimelineChart|CartesianChart)-/);
    // Everything the popup page loads statically: its scripts and, transitively, what they import.
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(path.join(EXTENSION_DIR, file), 'utf8');
      for (const [, spec] of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) visit(path.posix.join(path.posix.dirname(file), spec!));
    };
    const popupHtml = readFileSync(path.join(EXTENSION_DIR, 'popup.html'), 'utf8');
    for (const [, src] of popupHtml.matchAll(/(?:src|href)="\/(chunks\/[^"]+\.js)"/g)) visit(src!);
    expect(seen.size).toBeGreaterThan(1);
    expect(
      [...seen].filter((f) =>
        /ActivityChart|TimelineChart|VerticalStackedBarChart/.test(readFileSync(path.join(EXTENSION_DIR, f), 'utf8')),
      ),
    ).toEqual([]);
    const options = [...readFileSync(path.join(EXTENSION_DIR, 'options.html'), 'utf8').matchAll(/src="\/(chunks\/[^"]+\.js)"/g)];
    const optionsCode = options.map(([, src]) => readFileSync(path.join(EXTENSION_DIR, src!), 'utf8')).join('');
    expect(optionsCode).toMatch(/import\("\.\/ActivityChart-[^"]+\.js"\)/);
  });
});
