import { parseManagedSettings } from '../../../lib/config/managed-settings';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activityEntryWords } from '../../../lib/activity/actions';
import { AppDB } from '../../../lib/db/app-db';
import type { SyncRun, TenantRecord } from '../../../lib/db/types';
import { formatCount, formatDateTime } from '../../../lib/i18n/format';
import { phrase, say, sayError, sayParam } from '../../../lib/errors/phrase';
import { substitute } from '../../../lib/i18n/substitute';
import { t, useMessageLookup } from '../../../lib/i18n/t';
import { disconnect } from '../../../lib/provisioning/disconnect';
import { recordSyncOnConnectors } from '../../../lib/sync/manual-sync';
import { recordServiceHealth } from '../../../lib/service-health/record';
import { syncRunReason } from '../../../lib/sync/run-reason';
import { saveTenant } from '../../../lib/tenants/save-tenant';
import { MICROSOFT_CLOUDS } from '../../../lib/config/clouds';
import { rememberWorded, wordedTextIn } from '../words-guard';
import { readMessages, type Messages } from './messages';

// Records are written while the browser speaks one language and read after it speaks another: they keep codes and
// phrases, so what the admin reads follows the language of the moment, never the one of the day of writing.
const lookupIn = (messages: Messages) => (key: string, substitutions: string[]) => {
  const entry = messages[key];
  const text = entry ? substitute(entry.message, substitutions) : '';
  rememberWorded(text);
  return text;
};
const german = lookupIn(readMessages('de'));
const english = lookupIn(readMessages('en'));

const TENANT_ID = '11111111-2222-3333-4444-555555555555';
const counters = { usersWritten: 1204, groupsWritten: 96, usersRemoved: 0, groupsRemoved: 0, membershipsWritten: 0, membershipsRemoved: 0 };

let db: AppDB;
beforeEach(() => {
  db = new AppDB(`words-${Math.random()}`);
});
afterEach(async () => {
  useMessageLookup(english);
  db.close();
  await db.delete();
});

/** Write one of each worded record: a tenant saved, a sync failed and one succeeded, a failed health read, a disconnect. */
async function writeRecords(): Promise<void> {
  await saveTenant(
    {
      db,
      now: () => 1,
      clouds: MICROSOFT_CLOUDS,
      resolveTenantId: () => Promise.resolve(TENANT_ID),
      managed: () => Promise.resolve(parseManagedSettings({})),
    },
    { tenant: 'contoso.com', clientId: '00000000-0000-0000-0000-000000000001', cloud: 'worldwide' },
  );
  await db.connectors.put({ id: `${TENANT_ID}:exchange`, tenantId: TENANT_ID, service: 'exchange' });
  const run: SyncRun = {
    id: 1,
    tenantId: TENANT_ID,
    kind: 'full',
    trigger: 'manual',
    startedAt: 2,
    finishedAt: 3,
    outcome: 'failed',
    reasonCode: 'storage_failed',
    reasonParams: ['QuotaExceededError'],
    ...counters,
    progress: { done: 0 },
  };
  await db.syncRuns.put(run);
  await recordSyncOnConnectors(db, run, 'admin@contoso.com');
  await recordSyncOnConnectors(
    db,
    { ...run, id: 2, trigger: 'schedule', outcome: 'success', reasonCode: undefined, reasonParams: undefined },
    'system',
  );
  await recordServiceHealth(db, TENANT_ID, { ok: false, at: 4, error: { code: 'graph_throttled', params: ['120'] } }, 'system');
  await disconnect({ db, now: () => 5, signOut: () => Promise.resolve() }, TENANT_ID, ['exchange'], false);
}

/** Everything the console shows of those records, worded now. */
async function shown(): Promise<string[]> {
  const log = (await db.activityLog.orderBy('at').toArray()).map(activityEntryWords).flatMap((words) => [words.action, words.detail]);
  const runs = (await db.syncRuns.toArray()).map((run) => syncRunReason(run)).flatMap((reason) => (reason ? [sayError(reason)] : []));
  return [...log, ...runs];
}

async function storedText(): Promise<string> {
  return JSON.stringify(await Promise.all(db.tables.map((table) => table.toArray())));
}

describe('a record is read in the language of the moment', () => {
  it('written while the browser spoke German, reads in English today', async () => {
    useMessageLookup(german);
    await writeRecords();
    const inGerman = await shown();
    useMessageLookup(english);
    const inEnglish = await shown();

    expect(inEnglish).toEqual([
      'tenant added',
      'contoso.com (11111111-2222-3333-4444-555555555555), cloud Worldwide (commercial)',
      'manual sync',
      `full: ${sayError({ code: 'storage_failed', params: ['QuotaExceededError'] })}`,
      'schedule sync',
      'full: 1,204 users and 96 groups written, 0 removed',
      'service health',
      sayError({ code: 'service_health_unread', params: [{ brief: { code: 'graph_throttled', params: ['120'] } }] }),
      'disconnected',
      'Exchange Online; mirrored data deleted',
      sayError({ code: 'storage_failed', params: ['QuotaExceededError'] }),
    ]);
    expect(inEnglish[7]).toMatch(/^Microsoft's service health could not be read \(Microsoft Graph asked us to slow down/);
    // The same records read in German while German was spoken: the words follow the reader, not the writer.
    expect(inGerman[0]).toBe('Mandant hinzugefügt');
    expect(inGerman.some((words, i) => words === inEnglish[i] && /[a-z]{4,} [a-z]{4,}/.test(words))).toBe(false);
    // Nothing German was stored.
    expect(await storedText()).not.toMatch(/Mandant|Synchronisierung|getrennt|Dienststatus/);
  });

  it('written while the browser spoke English, reads in German today', async () => {
    await writeRecords();
    useMessageLookup(german);
    const inGerman = await shown();
    expect(inGerman[0]).toBe('Mandant hinzugefügt');
    // Counts follow the browser's locale (Intl), here the test machine's.
    expect(inGerman[5]).toBe(`vollständig: ${formatCount(1204)} Benutzer und 96 Gruppen geschrieben, 0 entfernt`);
    expect(inGerman[9]).toMatch(/Exchange Online; gespiegelte Daten gelöscht/);
    expect(await storedText()).not.toMatch(/tenant added|mirrored data|written|could not be read/);
  });

  it('words a phrase about a count in the form the language of the moment needs', () => {
    expect(say(phrase('worker_grantSynced', 1204, 96))).toBe(`${formatCount(1204)} users and 96 groups synced`);
    const count = { key: { one: 'monitor_hour', other: 'monitor_hours' }, params: [1] } as const;
    expect(sayParam(count)).toBe(t('monitor_hour', '1'));
    expect(sayParam({ ...count, params: [3] })).toBe(t('monitor_hours', '3'));
  });

  it('words a moment as a date and time in the locale of the moment, never as stored text', () => {
    const at = Date.UTC(2026, 11, 10, 14, 5);
    expect(sayParam({ at })).toBe(formatDateTime(at));
    expect(say(phrase('monitor_passwordExpiresOn', { at }, { code: 'password_expiring' }))).toBe(
      `The service account's password expires on ${formatDateTime(at)}. ${sayError({ code: 'password_expiring' })}`,
    );
  });
});

describe('the rule: no t() result reaches a Dexie write (test/unit/words-guard.ts)', () => {
  it('refuses a record that holds words t() made, wherever they sit in it', async () => {
    const words = t('activity_actionTenantAdded', TENANT_ID) + ' ' + t('activity_disconnectedDataKept', 'Exchange Online');
    expect(wordedTextIn({ detail: { params: [t('activity_disconnectedDataKept', 'Exchange Online')] } })).toMatch(/detail\.params\.0/);
    await expect(
      db.activityLog.add({
        at: 1,
        actor: 'admin',
        action: 'x',
        detail: t('activity_disconnectedDataKept', 'Exchange Online'),
        outcome: 'success',
      }),
    ).rejects.toThrow(/lib\/ wrote translated text to activityLog/);
    await expect(
      db.syncRuns.put({
        tenantId: 't',
        kind: 'full',
        trigger: 'manual',
        startedAt: 0,
        outcome: 'failed',
        reason: sayError({ code: 'sync_stopped' }),
        ...counters,
        progress: { done: 0 },
      }),
    ).rejects.toThrow(/syncRuns/);
    expect(words.length).toBeGreaterThan(0);
  });

  it('lets codes, phrases, names and Microsoft values through', async () => {
    await db.activityLog.add({
      at: 1,
      actor: 'admin@contoso.com',
      event: 'disconnected',
      detail: phrase('activity_disconnectedDataKept', [phrase('connectors_exchangeOnline')]),
      outcome: 'success',
    });
    await db.tenants.put({
      tenantId: 't',
      displayName: 'Contoso Ltd',
      domain: 'contoso.com',
      cloud: 'worldwide',
      clientId: 'c',
      syncScope: { mode: 'all' },
      createdAt: 0,
    } satisfies TenantRecord);
    expect(await db.activityLog.count()).toBe(1);
  });
});

describe('the rule: lib/ words phrases only at the edge', () => {
  // The edge: the badge title, notifications, and the helpers the console and popup call while they render. Anything
  // else in lib/ returns, stores or sends phrases and codes.
  const EDGE = new Set([
    'lib/errors/phrase.ts',
    'lib/monitor/badge.ts',
    'lib/worker/monitor-service.ts',
    'lib/activity/actions.ts',
    'lib/service-health/view.ts',
  ]);
  const root = path.resolve(import.meta.dirname, '../../..');
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? files(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? [path.join(dir, entry.name)] : [],
    );

  it('imports say, sayError or sayParam nowhere else', () => {
    const wording = files(path.join(root, 'lib'))
      .filter((file) => /import \{[^}]*\bsay(Error|Param)?\b[^}]*\} from '[./a-z]*\/phrase'/.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(root, file));
    expect(wording.filter((file) => !EDGE.has(file))).toEqual([]);
    expect(wording.length).toBeGreaterThan(2);
  });
});
