import 'fake-indexeddb/auto';
import { substitute } from '../../lib/i18n/substitute';
import { useMessageLookup } from '../../lib/i18n/t';
import { readMessages } from './i18n/messages';
import { guardDexieWrites, rememberWorded } from './words-guard';

// WXT's fake browser has no i18n: unit tests read the English messages the way the browser would. Every text read is
// remembered, and no Dexie write may store one (words-guard.ts): lib/ stores codes, never words.
const english = readMessages('en');
useMessageLookup((key, substitutions) => {
  const entry = english[key];
  const text = entry ? substitute(entry.message, substitutions) : '';
  rememberWorded(text);
  return text;
});
guardDexieWrites();
