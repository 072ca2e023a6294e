import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type Verdict = 'pass' | 'fail' | 'info';

/** One row of the bench's table. */
export interface Row {
  name: string;
  /** The figure as printed, e.g. `41.2 s, 17,800 records/s`. */
  value: string;
  /** How the figure compares to its own baseline, e.g. `1.21× the floor`. */
  ratio?: string;
  target?: string;
  verdict: Verdict;
  /** How many measurements the figure is the median of. */
  repetitions?: number;
  data: Record<string, unknown>;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
export const count = (n: number): string => Math.round(n).toLocaleString('en-US');
export const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function verdict(ok: boolean): Verdict {
  return ok ? 'pass' : 'fail';
}

export function printTable(rows: readonly Row[]): void {
  const header = ['measure', 'result', 'ratio', 'target', 'n', 'verdict'];
  const lines = rows.map((r) => [
    r.name,
    r.value,
    r.ratio ?? '',
    r.target ?? '',
    r.repetitions ? String(r.repetitions) : '',
    r.verdict.toUpperCase(),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(`\n${format(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const line of lines) console.log(format(line));
  console.log('\nn: repetitions (the result is their median).');
}

export function writeResults(file: string, results: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}
