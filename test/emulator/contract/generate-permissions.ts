// Writes graph-permissions.json, the local tenant's permission contract, from Microsoft's own permission tables.
// `npm run contract:update` (sources as stored) or `npm run contract:update -- --download [--ref <commit|branch>]`.
//
// The tables are the per-API includes of microsoftgraph/microsoft-graph-docs-contrib
// (api-reference/v1.0/includes/permissions/<name>-permissions.md): rows "Delegated (work or school account)|least|higher",
// "Application|least|higher", a cell "Not supported." / "Not available." when there is none, "A and B" when both are
// needed together. Older API pages carry the table inline with one column "Permissions (from least to most
// privileged)": its first entry is taken as least privileged, the rest as higher. The Purview audit search pages carry
// it inline with a row per Microsoft 365 service ("Microsoft 365 service|Delegated ...|...|Application"): each
// service's permission is one least-privileged alternative.
//
// How the sources got here: the network is closed on the machine where this contract was first written, so each
// table was read through a stored index of public GitHub files and copied verbatim into permission-sources/<id>.md
// with a first line naming the repository, path and commit it was read at (a second line says when it is not the
// include itself: the table inline in the API page, or a fork holding the include when the index had no copy of the
// upstream file). With `--download`, this script replaces every source with the include file of
// microsoftgraph/microsoft-graph-docs-contrib at `--ref` (default `main`) from raw.githubusercontent.com; when the
// network cannot be reached it says so and keeps the stored sources. It always regenerates the JSON from the sources.

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { OPERATIONS, OIDC_SCOPES, type OperationSpec } from './operations.ts';

const HERE = new URL('.', import.meta.url);
const SOURCES = new URL('permission-sources/', HERE);
const OUTPUT = new URL('graph-permissions.json', HERE);
const UPSTREAM = 'microsoftgraph/microsoft-graph-docs-contrib';

/** One way to hold a permission: every name in the list, together. */
type AllOf = string[];

interface Row {
  least: AllOf[];
  higher: AllOf[];
}

export interface ParsedTable {
  delegated: Row;
  application: Row;
}

function entries(cell: string): AllOf[] {
  const text = cell.trim();
  if (!text || /^not (supported|available)\.?$/i.test(text)) return [];
  return text.split(',').map((entry) =>
    entry
      .split(/\s+and\s+/)
      .map((name) => name.trim())
      .filter(Boolean),
  );
}

/** Reads one of Microsoft's permission tables (three-column or the older two-column form). */
export function parsePermissionTable(markdown: string): ParsedTable {
  const rows = markdown
    .split('\n')
    .filter((line) => line.trim().startsWith('|'))
    .map((line) =>
      line
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((cell) => cell.trim()),
    );
  const header = rows[0] ?? [];
  // The Purview audit search pages (security-auditlogquery-*.md) give one row per Microsoft 365 service, each
  // permission reaching that service's records: every one is an alternative of its own, none more privileged.
  if (/^Microsoft 365 service$/i.test(header[0] ?? '')) {
    const column = (label: RegExp): Row => {
      const at = header.findIndex((cell) => label.test(cell));
      return { least: rows.slice(2).flatMap((cells) => entries(cells[at] ?? '')), higher: [] };
    };
    return { delegated: column(/^Delegated \(work or school account\)$/i), application: column(/^Application$/i) };
  }
  const twoColumn = header.length === 2;
  const row = (label: RegExp): Row => {
    const cells = rows.find((r) => label.test(r[0] ?? ''));
    if (!cells) throw new Error(`no row ${String(label)} in table`);
    if (twoColumn) {
      const all = entries(cells[1] ?? '');
      return { least: all.slice(0, 1), higher: all.slice(1) };
    }
    return { least: entries(cells[1] ?? ''), higher: entries(cells[2] ?? '') };
  };
  return { delegated: row(/^Delegated \(work or school account\)$/i), application: row(/^Application$/i) };
}

interface SourceHeader {
  repository: string;
  path: string;
  commit: string;
}

function sourceHeader(markdown: string, file: string): SourceHeader {
  const m = /^<!-- source: (\S+) (\S+) @ (\S+) -->/.exec(markdown);
  if (!m?.[1] || !m[2] || !m[3]) throw new Error(`${file}: the first line must be <!-- source: owner/repo path @ commit -->`);
  return { repository: m[1], path: m[2], commit: m[3] };
}

async function download(ref: string): Promise<void> {
  for (const op of OPERATIONS) {
    if (!op.table) continue;
    const path = `api-reference/v1.0/includes/permissions/${op.table}-permissions.md`;
    const url = `https://raw.githubusercontent.com/${UPSTREAM}/${ref}/${path}`;
    let text: string;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      text = await response.text();
    } catch (err) {
      // No network at all (as on the machine this was written on): every stored source stays as it is.
      if (err instanceof TypeError) {
        console.warn(`raw.githubusercontent.com cannot be reached (${err.message}); keeping every stored source`);
        return;
      }
      console.warn(`${url}: ${err instanceof Error ? err.message : String(err)}; keeping the stored source`);
      continue;
    }
    writeFileSync(new URL(`${op.table}.md`, SOURCES), `<!-- source: ${UPSTREAM} ${path} @ ${ref} -->\n${text}`);
    console.log(`downloaded ${path} @ ${ref}`);
  }
}

const sorted = (names: Iterable<string>) => [...new Set(names)].sort((a, b) => a.localeCompare(b));

/** The contract as data: each operation with its tables' permissions, and the delegated / application-only names. */
export function buildContract(readSource: (table: string) => string): Record<string, unknown> {
  const delegated = new Set<string>();
  const application = new Set<string>();
  const operations = OPERATIONS.map((op: OperationSpec) => {
    if (!op.table) {
      return {
        id: op.id,
        method: op.method,
        paths: op.paths,
        doc: op.doc,
        note: op.note,
        delegatedLeast: [],
        delegatedHigher: [],
        applicationLeast: [],
        applicationHigher: [],
      };
    }
    const markdown = readSource(op.table);
    const table = parsePermissionTable(markdown);
    for (const set of [...table.delegated.least, ...table.delegated.higher]) set.forEach((p) => delegated.add(p));
    for (const set of [...table.application.least, ...table.application.higher]) set.forEach((p) => application.add(p));
    return {
      id: op.id,
      method: op.method,
      paths: op.paths,
      doc: `api-reference/v1.0/includes/permissions/${op.table}-permissions.md`,
      source: sourceHeader(markdown, op.table),
      ...(op.note ? { note: op.note } : {}),
      delegatedLeast: table.delegated.least,
      delegatedHigher: table.delegated.higher,
      applicationLeast: table.application.least,
      applicationHigher: table.application.higher,
    };
  });
  return {
    $comment:
      'Generated by `npm run contract:update` (test/emulator/contract/generate-permissions.ts) from the tables in test/emulator/contract/permission-sources/. Do not edit: change a source or operations.ts and regenerate. Each alternative in a least/higher list is a set of permissions needed together.',
    oidcScopes: OIDC_SCOPES,
    operations,
    delegated: sorted(delegated),
    applicationOnly: sorted([...application].filter((p) => !delegated.has(p))),
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--download')) {
    const refAt = args.indexOf('--ref');
    await download(refAt >= 0 ? (args[refAt + 1] ?? 'main') : 'main');
  }
  const contract = buildContract((table) => readFileSync(new URL(`${table}.md`, SOURCES), 'utf8'));
  const path = fileURLToPath(OUTPUT);
  const text = await format(JSON.stringify(contract), { ...(await resolveConfig(path)), filepath: path });
  writeFileSync(OUTPUT, text);
  console.log(`wrote ${path}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main();
}
