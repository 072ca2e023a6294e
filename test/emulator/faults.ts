// Injected failures: throttling, outages, dropped connections, bad JSON, slow answers and links to another host.

import type { FaultKind, FaultSpec } from './types.ts';

export interface ActiveFault {
  kind: FaultKind;
  retryAfterSeconds?: number;
  delayMs?: number;
  host?: string;
}

interface Entry {
  spec: FaultSpec;
  remaining: number;
  regex: RegExp | null;
}

const KINDS: readonly FaultKind[] = ['429', '503', '504', 'reset', 'malformed', 'slow', 'foreign-link'];

export class Faults {
  private entries: Entry[] = [];

  add(spec: FaultSpec): void {
    if (!spec || typeof spec.path !== 'string' || !KINDS.includes(spec.kind)) {
      throw new Error(`A fault needs a path and a kind (one of ${KINDS.join(', ')}).`);
    }
    let regex: RegExp | null = null;
    try {
      regex = new RegExp(spec.path);
    } catch {
      regex = null;
    }
    const count = spec.count === undefined ? 1 : spec.count < 0 ? Infinity : spec.count;
    this.entries.push({ spec: { ...spec }, remaining: count, regex });
  }

  clear(): void {
    this.entries = [];
  }

  /** Takes one use of the first fault matching `path`, if any. `kinds` limits which kinds may apply. */
  take(path: string, kinds: readonly FaultKind[] = KINDS): ActiveFault | undefined {
    for (const entry of this.entries) {
      if (!kinds.includes(entry.spec.kind)) continue;
      if (!path.includes(entry.spec.path) && !entry.regex?.test(path)) continue;
      entry.remaining--;
      if (entry.remaining <= 0) this.entries = this.entries.filter((e) => e !== entry);
      const { kind, retryAfterSeconds, delayMs, host } = entry.spec;
      return { kind, retryAfterSeconds, delayMs, host };
    }
    return undefined;
  }
}
