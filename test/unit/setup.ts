import 'fake-indexeddb/auto';
import { substitute } from '../../lib/i18n/substitute';
import { useMessageLookup } from '../../lib/i18n/t';
import { readMessages } from './i18n/messages';

// WXT's fake browser has no i18n: unit tests read the English messages the way the browser would.
const english = readMessages('en');
useMessageLookup((key, substitutions) => {
  const entry = english[key];
  return entry ? substitute(entry.message, substitutions) : '';
});
