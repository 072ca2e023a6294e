import Dexie, { type DBCore, type DBCoreMutateRequest } from 'dexie';

/**
 * The rule "lib/ stores no translated text", held for every unit test: every text t() returns is remembered, and a
 * Dexie middleware installed on every database refuses an add or put whose record holds one of them anywhere. Records
 * keep codes and phrases (lib/errors/phrase.ts); the UI words them when it shows them. Names and Microsoft's values
 * are stored as they are and are not t()'s words. Texts shorter than MIN_LENGTH are not remembered ("OneDrive" is
 * also a drive's name): the rule is about sentences and labels, and those are longer.
 */
const MIN_LENGTH = 12;
const worded = new Set<string>();

/** Remember a text that t() returned. */
export function rememberWorded(text: string): void {
  // A lower-case word alone ("disconnected") may also be a code: codes are what records should hold.
  if (text.length >= MIN_LENGTH && !/^[a-z_]+$/.test(text)) worded.add(text);
}

/** The first remembered text found in `value` (a record or any part of it), with where it was. */
export function wordedTextIn(value: unknown, where = ''): string | undefined {
  if (typeof value === 'string') return worded.has(value) ? `${where || '.'}: ${JSON.stringify(value)}` : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const found = wordedTextIn(inner, `${where}.${key}`);
    if (found) return found;
  }
  return undefined;
}

function refuseWords(table: string, request: DBCoreMutateRequest): void {
  if (request.type !== 'add' && request.type !== 'put') return;
  for (const value of request.values) {
    const found = wordedTextIn(value);
    if (found) throw new Error(`lib/ wrote translated text to ${table}: ${found}. Store a code or a phrase (lib/errors/phrase.ts).`);
  }
}

/** Install the middleware on every Dexie database opened from now on. */
export function guardDexieWrites(): void {
  Dexie.addons.push((db) => {
    db.use({
      stack: 'dbcore',
      name: 'no-translated-text',
      create: (down: DBCore): DBCore => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return {
            ...table,
            mutate: (request) => {
              refuseWords(name, request);
              return table.mutate(request);
            },
          };
        },
      }),
    });
  });
}
