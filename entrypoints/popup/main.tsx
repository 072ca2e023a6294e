import { flushSync } from 'react-dom';
import ReactDOM from 'react-dom/client';
import { localizeDocument } from '@/components/localize-document';
import { readThenFollow, whenKnown } from '@/components/live-value';
import { startMonitorSettings } from '@/components/monitor/use-monitor-settings';
import { getDb } from '@/lib/db';
import { isOneLine, type QuickStatusInput } from '@/lib/monitor/quick-status';
import { loadQuickStatus, loadQuickStatusAsIs } from '@/lib/monitor/quick-status-facts';
import { PopupApp } from './PopupApp';
import './popup.css';

/** Longest the popup stays blank for its rows; a slower read shows a spinner meanwhile. */
const SPINNER_AFTER_MS = 300;

// IndexedDB and the settings are asked now, before React's first render: the rows are what the admin opened the popup
// for. React renders once, when both are known, in the same task (flushSync): a first render of a spinner kept the
// main thread from IndexedDB's answers, and the rows waited behind it (docs/popup-profile.md, where the marks are
// read). No FluentProvider at the root: the first screen is plain elements with a static stylesheet that follows the
// system's light or dark theme; the Fluent UI parts bring their own (FluentParts.tsx).
performance.mark('popup:script');
const settings = startMonitorSettings();
// The first read goes to IndexedDB itself, without Dexie (loadQuickStatusAsIs): Dexie's AppDB, its open and its code
// on each answer were most of the time from this script to the rows; the live query makes the AppDB after the first
// paint. It counts the users of the tenants whose details are on the first screen (each count walks that tenant's
// users in the mirror); a tenant that is one line shows its count once opened, by then read by the live query.
// The settings are known before the facts as a rule (chrome.storage answers before IndexedDB); if not, all are counted.
const firstScreen = (facts: QuickStatusInput) => {
  const known = settings.current();
  return known === undefined || !isOneLine(facts, known, Date.now());
};
const quick = readThenFollow(
  () =>
    loadQuickStatusAsIs(getDb, firstScreen).then(({ facts, through }) => {
      performance.mark('popup:read', { detail: through });
      return facts;
    }),
  () => loadQuickStatus(getDb()),
);
localizeDocument('popupPage_documentTitle');
const root = ReactDOM.createRoot(document.getElementById('root')!);
whenKnown([quick, settings], SPINNER_AFTER_MS, () => {
  flushSync(() => root.render(<PopupApp quick={quick} />));
  performance.mark('popup:rendered');
});
