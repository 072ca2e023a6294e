import { readFileSync } from 'node:fs';
import path from 'node:path';

export const LOCALES = ['en', 'de'] as const;
export type Messages = Record<string, { message: string; description?: string }>;

const root = path.resolve(import.meta.dirname, '../../..');

/** public/_locales/<locale>/messages.json as the browser reads it. */
export function readMessages(locale: string): Messages {
  return JSON.parse(readFileSync(path.join(root, 'public/_locales', locale, 'messages.json'), 'utf8')) as Messages;
}
