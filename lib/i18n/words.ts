import { type MessageKey, t } from './t';

/**
 * A record of messages, each read when used rather than when the module loads: constants that pages import (state
 * labels, step labels) stay plain records, and a lookup set after the import (unit tests) still applies.
 */
export function wordsOf<K extends string>(keys: Readonly<Record<K, MessageKey>>): Readonly<Record<K, string>> {
  const words = {} as Record<K, string>;
  for (const name of Object.keys(keys) as K[]) {
    Object.defineProperty(words, name, { enumerable: true, get: () => t(keys[name]) });
  }
  return words;
}
