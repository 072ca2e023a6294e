// What each request carried, so tests can prove that no token went where it must not. Token values never enter it.

import type { RequestRecord } from './types.ts';

const MAX_RECORDS = 50_000;
const SECRET_PARAMS = /^(id_token_hint|access_token|refresh_token|code|code_verifier|client_assertion|assertion|password|emu_ticket)$/i;

export function redactQuery(query: string): string {
  if (!query) return '';
  const params = new URLSearchParams(query);
  for (const key of [...params.keys()]) if (SECRET_PARAMS.test(key)) params.set(key, 'REDACTED');
  return params.toString();
}

export class RequestLog {
  private records: RequestRecord[] = [];

  add(record: RequestRecord): RequestRecord {
    if (this.records.length >= MAX_RECORDS) this.records.splice(0, MAX_RECORDS / 10);
    this.records.push(record);
    return record;
  }

  all(): RequestRecord[] {
    return this.records.map((r) => ({ ...r }));
  }

  clear(): void {
    this.records = [];
  }
}
