import { browser } from 'wxt/browser';
import type english from '../../public/_locales/en/messages.json';
import { formatCount } from './format';

/** Every message the extension shows; English (public/_locales/en) is the reference, German must match it key by key. */
export type MessageKey = keyof typeof english;

type Lookup = (key: string, substitutions: string[]) => string;

// chrome.i18n answers in extension pages, the worker and Firefox's background page; the offscreen document has only
// chrome.runtime, so there (browser.i18n absent) a message reads as its key; it never shows words to anyone.
// Node (end-to-end tests importing lib constants) has no browser at all: there too a message reads as its key.
const browserLookup: Lookup = (key, substitutions) =>
  (browser as typeof browser | undefined)?.i18n?.getMessage(key as MessageKey, substitutions) ?? '';

let lookup: Lookup = browserLookup;

/**
 * The message `key` in the browser's language, `$1`… filled with `substitutions` (numbers should come formatted:
 * see lib/i18n/format.ts). A key the locale lacks reads as the key itself, never as an empty string, and the
 * locale test fails on it first.
 */
export function t(key: MessageKey, ...substitutions: Array<string | number>): string {
  return lookup(key, substitutions.map(String)) || key;
}

/** Unit tests read messages from the English file (test/unit/setup.ts); nothing else calls this. */
export function useMessageLookup(next: Lookup | undefined): void {
  lookup = next ?? browserLookup;
}

const plurals = new Intl.PluralRules();

/**
 * A message about `count` things in the form the language needs ("1 user", "2 users"): `keys.one` or `keys.other`,
 * with the count formatted in the browser's locale as `$1` and `substitutions` from `$2` on.
 */
export function tCount(count: number, keys: { one: MessageKey; other: MessageKey }, ...substitutions: Array<string | number>): string {
  return t(pluralKey(count, keys), formatCount(count), ...substitutions);
}

/** The key of the form the browser's language needs for `count` (for callers that format the count themselves). */
export function pluralKey(count: number, keys: { one: MessageKey; other: MessageKey }): MessageKey {
  return plurals.select(count) === 'one' ? keys.one : keys.other;
}
