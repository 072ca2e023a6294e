// Injected failures: throttling, outages, dropped connections, bad JSON, slow answers and links to another host;
// and a standing latency for every matching request (Graph's time per page, for the bench).

import type { FaultKind, FaultSpec, LatencySpec } from './types.ts';

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

/**
 * A fixed wait before every matching request is answered (setLatency): the time Graph takes to serve a page, for the
 * bench. Unlike a 'slow' fault it never runs out and never hides a fault; each request waits on its own, so requests
 * in flight together wait together, as at Microsoft.
 */
export class Latency {
  private rules = new Map<string, { regex: RegExp | null; ms: number }>();

  /** `ms` 0 (or less) removes the rule for `path`; a second rule for the same path replaces the first. */
  set(spec: LatencySpec): void {
    if (!spec || typeof spec.path !== 'string' || !spec.path || typeof spec.ms !== 'number' || !Number.isFinite(spec.ms)) {
      throw new Error('A latency needs a path and ms (a number of milliseconds).');
    }
    if (spec.ms <= 0) {
      this.rules.delete(spec.path);
      return;
    }
    let regex: RegExp | null = null;
    try {
      regex = new RegExp(spec.path);
    } catch {
      regex = null;
    }
    this.rules.set(spec.path, { regex, ms: spec.ms });
  }

  clear(): void {
    this.rules.clear();
  }

  /** The wait for `path`: the first matching rule's, else 0. Matched as faults are (substring or regular expression). */
  of(path: string): number {
    for (const [rulePath, rule] of this.rules) if (path.includes(rulePath) || rule.regex?.test(path)) return rule.ms;
    return 0;
  }
}
