import { describe, expect, it } from 'vitest';
import { substitute } from '../../../lib/i18n/substitute';
import { LOCALES, readMessages } from './messages';

const english = readMessages('en');
const marks = (message: string) => [...message.matchAll(/\$([1-9])/g)].map((match) => match[1]).sort();

describe('the locales', () => {
  it.each(LOCALES.filter((locale) => locale !== 'en'))('%s has exactly the English keys', (locale) => {
    const messages = readMessages(locale);
    const missing = Object.keys(english).filter((key) => !(key in messages));
    const extra = Object.keys(messages).filter((key) => !(key in english));
    expect(missing, `keys missing in ${locale}`).toEqual([]);
    expect(extra, `keys in ${locale} that English lacks`).toEqual([]);
  });

  it.each(LOCALES)('%s: every message is words, with the same substitutions as English', (locale) => {
    for (const [key, { message }] of Object.entries(readMessages(locale))) {
      expect(key, 'chrome.i18n keys are letters, digits and _').toMatch(/^[A-Za-z0-9_]+$/);
      expect(message.trim(), `${locale}.${key} is empty`).not.toBe('');
      expect(marks(message), `${locale}.${key} uses other $n than English`).toEqual(marks(english[key]?.message ?? ''));
      // A lone `$` that is neither `$1`…`$9` nor `$$` would read differently in each browser.
      expect(message.replace(/\$(\$|[1-9])/g, ''), `${locale}.${key} has a stray $`).not.toContain('$');
    }
  });
});

describe('substitute, the browsers’ rule', () => {
  it('fills $1…$9 in order, drops a missing one and reads $$ as $', () => {
    expect(substitute('Hello $1, you have $2 items; costs $$5', ['A', 'B'])).toBe('Hello A, you have B items; costs $5');
    expect(substitute('No subs: $1 here', [])).toBe('No subs:  here');
  });
});
