import type { BrowserContext, Page, Worker } from 'playwright-core';
import { directoryObject, membershipOf } from '../../../lib/db/keys';

/** A page of the extension; the console's pages by their address (`options.html#/monitor`, lib/format/console-route.ts). */
export type ExtensionPage = 'popup.html' | 'options.html' | `options.html#/${string}`;

/** Open one of the extension's pages in a tab (the popup, too: a tab shows what the toolbar popup shows). */
export async function openExtensionPage(context: BrowserContext, extensionId: string, page: ExtensionPage): Promise<Page> {
  const tab = await context.newPage();
  await tab.goto(`chrome-extension://${extensionId}/${page}`);
  return tab;
}

export interface Badge {
  text: string;
  /** RGBA, as chrome.action.getBadgeBackgroundColor answers. */
  color: number[];
  title: string;
}

/** What the toolbar shows: badge text, badge colour and the action's title, read from the worker. */
export async function readBadge(worker: Worker): Promise<Badge> {
  return worker.evaluate(async () => {
    const [text, color, title] = await Promise.all([
      chrome.action.getBadgeText({}),
      chrome.action.getBadgeBackgroundColor({}),
      chrome.action.getTitle({}),
    ]);
    return { text, color, title };
  });
}

/** The directory mirror's tables keep their ids packed (schema 14): read, they are unpacked as the product's code does. */
const UNPACK: Record<string, (row: never) => unknown> = {
  users: directoryObject,
  groups: directoryObject,
  memberOf: membershipOf,
};

/**
 * Every record of one table of the extension's IndexedDB, read raw (no Dexie) from an extension page, with the
 * mirror's ids unpacked. A database or table that does not exist yet reads as empty, and is not created by reading.
 */
export async function readTable<T = Record<string, unknown>>(page: Page, table: string): Promise<T[]> {
  const rows = await readRaw<never>(page, table);
  const unpack = UNPACK[table];
  return (unpack ? rows.map(unpack) : rows) as T[];
}

async function readRaw<T>(page: Page, table: string): Promise<T[]> {
  return page.evaluate(
    async ({ table }) => {
      const databases = await indexedDB.databases();
      if (!databases.some((db) => db.name === 'm365-connectors')) return [];
      return new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('m365-connectors');
        open.onerror = () => reject(new Error(`IndexedDB did not open: ${String(open.error)}`));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(table)) {
            db.close();
            resolve([]);
            return;
          }
          const request = db.transaction(table).objectStore(table).getAll();
          request.onsuccess = () => {
            db.close();
            resolve(request.result as T[]);
          };
          request.onerror = () => reject(new Error(`IndexedDB read failed: ${String(request.error)}`));
        };
      });
    },
    { table },
  );
}

/** Every stored activity event: the events of every batch (a stored page to a record since schema 13). */
export async function readEvents<T = Record<string, unknown>>(page: Page): Promise<T[]> {
  return (await readTable<{ events: T[] }>(page, 'eventBatches')).flatMap((batch) => batch.events);
}
