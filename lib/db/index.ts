import { AppDB } from './app-db';

let instance: AppDB | undefined;

/** The one AppDB of this extension context, opened on first use. */
export function getDb(): AppDB {
  instance ??= new AppDB();
  return instance;
}

export { AppDB } from './app-db';
export type * from './types';
